"""What the journals record and how: rows as values, events dated after their complaint, the
audit trail's chains per writer and the keys they are hashed with."""
