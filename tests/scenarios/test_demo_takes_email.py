"""A newcomer's demo database takes a customer's email: the shipped acknowledgement renders.

The demo's acknowledgement once named ``owner_name``, a variable the template registry does
not give (it is ``handler_name``): every new complaint by email was then refused, in the demo
and in the email benchmark run on a demo database.
"""

from __future__ import annotations

import io
import json
import mailbox
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.demo import seed as demo
from complaintdesk.storage.models import Complaint, Message
from tests.support.mail_factory import make_email


def test_the_demo_database_takes_a_new_complaint_by_email_and_acknowledges_it(
    backend: Backend,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Callable[..., str],
) -> None:
    demo.seed(backend.uow, complaints=40, seed=4)
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    box.add(make_email("My parcel never came", "Order 77 never arrived.", message_id="<p77@x>"))
    box.flush()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    url = backend.settings.database_url
    cli_sign_in(url)  # the mail job signs in as an administrator set it up
    code = cli.run(["ingest", "mbox", str(path), "--json", "--database", url])

    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out)
    assert summary["rejected"] == []
    assert summary["complaints"] == 1
    with backend.uow() as uow:
        found = uow.scalars(select(Complaint).where(Complaint.subject == "My parcel never came"))
        (recorded,) = list(found)
        sent = uow.scalars(
            select(Message.body_text).where(
                Message.complaint_id == recorded.id, Message.direction == "outbound"
            )
        )
        assert any(recorded.reference in (body or "") for body in sent)
