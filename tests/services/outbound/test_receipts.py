"""Counter intake and receipts: what the customer takes home says what the desk promised.

The PDFs are read back with pypdf: the text a customer reads must hold the reference,
the promised dates and, for a French customer, French wording only.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.customers.language import long_date
from complaintdesk.domain.errors import InvalidContactPoint, NotFound, ValidationError
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import counter
from complaintdesk.services.outbound import receipts
from complaintdesk.services.outbound.receipts import Paper
from complaintdesk.storage.database import sqlite_url
from complaintdesk.ui.counter.receipt_printing import write_pdf
from tests.conftest import command_line_actor
from tests.support.shop_factory import SHOP_ADDRESS, SHOP_EMAIL, open_shop

PARIS = ZoneInfo("Europe/Paris")
RECEIVED = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
"""A Monday, 10:30 in Paris."""
POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def clerk(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    """Services called as Julien Petit, clerk at the Paris Opéra shop."""
    return ServiceContext(backend.uow, open_shop(backend, admin_ctx))


def _at_counter(
    clerk: ServiceContext, name: str, language: str, phone: str, **extra: Any
) -> intake.IntakeResult:
    """Record a shop complaint received on :data:`RECEIVED` (so the dates are known)."""
    new = intake.NewComplaint(
        channel=Channel.SHOP,
        subject="Card charged twice",
        description=counter.describe(
            "Ma carte a été débitée deux fois pour le même achat.",
            "Le remboursement du second débit.",
            language,
        ),
        customer=CustomerInput(name, [(ContactKind.PHONE, phone)], language=language),
        received_at=RECEIVED,
        amount=Decimal("1234.50"),
        currency="EUR",
        **extra,
    )
    return intake.record_complaint(clerk, new)


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    # Qt's PDFs space words with tabs and set "fi" as a ligature: read them as a person does.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _write(receipt: receipts.Receipt, paper: Paper, folder: Path) -> Path:
    assert QGuiApplication.instance() is not None  # pytest-qt's, offscreen
    path = folder / f"{receipt.reference}-{paper.value}.pdf"
    write_pdf(receipts.render_html(receipt, paper), paper, path, receipt.reference)
    return path


@pytest.mark.parametrize("paper", list(Paper))
def test_a_french_customer_s_receipt_says_it_all_in_french(
    qapp: Any, clerk: ServiceContext, tmp_path: Path, paper: Paper
) -> None:
    result = _at_counter(clerk, "Élodie Durand", "fr", "06 12 34 56 78")
    detail = complaints.get_detail(clerk, result.complaint_id)
    receipt = receipts.receipt(clerk, result.complaint_id, now=RECEIVED)

    text = _pdf_text(_write(receipt, paper, tmp_path))

    assert result.reference.startswith("PAR01-25-")
    assert text.count(result.reference) >= 2  # the reference, and the one to quote
    assert "Récépissé de réclamation" in text
    assert "Reçue le 3 mars 2025 à 10 h 30" in text  # Paris time, not UTC
    assert "Nos engagements" in text
    promised = [detail.acknowledge_due_at, detail.resolution_due_at, detail.regulatory_due_at]
    assert all(promised), "the shipped presets promise these three dates"
    for due in promised:
        assert due is not None
        assert long_date(due.astimezone(PARIS).date(), "fr") in text
    assert "Rappelez votre référence" in text
    assert "1 234,50 €" in text
    assert "Julien Petit" in text
    for english in ("Complaint receipt", "Received", "Our commitments", "How to follow up"):
        assert english not in text
    if paper is Paper.A4:
        assert SHOP_ADDRESS in text
    assert SHOP_EMAIL in text


def test_an_english_customer_s_receipt_is_in_english(
    qapp: Any, clerk: ServiceContext, tmp_path: Path
) -> None:
    result = _at_counter(clerk, "Oliver Smith", "en", "+44 20 7946 0958")
    receipt = receipts.receipt(clerk, result.complaint_id, now=RECEIVED)

    text = _pdf_text(_write(receipt, Paper.A4, tmp_path))

    assert "Complaint receipt" in text
    assert "Received 3 March 2025 at 10:30" in text
    assert "Our commitments to you" in text
    assert f"Quote your reference {result.reference} whenever you contact us." in text
    assert "€1,234.50" in text
    assert "Récépissé" not in text


def test_the_ticket_is_80_mm_wide_one_page_and_the_a4_is_a4(
    qapp: Any, clerk: ServiceContext, tmp_path: Path
) -> None:
    result = _at_counter(clerk, "Élodie Durand", "fr", "06 12 34 56 78")
    receipt = receipts.receipt(clerk, result.complaint_id)

    ticket = pypdf.PdfReader(_write(receipt, Paper.TICKET, tmp_path))
    a4 = pypdf.PdfReader(_write(receipt, Paper.A4, tmp_path))

    assert len(ticket.pages) == 1
    width, height = (float(v) / POINTS_PER_MM for v in ticket.pages[0].mediabox[2:])
    assert width == pytest.approx(80, abs=0.5)
    assert 60 < height < 300  # fitted to the receipt, not a full A4 length
    a4_size = [float(v) / POINTS_PER_MM for v in a4.pages[0].mediabox[2:]]
    assert a4_size == pytest.approx([210, 297], abs=0.5)


def test_every_phrase_of_a_receipt_exists_in_english_and_french() -> None:
    english, french = receipts.wording("en"), receipts.wording("fr")

    assert english.keys() == french.keys()
    assert all(value.strip() for value in (*english.values(), *french.values()))
    assert [k for k in english if english[k] == french[k]] == []
    assert receipts.wording("de") == english  # an unsupported language falls back


def test_what_a_customer_typed_is_escaped_not_interpreted(clerk: ServiceContext) -> None:
    new = intake.NewComplaint(
        channel=Channel.SHOP,
        subject="<b>bold</b> & {{ 7 * 7 }}",
        description="<script>alert(1)</script>",
        customer=CustomerInput("<i>Eve</i>", [(ContactKind.EMAIL, "eve@example.org")]),
    )
    result = intake.record_complaint(clerk, new)

    html = receipts.render_html(receipts.receipt(clerk, result.complaint_id), Paper.A4)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;i&gt;Eve&lt;/i&gt;" in html
    assert "{{ 7 * 7 }}" in html  # the template ran once; a customer's text is never run


def test_a_receipt_is_found_by_its_reference_as_typed(clerk: ServiceContext) -> None:
    result = _at_counter(clerk, "Élodie Durand", "fr", "06 12 34 56 78")

    found = receipts.receipt_by_reference(clerk, f"  {result.reference.lower()} ")

    assert found.complaint_id == result.complaint_id
    with pytest.raises(NotFound):
        receipts.receipt_by_reference(clerk, "PAR01-25-99999")
    with pytest.raises(ValidationError):
        receipts.receipt_by_reference(clerk, "not a reference")


def test_a_clerk_gets_no_receipt_of_another_site(
    clerk: ServiceContext, admin_ctx: ServiceContext
) -> None:
    new = intake.NewComplaint(
        channel=Channel.PHONE,
        subject="Head office complaint",
        description="Taken at HQ.",
        customer=CustomerInput("Hana Office", [(ContactKind.EMAIL, "hana@example.org")]),
        site_code="HQ",
    )
    result = intake.record_complaint(admin_ctx, new)

    with pytest.raises(NotFound):
        receipts.receipt(clerk, result.complaint_id)


def test_the_counter_records_a_shop_complaint_owned_by_the_clerk(clerk: ServiceContext) -> None:
    told = counter.CounterComplaint(
        CustomerInput("Zoé Martin", [(ContactKind.PHONE, "06 11 22 33 44")], language="fr"),
        "  Le téléphone acheté ici ne charge plus.\nDepuis deux jours. ",
        "Un échange",
        amount=Decimal("89.90"),
        currency="EUR",
    )

    result = counter.record_counter_complaint(clerk, told)
    detail = complaints.get_detail(clerk, result.complaint_id)

    assert detail.channel is Channel.SHOP
    assert detail.site_code == "PAR01"
    assert detail.owner_id == clerk.actor.user_id
    assert detail.subject == "Le téléphone acheté ici ne charge plus."
    assert detail.description == (
        "Le téléphone acheté ici ne charge plus.\nDepuis deux jours.\n\n"
        "Ce que le client demande :\nUn échange"
    )
    assert detail.amount == Decimal("89.90")
    assert detail.language == "fr"


def test_the_counter_refuses_an_invalid_phone_and_records_nothing(
    clerk: ServiceContext,
) -> None:
    told = counter.CounterComplaint(
        CustomerInput("Zoé Martin", [(ContactKind.PHONE, "12 34")]), "It broke."
    )

    with pytest.raises(InvalidContactPoint) as refused:
        counter.record_counter_complaint(clerk, told)

    assert refused.value.kind == "phone"
    assert counter.find_customers(clerk, "Zoé") == ()
    with pytest.raises(ValidationError):
        counter.record_counter_complaint(clerk, counter.CounterComplaint(told.customer, "  "))


def test_a_customer_is_found_by_name_phone_digits_or_email(clerk: ServiceContext) -> None:
    _at_counter(clerk, "Élodie Durand", "fr", "06 12 34 56 78")
    new = intake.NewComplaint(
        channel=Channel.EMAIL,
        subject="Late parcel",
        description="Where is it?",
        customer=CustomerInput("Bob 100%_Real", [(ContactKind.EMAIL, "Bob.Real@Example.org")]),
    )
    intake.record_complaint(clerk, new)

    def names(typed: str) -> list[str]:
        return [m.display_name for m in counter.find_customers(clerk, typed)]

    assert names("durand") == ["Élodie Durand"]
    assert names("ELODIE dur") == ["Élodie Durand"]  # word by word, accents and case aside
    assert names("achat") == []  # a word of the complaint is not a name
    assert names("0612 34") == ["Élodie Durand"]  # digits anywhere in the number
    assert names("bob.re") == ["Bob 100%_Real"]  # start of the address, any case
    assert names("100%_") == ["Bob 100%_Real"]
    assert names("0%x") == []  # % and _ are letters, not wildcards
    assert names("d") == []  # one letter lists nobody
    (elodie,) = counter.find_customers(clerk, "Élodie")
    assert (elodie.phone, elodie.language) == ("+33612345678", "fr")


def test_receipt_times_and_amounts_follow_the_language() -> None:
    instant = datetime(2026, 1, 1, 8, 5, tzinfo=UTC)

    assert receipts.date_and_time(instant, PARIS, "fr") == "1er janvier 2026 à\xa09\xa0h\xa005"
    assert receipts.date_and_time(instant, ZoneInfo("Europe/London"), "en") == (
        "1 January 2026 at\xa008:05"
    )
    assert receipts.money(Decimal("1234567.5"), "GBP", "en") == "£1,234,567.50"
    assert receipts.money(Decimal("42"), "EUR", "fr") == "42,00\u00a0€"
    assert receipts.money(Decimal("9.99"), "CHF", "en") == "9.99 CHF"
    assert receipts.money(None, "EUR", "en") is None


def test_a_receipt_of_a_complaint_nobody_knows_is_refused(clerk: ServiceContext) -> None:
    with pytest.raises(NotFound):
        receipts.receipt(clerk, uuid.uuid4())


def test_the_receipt_command_writes_a_reprint_and_says_what_it_wrote(
    qapp: Any,
    sqlite_backend: Backend,
    sqlite_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(sqlite_url(sqlite_database))
    admin = ServiceContext(sqlite_backend.uow, command_line_actor())
    clerk = ServiceContext(sqlite_backend.uow, open_shop(sqlite_backend, admin))
    result = _at_counter(clerk, "Élodie Durand", "fr", "06 12 34 56 78")
    out = tmp_path / "reprint.pdf"
    database = ("--database", sqlite_url(sqlite_database))

    code = cli.run(
        [
            "receipt",
            result.reference.lower(),
            "--format",
            "ticket",
            "--out",
            str(out),
            "--json",
            *database,
        ]
    )
    summary = json.loads(capsys.readouterr().out)

    assert code == 0
    assert summary["reference"] == result.reference
    assert (summary["format"], summary["language"], summary["pages"]) == ("ticket", "fr", 1)
    assert summary["width_mm"] == pytest.approx(80, abs=0.5)
    assert set(summary["promises"]) == {"acknowledge", "resolution", "regulatory"}
    assert result.reference in _pdf_text(out)
    missing = cli.run(["receipt", "PAR01-25-09999", "--out", str(out), *database])
    assert missing == 1
    assert capsys.readouterr().err == (
        "complaintdesk: error: No complaint has the reference PAR01-25-09999.\n"
    )


def test_a_phone_number_is_looked_up_by_its_start_as_people_say_it() -> None:
    assert counter.phone_prefixes("06 12 34") == ["+3361234", "+4461234", "+161234"]
    assert counter.phone_prefixes("+44 20 79") == ["+442079"]
    assert counter.phone_prefixes("061") == []  # too few digits to mean anything
    assert counter.phone_prefixes("durand 06") == []
