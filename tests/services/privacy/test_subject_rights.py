"""Subject rights on both databases: an access request exports everything, an erasure leaves
no trace of the person anywhere in the database while the statistics still add up."""

from __future__ import annotations

import io
import json
import sys
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text, update

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.admin.audit_trail import verify_audit_trail
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake, lifecycle, messages, ownership
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail
from complaintdesk.services.inbound.email_message import IncomingAttachment
from complaintdesk.services.insight import search
from complaintdesk.services.privacy import subject_rights
from complaintdesk.storage.models import AuditEvent

PASSWORD = "correct horse battery"
ATTACHMENT = b"%PDF-1.4 bank statement of Lea Martin, IBAN FR76 3000 6000 0112 3456 7890 189"
PERSONAL = (
    "Léa",
    "Martin",
    "lea.martin@example.org",
    "+33612345678",
    "75011",
    "rue Oberkampf",
    "IBAN FR76",
    "statement-lea.pdf",
)
"""What must not survive an erasure, anywhere (names, contacts, free texts, attachment)."""


@dataclass
class Case:
    backend: Backend
    admin: ServiceContext
    agent: ServiceContext
    lea: uuid.UUID
    lea_complaint: uuid.UUID
    bob_complaint: uuid.UUID


def _email() -> mail.InboundEmail:
    return mail.InboundEmail(
        message_id=f"<{uuid.uuid4()}@example.org>",
        subject="Prélèvement en double — Léa Martin",
        sender="Lea.Martin@example.org",
        sender_name="Léa Martin",
        recipients="care@example.org",
        received_at=None,
        body_text="Bonjour, j'habite 12 rue Oberkampf 75011 Paris. Relevé joint.",
        body_original="<p>Bonjour, j'habite 12 rue Oberkampf</p>",
        in_reply_to=None,
        references=(),
        attachments=(IncomingAttachment("statement-lea.pdf", "application/pdf", ATTACHMENT),),
        automatic=None,
        language="fr",
    )


@pytest.fixture
def case(backend: Backend, admin_ctx: ServiceContext) -> Case:
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    organisation.add_root_cause(admin_ctx, "billing-error", "Billing error", None)
    agent = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))
    outcome = mail.ingest_email(agent, _email())
    lea_complaint = outcome.complaint_id
    assert lea_complaint is not None
    intake.record_complaint(
        agent,
        intake.NewComplaint(
            Channel.PHONE,
            "Second call",
            "Léa Martin rappelle",
            CustomerInput(
                "Léa Martin",
                [
                    (ContactKind.PHONE, "06 12 34 56 78"),
                    (ContactKind.EMAIL, "lea.martin@example.org"),
                ],
                postcode="75011",
            ),
        ),
    )
    bob_complaint = intake.record_complaint(
        agent,
        intake.NewComplaint(
            Channel.PHONE,
            "Card blocked",
            "Bob Stone cannot pay",
            CustomerInput("Bob Stone", [(ContactKind.PHONE, "+44 20 7946 0000")]),
        ),
    ).complaint_id
    detail = complaints.get_detail(agent, lea_complaint)
    messages.add_note(agent, lea_complaint, "Léa Martin confirmed by phone")
    ownership.take(agent, lea_complaint, _version(agent, lea_complaint))
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        lifecycle.change_status(admin_ctx, lea_complaint, status, _version(agent, lea_complaint))
    lifecycle.resolve(
        admin_ctx,
        lea_complaint,
        Resolution(
            Outcome.UPHELD, "Refund to Léa Martin", "billing-error", Decimal("42.50"), "EUR"
        ),
        _version(agent, lea_complaint),
    )
    return Case(backend, admin_ctx, agent, detail.customer_id, lea_complaint, bob_complaint)


def _version(ctx: ServiceContext, complaint_id: uuid.UUID) -> int:
    return complaints.get_detail(ctx, complaint_id).version


def _every_cell(backend: Backend) -> list[tuple[str, str]]:
    """Return (table, cell as text) of every cell of every table, search index included."""
    cells = []
    with backend.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    cells.append((table, json.dumps(value, default=str, ensure_ascii=False)))
                    cells.append((table, str(value)))
    return cells


def _traces(backend: Backend) -> set[tuple[str, str]]:
    return {
        (table, word)
        for table, cell in _every_cell(backend)
        for word in PERSONAL
        if word.lower() in cell.lower()
    }


def test_the_export_holds_every_row_about_the_customer_and_nobody_else(case: Case) -> None:
    export = subject_rights.export_customer(case.admin, case.lea)

    tables = export.tables
    assert len(tables["customer"]) == 1
    assert {r["value"] for r in tables["contact_point"]} == {
        "lea.martin@example.org",
        "+33612345678",
    }
    assert len(tables["complaint"]) == 2
    assert all(c["customer_id"] == str(case.lea) for c in tables["complaint"])
    assert len(tables["message"]) >= 3  # the email, the phone call, the note
    assert [a["filename"] for a in tables["attachment"]] == ["statement-lea.pdf"]
    assert list(export.attachments.values()) == [ATTACHMENT]
    assert {e["action"] for e in tables["audit_event"]} >= {"status_resolved", "note_added"}
    assert "Bob Stone" not in json.dumps(export.as_json(), ensure_ascii=False)


def test_an_export_is_audited(case: Case) -> None:
    subject_rights.export_customer(case.admin, case.lea)

    with case.backend.uow() as uow:
        actions = uow.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == case.lea))
    assert "customer_exported" in actions


def test_erasure_leaves_no_trace_of_the_person_anywhere(case: Case) -> None:
    assert _traces(case.backend), "the scenario holds personal data before the erasure"

    summary = subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    assert _traces(case.backend) == set()
    assert (summary.customers, summary.complaints, summary.attachments) == (1, 2, 1)
    assert summary.audit_events_redacted > 0


def test_erasure_keeps_the_statistics_and_the_other_customers(case: Case) -> None:
    before = complaints.get_detail(case.agent, case.lea_complaint)

    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    after = complaints.get_detail(case.agent, case.lea_complaint)
    kept = ("reference", "channel", "status", "received_at", "resolution_due_at", "clock_state")
    assert {k: getattr(after, k) for k in kept} == {k: getattr(before, k) for k in kept}
    assert (after.outcome, after.amount, after.currency) == ("upheld", Decimal("42.50"), "EUR")
    assert after.root_cause_name == "Billing error"
    assert after.customer_name == "Erased customer"
    assert {c.value for c in after.contacts} == {"(erased)"}
    assert after.subject == "(erased)"
    bob = complaints.get_detail(case.agent, case.bob_complaint)
    assert bob.customer_name == "Bob Stone"
    assert [c.value for c in bob.contacts] == ["+442079460000"]


def test_search_no_longer_finds_the_erased_customer(case: Case) -> None:
    assert search.search(case.agent, "Martin")
    assert search.search(case.agent, "lea.martin@example.org")

    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    assert search.search(case.agent, "Martin") == ()
    assert search.search(case.agent, "lea.martin@example.org") == ()
    assert search.search(case.agent, "Oberkampf") == ()
    assert [r.customer_name for r in search.search(case.agent, "Stone")] == ["Bob Stone"]


def test_the_audit_trail_still_verifies_and_still_shows_tampering(case: Case) -> None:
    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    assert verify_audit_trail(case.admin).ok

    erased = AuditEvent.action == "customer_erased"
    with case.backend.engine.begin() as connection:
        connection.execute(update(AuditEvent).where(erased).values(login="mallory"))
    assert not verify_audit_trail(case.admin).ok


def test_a_tampered_event_the_erasure_did_not_redact_still_shows(case: Case) -> None:
    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")
    with case.backend.uow() as uow:
        bob_event = uow.scalars(
            select(AuditEvent).where(AuditEvent.complaint_id == case.bob_complaint).limit(1)
        )[0]
    with case.backend.engine.begin() as connection:
        connection.execute(
            update(AuditEvent).where(AuditEvent.id == bob_event.id).values(after={"x": 1})
        )

    check = verify_audit_trail(case.admin).chains[bob_event.chain]

    assert (check.ok, check.first_broken) == (False, bob_event.seq)


def test_the_erasure_is_audited_with_its_reason(case: Case) -> None:
    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    with case.backend.uow() as uow:
        event = uow.scalars(select(AuditEvent).where(AuditEvent.action == "customer_erased"))[0]
    assert event.after is not None
    assert event.after["reason"] == "Art. 17 request #12"
    assert event.login == "cli"


def test_an_erasure_needs_a_reason_and_happens_once(case: Case) -> None:
    with pytest.raises(ValidationError):
        subject_rights.erase_customer(case.admin, case.lea, "  ")
    subject_rights.erase_customer(case.admin, case.lea, "Art. 17 request #12")

    with pytest.raises(ValidationError, match="erased already"):
        subject_rights.erase_customer(case.admin, case.lea, "again")


@pytest.mark.parametrize("given", ["lea.martin@example.org", "06 12 34 56 78", "id", "ref"])
def test_the_customer_is_found_by_id_reference_email_or_phone(case: Case, given: str) -> None:
    reference = complaints.get_detail(case.admin, case.lea_complaint).reference
    given = {"id": str(case.lea), "ref": reference}.get(given, given)

    assert subject_rights.find_customer(case.admin, given) == case.lea


# --- the command line -------------------------------------------------------------------


def _run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_privacy_export_writes_json_pdf_and_attachments(
    case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(case.backend.settings.database_url)
    url = case.backend.settings.database_url
    out = tmp_path / "sar"

    code, stdout, stderr = _run(
        capsys, monkeypatch, "--database", url, "privacy", "export", "lea.martin@example.org",
        "--out", str(out), "--json",
    )  # fmt: skip

    assert code == 0, stderr
    summary: dict[str, Any] = json.loads(stdout)
    document = json.loads(Path(summary["json"]).read_text(encoding="utf-8"))
    assert document["display_name"] == "Léa Martin"
    assert summary["rows"]["complaint"] == 2
    pdf = Path(summary["pdf"]).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2_000
    (attachment,) = (out / f"customer-{case.lea}-attachments").iterdir()
    assert attachment.read_bytes() == ATTACHMENT


def test_privacy_erase_reports_what_it_did_and_refuses_an_unknown_customer(
    case: Case,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(case.backend.settings.database_url)
    url = case.backend.settings.database_url

    code, stdout, stderr = _run(
        capsys, monkeypatch, "--database", url, "privacy", "erase", "+33612345678",
        "--reason", "Art. 17 request #12", "--json",
    )  # fmt: skip
    assert code == 0, stderr
    assert json.loads(stdout)["complaints"] == 2

    code, stdout, stderr = _run(
        capsys, monkeypatch, "--database", url, "privacy", "erase", "nobody@example.org",
        "--reason", "x",
    )  # fmt: skip
    assert code == 1
    assert stderr.startswith("complaintdesk: error: No customer matches")
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1
