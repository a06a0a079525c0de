"""The person at the keyboard: sign-in, first run, idle lock, password, preferences, and the
one running window per person and database."""
