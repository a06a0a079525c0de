"""The timeline tells an agent what a message is: its direction, channel, and any warning."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.read_models import MessageView
from complaintdesk.ui.workspace import timeline


def _email(*, id_clash: bool) -> MessageView:
    return MessageView(
        id=uuid.uuid4(),
        direction="inbound",
        channel=Channel.EMAIL,
        sender="bob@example.com",
        subject="Refund",
        body_text="Order 2 was broken.",
        occurred_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        id_clash=id_clash,
    )


def test_an_email_that_reuses_another_s_message_id_says_so_and_one_that_does_not_is_plain(
    qapp: object,
) -> None:
    clash = timeline._message_entry(_email(id_clash=True), None)
    plain = timeline._message_entry(_email(id_clash=False), None)

    assert "also an earlier, different email's: both are kept" in clash.text
    assert "Message-ID" not in plain.text
