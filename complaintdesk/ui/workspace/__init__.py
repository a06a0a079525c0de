"""The workspace of one complaint: facts and clocks, the timeline, what is awaited, the
customer card, and the complaint actions with their handlers."""
