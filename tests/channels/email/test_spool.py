"""Large messages stream: read as a whole message would be, never held whole in memory."""

from __future__ import annotations

import base64
import hashlib
import io
import mailbox
import quopri
from email.message import EmailMessage
from pathlib import Path

from complaintdesk.channels.email import spool
from complaintdesk.channels.email.files import mbox_sources, mbox_spans
from complaintdesk.channels.email.intake import RawMessage
from complaintdesk.channels.email.parsing import TEXT_SHOWN, parse, parsed

PDF = bytes(range(256)) * (6 * 4096)  # 6 MB, every byte value


def _large(text: str, html: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Léa Martin <lea@example.fr>"
    message["To"] = "desk@example.org"
    message["Subject"] = "Relevés de compte"
    message["Message-ID"] = "<large-1@example.fr>"
    message.set_content(text, cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="relevé.pdf")
    inner = EmailMessage()
    inner["From"] = "bank@example.com"
    inner["Subject"] = "Statement"
    inner.set_content("Attached statement")
    message.add_attachment(inner)
    return message.as_bytes()


def _stream(raw: bytes) -> dict[str, object]:
    with parsed(io.BytesIO(raw), len(raw)) as email:
        return _facts(email)


def _facts(email: object) -> dict[str, object]:
    files = email.attachments
    return {
        "sender": email.sender,
        "subject": email.subject,
        "id": email.message_id,
        "body": email.body_text,
        "files": [(f.filename, f.content_type, f.size, f.sha256) for f in files],
    }


def test_a_large_message_streamed_reads_exactly_as_the_whole_message_would() -> None:
    text = "Bonjour, voici mes relevés de compte. " * 12_000  # about 460 KB of text
    raw = _large(text, html=f"<p>{text}</p>")
    assert len(raw) > spool.IN_MEMORY_LIMIT

    streamed = _stream(raw)

    assert streamed == _facts(parse(raw))
    files = {name: size for name, _kind, size, _hash in streamed["files"]}  # type: ignore[attr-defined]
    assert files["relevé.pdf"] == len(PDF)
    assert files["message.txt"] == len(f"{text}\n".encode())  # set_content ends the line
    assert "message.html" in files
    assert str(streamed["body"]).endswith("[…]")
    assert len(str(streamed["body"])) <= TEXT_SHOWN + 10


def test_a_small_message_keeps_its_whole_text_and_no_extra_file() -> None:
    email = parse(_large("Short complaint."))

    assert email.body_text == "Short complaint."
    assert [f.filename for f in email.attachments] == ["relevé.pdf", "attachment-2.eml"]


def test_base64_without_line_breaks_and_quoted_printable_with_long_lines_decode_whole() -> None:
    payload = bytes(range(256)) * 40_000  # 10 MB
    encoded = base64.b64encode(payload)  # one line, far longer than a read
    words = ("café=" * 30_000).encode()
    qp = quopri.encodestring(words).replace(b"=\n", b"")  # one long line of escapes
    raw = (
        b"From: a@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + qp + b"\r\n--b1\r\n"
        b"Content-Type: application/octet-stream; name=data.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"\r\n--b1--\r\n"
    )

    with parsed(io.BytesIO(raw), len(raw)) as email:
        files = {f.filename: f for f in email.attachments}
        assert files["data.bin"].sha256 == hashlib.sha256(payload).hexdigest()
        assert files["message.txt"].data == words
        assert email.body_text.startswith("café=café=")


def test_the_bytes_of_a_streamed_message_are_hashed_for_a_stable_id() -> None:
    raw = b"From: a@example.com\r\nSubject: no id\r\n\r\n" + b"x" * (spool.IN_MEMORY_LIMIT + 1)

    with parsed(io.BytesIO(raw), len(raw)) as email:
        streamed = email.message_id

    assert streamed == parse(raw).message_id
    assert hashlib.sha256(raw).hexdigest() in streamed


def test_an_mbox_is_split_where_python_splits_it_whatever_its_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    bodies = [b"first", b">From the start of a line", b"", b"last one"]
    box = mailbox.mbox(path)
    for n, body in enumerate(bodies):
        box.add(b"From: c%d@example.com\nSubject: %d\n\n%s\n" % (n, n, body))
    box.flush()
    box.close()
    reference = mailbox.mbox(path)
    expected = [reference.get_bytes(key) for key in reference.iterkeys()]
    reference.close()
    windows = tmp_path / "windows.mbox"
    windows.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    assert [path.read_bytes()[a:b] for a, b in mbox_spans(path)] == expected
    crlf = [windows.read_bytes()[a:b] for a, b in mbox_spans(windows)]
    assert crlf == [e.replace(b"\n", b"\r\n") for e in expected]
    sources = [s for s in mbox_sources(path) if isinstance(s, RawMessage)]
    with sources[1].open() as stream:
        assert stream.read().endswith(b">From the start of a line\n")
