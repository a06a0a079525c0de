"""Pure rules of complaint handling: no Qt, no SQLAlchemy, fast to test exhaustively."""
