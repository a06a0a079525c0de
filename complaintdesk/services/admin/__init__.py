"""Administering the installation: organisation, users and sign-in, routing rules, root
causes, and reading the audit trail."""
