"""The queue table: keyset-paged model and view, filter bar, saved views, bulk actions, export."""
