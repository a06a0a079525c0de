"""Use cases: the only way to change data. Each call is one unit of work."""
