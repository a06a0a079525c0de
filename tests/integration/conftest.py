"""Fixtures of the integration tests beyond the databases: real mail servers on loopback."""

from tests.integration.mail_servers import imap_server, smtp_port_down, smtp_server

__all__ = ["imap_server", "smtp_port_down", "smtp_server"]
