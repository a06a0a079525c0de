"""Reading real-world email: charsets, HTML, attachments, robots, broken headers."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from complaintdesk.channels.email.automatic import automatic_reason
from complaintdesk.channels.email.html_text import html_to_text
from complaintdesk.channels.email.parsing import (
    UnreadableMessage,
    decode_bytes,
    message_ids,
    parse,
)
from complaintdesk.domain.customers.language import guess, long_date
from complaintdesk.services.outbound.outbox import reply_subject
from complaintdesk.storage.secrets import FileSecrets, SecretMissing, Secrets


def _raw(headers: str, body: bytes = b"Body\r\n") -> bytes:
    return headers.replace("\n", "\r\n").encode("ascii") + b"\r\n" + body


def test_a_plain_message_gives_its_sender_subject_ids_and_body() -> None:
    email = parse(
        _raw(
            "From: =?utf-8?q?L=C3=A9a_Martin?= <Lea@Example.FR>\n"
            "To: desk@example.org\nSubject: =?iso-8859-1?q?Factur=E9e_deux_fois?=\n"
            "Message-ID: <m1@example.fr>\nIn-Reply-To: <a@x> (comment)\n"
            "References: <z@x> <a@x>\nDate: Tue, 10 Mar 2026 10:00:00 +0100\n"
        )
    )

    assert (email.sender, email.sender_name) == ("lea@example.fr", "Léa Martin")
    assert email.subject == "Facturée deux fois"
    assert email.message_id == "<m1@example.fr>"
    assert (email.in_reply_to, email.references) == ("<a@x>", ("<z@x>", "<a@x>"))
    assert email.received_at is not None
    assert email.received_at.isoformat() == "2026-03-10T09:00:00+00:00"
    assert email.body_text == "Body"
    assert email.automatic is None


def test_a_message_without_message_id_gets_a_stable_one_from_its_bytes() -> None:
    raw = _raw("From: a@example.com\nSubject: hi\n")

    first, second = parse(raw), parse(raw)
    other = parse(raw + b"more")

    assert first.message_id == second.message_id
    assert first.message_id.endswith("@complaintdesk.invalid>")
    assert other.message_id != first.message_id


@pytest.mark.parametrize(
    ("charset", "body", "expected"),
    [
        ("iso-8859-1", "Réclamation".encode("latin-1"), "Réclamation"),
        ("x-unknown-charset", "Réclamation".encode(), "Réclamation"),
        ("utf-8", "Réclamation".encode("latin-1"), "Réclamation"),
        ("iso-8859-1", "Réclamation".encode(), "Réclamation"),
        ("us-ascii", "naïve".encode("cp1252"), "naïve"),
        ("shift_jis", "あいうえお".encode("shift_jis"), "あいうえお"),
        ("ks_c_5601-1987", "스티해".encode("euc_kr"), "스티해"),
    ],
)
def test_every_charset_is_read_and_a_wrong_or_unknown_one_falls_back(
    charset: str, body: bytes, expected: str
) -> None:
    headers = f"From: a@example.com\nContent-Type: text/plain; charset={charset}\n"
    headers += "Content-Transfer-Encoding: 8bit\n"

    assert parse(_raw(headers, body)).body_text == expected


def test_raw_eight_bit_headers_are_decoded_not_replaced_by_question_marks() -> None:
    raw = b"From: a@example.com\r\nSubject: Forma\xe7\xe3o\r\n\r\nx\r\n"

    assert parse(raw).subject == "Formação"


def test_obsolete_spaces_before_header_colons_are_tolerated() -> None:
    raw = b"From  : John <jdoe@machine.example>\nSubject : Hello\n\nHi.\n"

    email = parse(raw)

    assert email.sender == "jdoe@machine.example"


def test_html_only_mail_is_read_as_text_and_the_original_is_kept() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Hello,</p>"
        "<p>I was <b>charged&nbsp;twice</b>:<br>see <a href='https://bank.example/x'>this</a>"
        "</p><ul><li>March</li><li>April</li></ul><script>evil()</script></body></html>"
    )
    raw = _raw("From: a@example.com\nContent-Type: text/html; charset=utf-8\n", html.encode())

    email = parse(raw)

    assert email.body_text == (
        "Hello,\n\nI was charged twice:\nsee this <https://bank.example/x>\n\n• March\n• April"
    )
    assert email.body_original == html


def test_broken_html_never_raises() -> None:
    assert (
        html_to_text("<p>unclosed <b>bold <table><tr><td>a<td>b</p></div>")
        == "unclosed bold\n\n\ta\tb"
    )


def test_attachments_are_decoded_named_and_an_attached_message_kept_whole() -> None:
    raw = _raw(
        'From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n',
        b"--B\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        b"--B\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''re%C3%A7u.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: b@x\r\nSubject: inner\r\n\r\ninner body\r\n"
        b"--B--\r\n",
    )

    email = parse(raw)

    assert email.body_text == "See attached."
    assert [(a.filename, a.content_type) for a in email.attachments] == [
        ("reçu.pdf", "application/pdf"),
        ("attachment-2.eml", "message/rfc822"),
    ]
    assert email.attachments[0].data == b"%PDF-1.4"
    assert b"inner body" in email.attachments[1].data


def test_a_path_in_an_attachment_name_is_neutralised() -> None:
    raw = _raw(
        'From: a@example.com\nContent-Type: application/octet-stream; name="../../etc/passwd"\n'
        "Content-Disposition: attachment\n"
    )

    [attachment] = parse(raw).attachments

    assert "/" not in attachment.filename
    assert attachment.filename == "etc_passwd"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"   \r\n  ", "empty"),
        (bytes(range(256)) * 4, "no header"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "no header"),
    ],
)
def test_what_is_not_an_email_is_unreadable_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(UnreadableMessage, match=reason):
        parse(raw)


def _headers(**values: str) -> object:
    named = {k.replace("_", "-").lower(): v for k, v in values.items()}
    return lambda name: named.get(name.lower())


@pytest.mark.parametrize(
    ("headers", "content_type", "sender", "expected"),
    [
        ({"Auto_Submitted": "auto-replied"}, "text/plain", None, "Auto-Submitted"),
        ({"Auto_Submitted": "no"}, "text/plain", None, None),
        ({"Precedence": "bulk"}, "text/plain", None, "Precedence"),
        ({"Precedence": "junk"}, "text/plain", None, "Precedence"),
        ({"X_Autoreply": "yes"}, "text/plain", None, "X-Autoreply"),
        ({}, "multipart/report", None, "delivery report"),
        ({"List_Id": "<l.example.com>"}, "text/plain", None, "mailing list"),
        ({}, "text/plain", "mailer-daemon@x.example", "mailer-daemon"),
        ({"Return_Path": "<>"}, "text/plain", "a@b.example", "null return path"),
        ({"Subject": "Out of Office: your mail"}, "text/plain", "a@b.example", "subject"),
        ({"Subject": "Undelivered parcel"}, "text/plain", "a@b.example", None),
        ({"Subject": "Absent refund"}, "text/plain", "a@b.example", None),
        ({}, "text/plain", "jane@example.com", None),
    ],
)
def test_robots_are_recognised_and_people_are_not(
    headers: dict[str, str], content_type: str, sender: str | None, expected: str | None
) -> None:
    reason = automatic_reason(_headers(**headers), content_type, sender)  # type: ignore[arg-type]

    if expected is None:
        assert reason is None
    else:
        assert reason is not None
        assert expected in reason


def test_message_ids_are_read_from_messy_headers() -> None:
    assert message_ids("<a@b> garbage <c@d>") == ["<a@b>", "<c@d>"]
    assert message_ids("bare@id") == ["<bare@id>"]
    assert message_ids("") == []
    assert message_ids("two words") == []


def test_decoding_never_fails() -> None:
    assert decode_bytes(b"\x81\x8d\x8f", "no-such-charset")
    assert decode_bytes(b"caf\xc3\xa9", None) == "café"


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Bonjour, ma facture est fausse. Merci", None, "fr"),
        ("Hello, my invoice is wrong. Thanks", None, "en"),
        ("Hello", "fr-FR", "fr"),
        ("Bonjour", "de", "fr"),
        ("", None, "en"),
    ],
)
def test_the_customer_language_is_guessed(text: str, declared: str | None, expected: str) -> None:
    assert guess(text, declared) == expected


def test_dates_are_written_as_people_write_them() -> None:
    assert long_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert long_date(date(2026, 12, 24), "fr") == "24 décembre 2026"
    assert long_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert long_date(date(2026, 3, 1), "de") == "1 March 2026"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Parcel lost", "Re: [HQ-26-00001] Parcel lost"),
        ("RE: Re: [HQ-26-00001] Parcel lost", "Re: [HQ-26-00001] Parcel lost"),
        (None, "Re: [HQ-26-00001]"),
    ],
)
def test_a_reply_subject_carries_the_reference_once(subject: str | None, expected: str) -> None:
    assert reply_subject("HQ-26-00001", subject) == expected


def test_file_secrets_are_readable_by_the_user_only(tmp_path: Path) -> None:
    store = Secrets(tmp_path, use_keyring=False)

    reference = store.put("mailbox-1", "p@ss word")

    assert reference == "file:mailbox-1"
    assert store.get(reference) == "p@ss word"
    path = tmp_path / "secrets" / "mailbox-1.secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.put("mailbox-1", "changed") == reference
    assert store.get(reference) == "changed"


def test_a_missing_secret_is_an_expected_error(tmp_path: Path) -> None:
    with pytest.raises(SecretMissing):
        FileSecrets(tmp_path).get("file:nothing-here")
    with pytest.raises(SecretMissing):
        FileSecrets(tmp_path).get("file:../../etc/passwd")


def test_the_keyring_is_used_when_one_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        stored: dict[tuple[str, str], str] = {}

        def set_password(self, service: str, username: str, password: str) -> None:
            self.stored[(service, username)] = password

        def get_password(self, service: str, username: str) -> str | None:
            return self.stored.get((service, username))

        def delete_password(self, service: str, username: str) -> None:
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        store = Secrets(tmp_path)
        reference = store.put("mailbox-2", "secret")
        assert reference == "keyring:mailbox-2"
        assert store.get(reference) == "secret"
        assert not (tmp_path / "secrets").exists()
    finally:
        keyring.set_keyring(previous)
