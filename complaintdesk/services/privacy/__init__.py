"""Personal data: subject access export, erasure by anonymisation, the retention policy."""
