"""One complaint's life: intake, ownership, lifecycle, routing, contribution requests,
customer commitments, messages and attachments, notifications, bulk actions."""
