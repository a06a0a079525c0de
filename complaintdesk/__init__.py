"""ComplaintDesk: complaint handling where one owner answers and promises are kept."""

__version__ = "0.1.0"
