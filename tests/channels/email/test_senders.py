"""Sender damage real mail carries is salvaged; only what nobody could answer is left out."""

from __future__ import annotations

import pytest

from complaintdesk.channels.email.parsing import parse


def _from(value: str, *extra: str) -> bytes:
    lines = [f"From: {value}", *extra, "Subject: Refund", "Message-ID: <s1@x.example>"]
    return ("\r\n".join(lines) + "\r\n\r\nHello\r\n").encode("utf-8")


@pytest.mark.parametrize(
    ("header", "address", "name"),
    [
        ("Big Bug bb@bug.com", "bb@bug.com", "Big Bug"),  # no angle brackets
        ('"Jane Doe <jane@example.com>', "jane@example.com", "Jane Doe"),  # unbalanced quote
        ('Jane Doe" <jane@example.com>', "jane@example.com", "Jane Doe"),
        ("tim@powerupdev.com concierge@powerupdev.com", "tim@powerupdev.com", None),
        ("John Doe <jdoe@machine(comment).  example>", "jdoe@machine.example", "John Doe"),
        ("jdoe@example.com (John Doe)", "jdoe@example.com", "John Doe"),
        ("<Lea@Example.FR>", "lea@example.fr", None),
        ("=?utf-8?q?L=C3=A9a_Martin?= <lea@example.fr>", "lea@example.fr", "Léa Martin"),
        ("Zoë <zoë@exemple.fr>", "zoë@exemple.fr", "Zoë"),  # RFC 6532 address
    ],
)
def test_a_damaged_sender_is_salvaged(header: str, address: str, name: str | None) -> None:
    email = parse(_from(header))

    assert (email.sender, email.sender_name) == (address, name)
    assert email.unusable_sender is None


@pytest.mark.parametrize(
    "header",
    ['"xxxxx@xxxxx" <xxxxx@xxxxx>', "undisclosed-recipients:;", "Jane Doe", "@example.com"],
)
def test_an_address_nobody_could_answer_is_left_out_and_what_it_said_kept(header: str) -> None:
    email = parse(_from(header))

    assert email.sender is None
    assert email.unusable_sender == header


def test_reply_to_stands_in_for_a_from_nobody_could_answer() -> None:
    email = parse(_from("Jane Doe", "Reply-To: Jane <jane@example.com>"))

    assert (email.sender, email.sender_name) == ("jane@example.com", "Jane")


def test_a_stray_line_inside_the_headers_does_not_hide_the_sender() -> None:
    raw = (
        b"Received: from x by y; Wed, 23 Feb 2005 17:51:49 -0500\r\n"
        b"quite Delivered-To: desk@example.org\r\n"
        b'From: "Sam Lee" <sam@example.com>\r\nSubject: Stop the charges\r\n'
        b"Message-ID: <stray@x.example>\r\n\r\nPlease stop.\r\n"
    )

    email = parse(raw)

    assert (email.sender, email.subject, email.body_text) == (
        "sam@example.com",
        "Stop the charges",
        "Please stop.",
    )


def test_a_body_without_a_blank_line_before_it_stays_the_body() -> None:
    raw = b"From: sam@example.com\r\nSubject: Hi\r\nthis line is the body\r\n"

    email = parse(raw)

    assert email.sender == "sam@example.com"
    assert "this line is the body" in email.body_text
