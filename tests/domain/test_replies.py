"""Which channels an answer can take: the customer's own first, recorded ones always."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaintdesk.domain.replies import Heard, ReplyChannel, reply_channels
from complaintdesk.domain.vocabulary import Channel

NOW = datetime(2026, 12, 7, 10, tzinfo=UTC)


def test_email_goes_to_the_address_she_last_wrote_from_and_comes_first() -> None:
    heard = [
        Heard(Channel.EMAIL, "old@example.org", NOW - timedelta(days=2)),
        Heard(Channel.EMAIL, "new@example.org", NOW - timedelta(days=1)),
    ]

    options = reply_channels([("email", "card@example.org")], heard, Channel.PHONE)

    assert options[0] == ReplyChannel(Channel.EMAIL, True, "new@example.org")
    assert [o.channel for o in options[1:]] == [Channel.PHONE, Channel.LETTER, Channel.SHOP]


def test_social_only_where_she_wrote_on_social_and_the_latest_channel_first() -> None:
    heard = [
        Heard(Channel.EMAIL, "lea@example.org", NOW - timedelta(days=1)),
        Heard(Channel.SOCIAL, "x:@lea", NOW),
    ]

    options = reply_channels([("phone", "+33612345678")], heard, Channel.EMAIL)

    assert options[0] == ReplyChannel(Channel.SOCIAL, True, "x:@lea")
    assert ReplyChannel(Channel.PHONE, False, "+33612345678") in options
    assert not reply_channels([], [], Channel.SOCIAL)[0].sends  # nothing to answer on


def test_without_any_message_the_complaints_own_channel_comes_first() -> None:
    options = reply_channels([("email", "lea@example.org")], [], Channel.SHOP)

    assert options[0].channel is Channel.SHOP
    assert {o.channel for o in options} == {
        Channel.EMAIL,
        Channel.PHONE,
        Channel.LETTER,
        Channel.SHOP,
    }


def test_the_channel_she_asked_for_comes_first_when_it_is_offered() -> None:
    heard = [Heard(Channel.EMAIL, "lea@example.org", NOW)]
    contacts = [("email", "lea@example.org"), ("phone", "+33612345678")]

    asked_phone = reply_channels(contacts, heard, Channel.EMAIL, stated=Channel.PHONE)
    asked_social = reply_channels(contacts, heard, Channel.EMAIL, stated=Channel.SOCIAL)

    assert asked_phone[0] == ReplyChannel(Channel.PHONE, False, "+33612345678")
    # No conversation on social media to answer in: her latest channel instead.
    assert asked_social[0] == ReplyChannel(Channel.EMAIL, True, "lea@example.org")
