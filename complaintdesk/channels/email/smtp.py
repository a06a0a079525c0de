"""Sending email with :mod:`smtplib`, threading headers included."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from complaintdesk.services.outbound.delivery import DeliveryFailed, OutgoingEmail
from complaintdesk.services.outbound.mailboxes import MailboxSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30.0


def build(email: OutgoingEmail) -> EmailMessage:
    """Return the MIME message: our Message-ID, In-Reply-To and References for threading."""
    message = EmailMessage()
    message.set_content(email.body)  # first: it resets every Content-* header
    message["From"] = email.sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = email.header_id
    if email.in_reply_to:
        message["In-Reply-To"] = email.in_reply_to
    if email.references:
        message["References"] = " ".join(email.references)
    message["Content-Language"] = email.language
    if email.automatic:
        # RFC 3834: nobody should answer an automatic answer (and Exchange should not either).
        message["Auto-Submitted"] = "auto-replied"
        message["X-Auto-Response-Suppress"] = "All"
    return message


class SmtpTransport:
    """Sends emails over one open SMTP connection."""

    def __init__(self, client: smtplib.SMTP) -> None:
        self.client = client

    def send(self, email: OutgoingEmail) -> None:
        """Send ``email``; raise :class:`DeliveryFailed` with the server's reason."""
        try:
            refused = self.client.send_message(build(email))
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryFailed(f"The server refused the address {email.recipient}.") from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryFailed(f"The mail server did not take the email ({error}).") from error
        if refused:
            raise DeliveryFailed(f"The server refused the address {email.recipient}.")


@contextmanager
def connect(
    settings: MailboxSettings, password: str | None, *, timeout: float = TIMEOUT_SECONDS
) -> Iterator[SmtpTransport]:
    """Open a connection to the mailbox's SMTP server, signed in if configured.

    Raises:
        DeliveryFailed: no SMTP server configured, unreachable, TLS or sign-in refused.
    """
    if not settings.smtp_host or not settings.smtp_port:
        raise DeliveryFailed(f"Mailbox {settings.name} has no SMTP server to send from.")
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    client = _open(settings, where, timeout)
    try:
        if settings.smtp_login and password:
            client.login(settings.username, password)
    except smtplib.SMTPAuthenticationError as error:
        _quit(client)
        raise DeliveryFailed(f"The mail server {where} refused the user name or password.") from (
            error
        )
    except (smtplib.SMTPException, OSError) as error:
        _quit(client)
        raise DeliveryFailed(f"Cannot sign in to the mail server {where} ({error}).") from error
    try:
        yield SmtpTransport(client)
    finally:
        _quit(client)


def _open(settings: MailboxSettings, where: str, timeout: float) -> smtplib.SMTP:
    assert settings.smtp_host is not None
    try:
        if settings.smtp_tls == "ssl":
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port or 465, timeout=timeout, context=context
            )
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port or 25, timeout=timeout)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryFailed(f"Cannot reach the mail server {where} ({error}).") from error
    if settings.smtp_tls == "starttls":
        try:
            client.starttls(context=ssl.create_default_context())
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            client.close()
            raise DeliveryFailed(f"The mail server {where} refused TLS ({error}).") from error
    return client


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError) as error:  # the connection is gone either way
        log.debug("closing the SMTP connection: %s", error)
        client.close()
