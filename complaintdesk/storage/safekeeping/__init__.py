"""Copies and files kept safe: backups (and the erasures each predates), files and folders
readable by their owner only."""
