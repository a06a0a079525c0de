"""What leaves for the customer: the email outbox and its delivery, templates, receipts,
mailboxes and the social gateways' replies."""
