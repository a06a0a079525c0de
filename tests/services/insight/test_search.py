"""Search on SQLite (FTS5) and PostgreSQL (tsvector): what a person types finds the complaint,
accents and case aside, only among what they may see, and never raises whatever they type."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role, SiteKind
from complaintdesk.services.admin import organisation, users
from complaintdesk.services.complaints import intake, messages
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import search
from complaintdesk.storage import search_queries
from complaintdesk.storage.models import Complaint, ContributionRequest, Customer

HOSTILE = (
    "",
    "   ",
    '"',
    "'",
    '""',
    "*",
    "-",
    "- -",
    "(",
    ")",
    "()",
    "AND",
    "OR",
    "NOT",
    "a OR b",
    "NEAR(a b)",
    "subject:facture",
    "^facture",
    "facture:*",
    "\\",
    "&",
    "|",
    "!",
    "<->",
    "\x00",
    "\x00facture",
    "facture\x00",
    "a' & 'b",
    '"facture" AND "colis',
    "{subject body}: x",
    "😀 facture 😀",
    "x" * 5000,
    " ".join(["mot"] * 200),
    "%",
    "_",
    "$$",
    "';DROP TABLE complaint;--",
)


def _record(
    ctx: ServiceContext,
    subject: str,
    description: str = "",
    *,
    name: str = "Marie Curie",
    contacts: tuple[tuple[ContactKind, str], ...] = (),
    site: str | None = None,
) -> intake.IntakeResult:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject=subject,
            description=description,
            customer=CustomerInput(name, contacts=contacts),
            site_code=site,
        ),
    )


def _found(ctx: ServiceContext, text: str, limit: int = 50) -> list[str]:
    return [row.reference for row in search.search(ctx, text, limit)]


def test_accents_and_case_do_not_matter_either_way(admin_ctx: ServiceContext) -> None:
    plain = _record(admin_ctx, "Reclamation sur le colis", "ELEVE")
    accented = _record(admin_ctx, "Réclamation sur la facture", "élève")

    assert set(_found(admin_ctx, "reclamation ")) == {plain.reference, accented.reference}
    assert set(_found(admin_ctx, "RÉCLAMATION ")) == {plain.reference, accented.reference}
    assert set(_found(admin_ctx, "Élève ")) == {plain.reference, accented.reference}
    assert _found(admin_ctx, "réclamation FACTURE ") == [accented.reference]


def test_ligatures_are_spelled_out(admin_ctx: ServiceContext) -> None:
    heart = _record(admin_ctx, "Un cœur brisé")
    spelled = _record(admin_ctx, "Mon coeur saigne")

    assert set(_found(admin_ctx, "coeur ")) == {heart.reference, spelled.reference}
    assert set(_found(admin_ctx, "CŒUR ")) == {heart.reference, spelled.reference}


def test_the_last_word_matches_as_a_prefix_while_typed(admin_ctx: ServiceContext) -> None:
    invoice = _record(admin_ctx, "Erreur de facturation", "La facture est fausse")
    _record(admin_ctx, "Colis perdu")

    assert _found(admin_ctx, "factur") == [invoice.reference]
    assert _found(admin_ctx, "erreur fac") == [invoice.reference]
    assert _found(admin_ctx, "factur ") == [], "a finished word matches whole"


def test_a_word_in_a_message_finds_its_complaint(admin_ctx: ServiceContext) -> None:
    recorded = _record(admin_ctx, "Retard de livraison")
    assert _found(admin_ctx, "parapluie") == []

    messages.record_inbound(
        admin_ctx,
        recorded.complaint_id,
        messages.InboundMessage(Channel.EMAIL, "Mon parapluie est arrivé cassé."),
    )

    assert _found(admin_ctx, "parapluie") == [recorded.reference]
    assert _found(admin_ctx, "livraison parapluie") == [recorded.reference]


def test_the_customer_is_found_by_name_email_and_phone(admin_ctx: ServiceContext) -> None:
    contacts = ((ContactKind.EMAIL, "Jane.Doe@Example.com"), (ContactKind.PHONE, "06 12 34 56 78"))
    recorded = _record(admin_ctx, "Carte bloquée", name="Jane Doe", contacts=contacts)
    _record(admin_ctx, "Carte avalée", name="John Smith")

    for typed in (
        "Doe",
        "jane doe",
        "JANE.DOE@EXAMPLE.COM",
        "<jane.doe@example.com>",
        "example",
        "06 12 34 56 78",
        "0612345678",
        "+33 6 12 34 56 78",
        "tel:+33612345678",
    ):
        assert _found(admin_ctx, typed) == [recorded.reference], typed


def test_a_reference_finds_its_complaint_first(admin_ctx: ServiceContext) -> None:
    first = _record(admin_ctx, "Premier")
    second = _record(admin_ctx, f"Suite de {first.reference}")

    assert _found(admin_ctx, first.reference)[0] == first.reference
    assert set(_found(admin_ctx, first.reference.lower())) == {first.reference, second.reference}
    assert _found(admin_ctx, f"  {second.reference} ") == [second.reference]


def test_relevance_then_the_most_recent_come_first(admin_ctx: ServiceContext) -> None:
    older = _record(admin_ctx, "Banque", "banque banque banque")
    newer = _record(admin_ctx, "Compte", "banque")
    ties = [_record(admin_ctx, f"Virement {n}", "virement") for n in range(3)]

    assert _found(admin_ctx, "banque ") == [older.reference, newer.reference]
    assert _found(admin_ctx, "virement ") == [t.reference for t in reversed(ties)]


def test_the_limit_is_honoured(admin_ctx: ServiceContext) -> None:
    for n in range(5):
        _record(admin_ctx, f"Guichet fermé {n}")

    assert len(_found(admin_ctx, "guichet", limit=3)) == 3
    assert len(_found(admin_ctx, "guichet", limit=0)) == 1


def _branch(admin_ctx: ServiceContext, code: str) -> uuid.UUID:
    return organisation.add_site(admin_ctx, code, f"Agence {code}", SiteKind.BRANCH, "Europe/Paris")


def _actor(role: Role, site_id: uuid.UUID, functions: frozenset[uuid.UUID] = frozenset()) -> Actor:
    return Actor(uuid.uuid4(), "someone", "Someone", role, site_id, "X", None, functions)


def test_a_branch_clerk_finds_only_their_sites_complaints(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    lyon = _branch(admin_ctx, "LYO")
    _branch(admin_ctx, "NCE")
    at_lyon = _record(admin_ctx, "Distributeur en panne", site="LYO")
    _record(admin_ctx, "Distributeur en panne", site="NCE")
    _record(admin_ctx, "Distributeur en panne")
    clerk = ServiceContext(backend.uow, _actor(Role.BRANCH_CLERK, lyon))

    assert _found(clerk, "distributeur") == [at_lyon.reference]
    assert _found(clerk, "Marie Curie") == [at_lyon.reference]
    assert len(_found(admin_ctx, "distributeur")) == 3


def test_only_the_latest_matches_are_ranked_when_a_word_is_everywhere(
    admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    best = _record(admin_ctx, "Agios agios agios", "agios agios")
    later = [_record(admin_ctx, "Question", f"agios {n}") for n in range(4)]
    monkeypatch.setattr(search_queries, "WINDOW", 3)

    found = _found(admin_ctx, "agios ")

    assert found == [r.reference for r in reversed(later[1:])], "the three latest, ranked"
    assert best.reference not in found


def test_a_clerk_finds_their_sites_complaint_beyond_the_latest_matches(
    backend: Backend, admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    lyon = _branch(admin_ctx, "LYO")
    at_lyon = _record(admin_ctx, "Question", "agios", site="LYO")
    for _ in range(5):
        _record(admin_ctx, "Agios agios agios", "agios agios")
    monkeypatch.setattr(search_queries, "WINDOW", 3)
    clerk = ServiceContext(backend.uow, _actor(Role.BRANCH_CLERK, lyon))

    assert _found(clerk, "agios") == [at_lyon.reference]


def test_a_clerk_sees_everyones_ranking_narrowed_to_their_site(
    backend: Backend, admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    lyon = _branch(admin_ctx, "LYO")
    _branch(admin_ctx, "NCE")
    best = _record(admin_ctx, "Question", "agios agios agios agios", site="LYO")
    _record(admin_ctx, "Question", "agios agios agios", site="NCE")
    fair = _record(admin_ctx, "Question", "agios", site="LYO")
    _record(admin_ctx, "Question", "agios", site="NCE")
    good = _record(admin_ctx, "Question", "agios agios", site="LYO")
    _record(admin_ctx, "Question", "agios agios", site="NCE")
    clerk = ServiceContext(backend.uow, _actor(Role.BRANCH_CLERK, lyon))
    at_lyon = {best.reference, fair.reference, good.reference}

    everyone = [ref for ref in _found(admin_ctx, "agios ") if ref in at_lyon]
    assert everyone == [best.reference, good.reference, fair.reference]
    assert _found(clerk, "agios ") == everyone
    assert _found(clerk, "agios ", limit=2) == everyone[:2]
    monkeypatch.setattr(search_queries, "WINDOW", 4)
    assert _found(clerk, "agios ") == [good.reference, fair.reference, best.reference], (
        "the window's two ranked, then the older one"
    )
    assert _found(clerk, "agios ", limit=1) == [good.reference]


def test_a_function_member_finds_only_what_their_function_was_asked(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    asked = _record(admin_ctx, "Litige de paiement")
    _record(admin_ctx, "Litige de paiement")
    function_id = organisation.add_function(admin_ctx, "billing", "Facturation")
    boss = users.add_user(admin_ctx, "boss", "correct horse", role=Role.SUPERVISOR, site_code="HQ")
    now = datetime.now(UTC)
    with backend.uow(write=True) as uow:
        uow.add(
            ContributionRequest(
                complaint_id=asked.complaint_id,
                function_id=function_id,
                requested_by_id=boss.id,
                question="Pouvez-vous vérifier ?",
                requested_at=now,
                due_at=now + timedelta(days=1),
            )
        )
        uow.commit()
    member = _actor(Role.FUNCTION_MEMBER, uuid.uuid4(), frozenset({function_id}))
    outsider = _actor(Role.FUNCTION_MEMBER, uuid.uuid4())

    assert _found(ServiceContext(backend.uow, member), "litige") == [asked.reference]
    assert _found(ServiceContext(backend.uow, outsider), "litige") == []


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_text_is_searched_for_never_obeyed(admin_ctx: ServiceContext, typed: str) -> None:
    _record(admin_ctx, "Facture et colis", "a OR b NEAR(a b) subject:facture")

    search.search(admin_ctx, typed)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(typed=st.text(max_size=80))
def test_any_text_never_raises(admin_ctx: ServiceContext, typed: str) -> None:
    rows = search.search(admin_ctx, typed)

    assert len(rows) <= 50


def test_the_index_follows_an_edit(backend: Backend, admin_ctx: ServiceContext) -> None:
    recorded = _record(admin_ctx, "Ancien sujet", "rien", name="Marie Curie")
    with backend.uow(write=True) as uow:
        complaint = uow.get(Complaint, recorded.complaint_id)
        assert complaint is not None
        customer = uow.get(Customer, complaint.customer_id)
        assert customer is not None
        complaint.subject = "Nouveau sujet"
        customer.display_name = "Marie Sklodowska"
        uow.record(complaint, "complaint_edited", user_id=None, login="test")
        uow.record(customer, "customer_edited", user_id=None, login="test")
        uow.commit()

    assert _found(admin_ctx, "nouveau") == [recorded.reference]
    assert _found(admin_ctx, "sklodowska") == [recorded.reference]
    assert _found(admin_ctx, "curie") == [], "the old name is gone"


def test_the_index_follows_a_new_contact_point(admin_ctx: ServiceContext) -> None:
    email = (ContactKind.EMAIL, "marie@laboratoire.example")
    first = _record(admin_ctx, "Premier", contacts=(email,))
    newer = (email, (ContactKind.EMAIL, "m.curie@sorbonne.example"))
    second = _record(admin_ctx, "Second", contacts=newer)

    assert set(_found(admin_ctx, "sorbonne")) == {first.reference, second.reference}


def test_a_rolled_back_change_leaves_the_index_alone(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    recorded = _record(admin_ctx, "Sujet stable")
    with backend.uow(write=True) as uow:
        complaint = uow.get(Complaint, recorded.complaint_id)
        assert complaint is not None
        complaint.subject = "Sujet abandonné"
        uow.flush()

    assert _found(admin_ctx, "stable") == [recorded.reference]
    assert _found(admin_ctx, "abandonne") == []


def test_the_command_line_prints_what_it_finds(
    backend: Backend,
    admin_ctx: ServiceContext,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    recorded = _record(admin_ctx, "Prélèvement en double", name="Jean Valjean")
    _record(admin_ctx, "Autre chose")
    url = backend.settings.database_url

    assert cli.run(["search", "prelevement", "double", "--json", "--database", url]) == 0
    found = json.loads(capsys.readouterr().out)
    assert cli.run(["search", '"(-*', "--limit", "3", "--json", "--database", url]) == 0

    assert found == [
        {
            "reference": recorded.reference,
            "subject": "Prélèvement en double",
            "customer": "Jean Valjean",
            "status": "new",
        }
    ]
    assert json.loads(capsys.readouterr().out) == []
