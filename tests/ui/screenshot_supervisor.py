"""Scenes for the screenshots of the supervisor's screens.

The dashboard and the workload panel read a month of complaints written with the report
factory (each figure chosen, dates relative to today); the Problems window's candidates, the
customer card's proposed duplicate and the sync conflicts read a second database filled
through the services. Used by ``tests/ui/screenshots.py``; the data is in the language of the
screenshots (``say``).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import social
from complaintdesk.storage.models import (
    Complaint,
    ContactPoint,
    Customer,
    Message,
    Site,
    SyncConflict,
    User,
)
from complaintdesk.ui import i18n
from complaintdesk.ui.cockpit.sync_conflicts import SyncConflictsDialog
from complaintdesk.ui.cockpit.workload import LoadColumn
from complaintdesk.ui.main_window import MainWindow
from tests.conftest import command_line_actor
from tests.support.report_factory import Facts, add
from tests.ui.screenshot_scenes import Grab, Wait

PASSWORD = "correct horse"
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
CUSTOMERS = (
    "Léa Martin",
    "Bruno Lefèvre",
    "Chloé Dubois",
    "Karim Haddad",
    "Emma Rossi",
    "Julie Fontaine",
    "Marc Dupuis",
    "Sarah Cohen",
    "Nicolas Girard",
    "Amélie Perrin",
    "Yann Le Gall",
    "Fatou Diallo",
    "Pierre Morel",
    "Inès Garnier",
    "Lucas Bernard",
    "Manon Faure",
)


def say(english: str, french: str) -> str:
    """Return the text in the language the screenshots are taken in (data, not the UI)."""
    return french if i18n.installed_language() == "fr" else english


def speak_screenshot_language(connection: Connection) -> None:
    """Give every user the language of the screenshots (before they sign in), name HQ in it.

    No service sets a user's language or renames a site yet; forms offer the user's language
    first (a receipt's language).
    """
    with connection.uow(write=True) as uow:
        for user in uow.scalars(select(User)):
            user.preferred_language = i18n.installed_language()
        for site in uow.scalars(select(Site).where(Site.code == "HQ")):
            site.name = say("Headquarters", "Siège")
        uow.commit()


@dataclass(frozen=True)
class Topic:
    """A kind of complaint of the month: its subject, channels, function and root causes."""

    subject: str
    description: str
    channels: tuple[str, ...]
    function: str
    causes: tuple[str, ...]


def topics() -> tuple[Topic, ...]:
    """The complaints of the month, in the language of the screenshots."""
    return (
        Topic(
            say("Charged twice for the same purchase", "Débité deux fois pour le même achat"),
            say(
                "The same card payment appears twice on the bank statement.",
                "Le même paiement par carte apparaît deux fois sur le relevé.",
            ),
            ("phone", "email", "shop"),
            "billing",
            ("duplicate-debit", "billing-error"),
        ),
        Topic(
            say("Invoice higher than the price agreed", "Facture plus élevée que le prix convenu"),
            say(
                "The invoice shows 59.90 a month; the offer signed in the shop said 49.90.",
                "La facture indique 59,90 € par mois ; l'offre signée en magasin disait 49,90 €.",
            ),
            ("email", "letter", "phone"),
            "billing",
            ("billing-error",),
        ),
        Topic(
            say("Parcel never arrived, tracking says delivered", "Colis jamais reçu, suivi livré"),
            say(
                "Tracking says delivered on Tuesday but nothing was left at the address.",
                "Le suivi indique livré mardi mais rien n'a été déposé à l'adresse.",
            ),
            ("email", "social", "phone"),
            "logistics",
            ("lost-parcel", "carrier-delay"),
        ),
        Topic(
            say("Delivery two weeks late", "Livraison avec deux semaines de retard"),
            say(
                "The order promised for the 3rd still has not come; nobody answers the chat.",
                "La commande promise pour le 3 n'est toujours pas arrivée ; personne au chat.",
            ),
            ("social", "email"),
            "logistics",
            ("carrier-delay",),
        ),
        Topic(
            say("Rude answer at the counter", "Réponse désagréable au comptoir"),
            say(
                "The sales assistant refused to look at the receipt and raised his voice.",
                "Le vendeur a refusé de regarder le ticket et a haussé le ton.",
            ),
            ("shop", "social"),
            "stores",
            ("staff-attitude",),
        ),
        Topic(
            say("Refund promised in the shop not received", "Remboursement promis en magasin"),
            say(
                "The shop promised a refund within five days; three weeks later, nothing.",
                "Remboursement promis sous cinq jours en magasin ; trois semaines après, rien.",
            ),
            ("shop", "phone", "letter"),
            "stores",
            ("staff-attitude", "billing-error"),
        ),
    )


def supervisor_staff(connection: Connection) -> dict[str, Actor]:
    """A supervisor, four agents, three functions with their root causes."""
    admin = ServiceContext(connection.uow, command_line_actor())
    people = [
        ("sophie", "Sophie Laurent", Role.SUPERVISOR),
        ("camille", "Camille Bonnefoy", Role.AGENT),
        ("hugo", "Hugo Lambert", Role.AGENT),
        ("nadia", "Nadia Benali", Role.AGENT),
        ("thomas", "Thomas Petit", Role.AGENT),
    ]
    for login, name, role in people:
        users.add_user(
            admin, login, PASSWORD, role=role, site_code="HQ", display_name=name, team_queue="care"
        )
    for code, name, name_fr in (
        ("billing", "Billing", "Facturation"),
        ("logistics", "Logistics", "Logistique"),
        ("stores", "Shops", "Magasins"),
    ):
        named = say(name, name_fr)  # the dashboard shows a function's own name
        organisation.add_function(admin, code, named, name_fr=name_fr, answer_within_hours=24)
    for code, name, name_fr, function in (
        ("duplicate-debit", "Duplicate direct debit", "Prélèvement en double", "billing"),
        ("billing-error", "Wrong price invoiced", "Erreur de prix facturé", "billing"),
        (
            "lost-parcel",
            "Parcel lost by the carrier",
            "Colis perdu par le transporteur",
            "logistics",
        ),
        ("carrier-delay", "Carrier delay", "Retard du transporteur", "logistics"),
        ("staff-attitude", "Staff attitude", "Attitude du personnel", "stores"),
    ):
        organisation.add_root_cause(admin, code, say(name, name_fr), function, name_fr=name_fr)
    speak_screenshot_language(connection)
    return {login: auth.sign_in(connection.uow, login, PASSWORD) for login, *_ in people}


def month_of_complaints(connection: Connection, agents: list[Actor]) -> None:
    """Sixty complaints of the last four weeks: every dashboard chart and workload line has data.

    Resolved ones carry a root cause, a satisfaction score and a promise kept or broken; open
    ones have an owner (or none), a function and a clock on track, at risk or breached.
    """
    pick = random.Random(2025)  # the same month on every run
    facts: list[Facts] = []
    opened = 0
    for number in range(60):
        topic = topics()[number % len(topics())]
        received = NOW - timedelta(days=1 + (number * 27) / 60, hours=pick.randint(0, 9))
        due = received + timedelta(days=8)
        if number % 5 < 3 and received < NOW - timedelta(days=4):  # most older ones are done
            resolved = min(received + timedelta(days=pick.uniform(1.5, 11)), NOW)
            facts.append(
                Facts(
                    received,
                    pick.choice(topic.channels),
                    resolved,
                    due,
                    topic.function,
                    pick.choice(topic.causes),
                    satisfaction=pick.choice((2, 4, 6, 7, 8, 8, 9, 9, 10)),
                    outcome=pick.choice(("upheld", "upheld", "partly_upheld", "not_upheld")),
                    subject=topic.subject,
                )
            )
            continue
        owner = [*agents, None][opened % (len(agents) + 1)]
        opened += 1
        clock = "breached" if due < NOW else "at_risk" if due < NOW + timedelta(days=2) else ""
        facts.append(
            Facts(
                received,
                pick.choice(topic.channels),
                due=due,
                function=topic.function if number % 3 else None,
                subject=topic.subject,
                clock_state=clock or "on_track",
                extra={"owner_id": owner.user_id if owner else None},
            )
        )
    ids = add(connection.uow, *facts)
    told = {topic.subject: topic.description for topic in topics()}
    with connection.uow(write=True) as uow:  # "Customer 12" would look like test data
        for number, complaint_id in enumerate(ids):
            complaint = uow.get(Complaint, complaint_id)
            assert complaint is not None
            complaint.description = told[complaint.subject]
            complaint.language = i18n.installed_language()
            customer = uow.get(Customer, complaint.customer_id)
            assert customer is not None
            name = CUSTOMERS[number % len(CUSTOMERS)]
            customer.display_name = name
            customer.preferred_language = i18n.installed_language()
            email = f"{name.split()[0].lower()}.{number}@example.org"
            uow.add(ContactPoint(customer_id=customer.id, kind="email", value=email))
        uow.commit()


def dashboard_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """The dashboard with every chart drawn, then the workload panel and its filtered queue."""
    people = supervisor_staff(connection)
    agents = [people[login] for login in ("camille", "hugo", "nadia", "thomas")]
    month_of_complaints(connection, agents)
    window = MainWindow(connection, people["sophie"])
    window.resize(1800, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.tasks.pending == 0)
    window.report_actions.open_dashboard()
    dashboard = window.report_actions.dashboard
    assert dashboard is not None
    wait(lambda: dashboard.shown is not None and window.tasks.pending == 0)
    dashboard.resize(1600, 1560)  # every chart, without the scroll bar cutting them off
    grab(dashboard, out / "dashboard.png")
    dashboard.close()
    window.go_to_queue(2)  # All open
    panel = window.cockpit.workload
    assert panel is not None
    panel.show()
    window.resizeDocks([panel], [350], Qt.Orientation.Horizontal)  # names not cut off
    wait(lambda: panel.agents.rowCount() > 0 and window.tasks.pending == 0)
    window.table.selectRow(0)
    wait(lambda: window.tasks.pending == 0)
    grab(window, out / "workload.png")
    breached = panel.agents.index(0, LoadColumn.BREACHED)
    panel.agent_table.setCurrentIndex(breached)
    panel.agent_table.clicked.emit(breached)  # the agent's late complaints, filtered
    wait(lambda: window.tasks.pending == 0 and not window.cockpit.filter_bar.filters.empty)
    wait(lambda: window.tasks.pending == 0)
    window.table.selectRow(0)
    grab(window, out / "workload_filtered_queue.png")
    window.close()


def case_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """Problems' candidates, a customer card with a proposed duplicate, the sync conflicts."""
    admin = ServiceContext(connection.uow, command_line_actor())
    for login, name, role in (
        ("sophie", "Sophie Laurent", Role.SUPERVISOR),
        ("camille", "Camille Bonnefoy", Role.AGENT),
        ("hugo", "Hugo Lambert", Role.AGENT),
    ):
        users.add_user(
            admin, login, PASSWORD, role=role, site_code="HQ", display_name=name, team_queue="care"
        )
    speak_screenshot_language(connection)
    camille = auth.sign_in(connection.uow, "camille", PASSWORD)
    hugo = auth.sign_in(connection.uow, "hugo", PASSWORD)
    similar_complaints(ServiceContext(connection.uow, camille))
    phoned, twin = proposed_duplicate(admin)
    add_conflicts(connection, phoned.complaint_id, twin, camille, hugo)
    sophie = auth.sign_in(connection.uow, "sophie", PASSWORD)
    window = MainWindow(connection, sophie)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.tasks.pending == 0)
    _candidates_shot(window, out, grab, wait)
    _customer_card_shot(window, phoned.complaint_id, out, grab, wait)
    conflicts = SyncConflictsDialog(
        ServiceContext(connection.uow, sophie), window.operations, window
    )
    conflicts.resize(1100, 460)
    conflicts.reload()
    conflicts.show()
    wait(lambda: conflicts.model.rowCount() > 0 and not window.operations.busy)
    grab(conflicts, out / "sync_conflicts.png")
    conflicts.close()
    _quarantine_shot(window, admin, out, grab, wait)
    window.close()


def _quarantine_shot(
    window: MainWindow, admin: ServiceContext, out: Path, grab: Grab, wait: Wait
) -> None:
    """What waits in the quarantine: a mail nobody could answer, bytes that are no mail."""
    from complaintdesk.channels.email.batching import ingest_sources
    from complaintdesk.channels.email.intake import RawMessage

    nobody = say("My parcel never came and nobody answers.", "Mon colis n'est jamais arrivé.")
    items = [
        RawMessage.of_bytes(
            "/var/mail/import/undisclosed.eml",
            f"From: undisclosed-recipients:;\r\nSubject: {say('Refund', 'Remboursement')}"
            f"\r\nMessage-ID: <q1@mail.example.com>\r\n\r\n{nobody}\r\n".encode(),
        ),
        RawMessage.of_bytes("/var/mail/import/scan.pdf", b"%PDF-1.4 binary scan, not a mail"),
    ]
    ingest_sources(admin, items)
    assert window.quarantine is not None
    window.refresh_counts()
    window.quarantine.go()
    page = window.quarantine.page
    wait(lambda: page.model.rowCount() == 2 and window.tasks.pending == 0)
    wait(lambda: bool(page.details.toPlainText()) and not window.operations.busy)
    grab(window, out / "quarantine.png")


def similar_complaints(ctx: ServiceContext) -> None:
    """Complaints of the week, two groups of them alike (what detection should find)."""
    told = [
        (
            Channel.PHONE,
            "Julie Fontaine",
            say("Card charged twice for one purchase", "Carte débitée deux fois pour un achat"),
            say(
                "She paid 42.50 at the Opéra shop on Saturday; her card was charged twice.",
                "Elle a payé 42,50 € samedi au magasin Opéra ; sa carte a été débitée deux fois.",
            ),
        ),
        (
            Channel.EMAIL,
            "Karim Haddad",
            say("My card was charged twice", "Ma carte a été débitée deux fois"),
            say(
                "Same purchase charged twice on my card last Saturday, please refund one.",
                "Le même achat a été débité deux fois sur ma carte samedi, remboursez-en un.",
            ),
        ),
        (
            Channel.SHOP,
            "Amélie Perrin",
            say("Charged twice at the till", "Débitée deux fois en caisse"),
            say(
                "The till charged my card twice for the same purchase on Saturday.",
                "La caisse a débité ma carte deux fois pour le même achat samedi.",
            ),
        ),
        (
            Channel.SOCIAL,
            "Yann Le Gall",
            say("Charged twice, card purchase", "Débité deux fois, achat par carte"),
            say(
                "Charged twice for one card purchase at your shop on Saturday!",
                "Débité deux fois pour un seul achat par carte dans votre magasin samedi !",
            ),
        ),
        (
            Channel.EMAIL,
            "Sarah Cohen",
            say("Parcel stuck at the Lyon depot", "Colis bloqué au dépôt de Lyon"),
            say(
                "Tracking has shown my parcel at the Lyon depot for nine days.",
                "Le suivi indique mon colis au dépôt de Lyon depuis neuf jours.",
            ),
        ),
        (
            Channel.PHONE,
            "Nicolas Girard",
            say("Lyon depot holds my parcel", "Le dépôt de Lyon garde mon colis"),
            say(
                "His parcel has been held at the Lyon depot for a week, tracking unchanged.",
                "Son colis est retenu au dépôt de Lyon depuis une semaine, suivi inchangé.",
            ),
        ),
        (
            Channel.SOCIAL,
            "Fatou Diallo",
            say("Parcel blocked at Lyon depot", "Colis bloqué au dépôt de Lyon"),
            say(
                "My parcel is blocked at the Lyon depot, tracking has not moved for days.",
                "Mon colis est bloqué au dépôt de Lyon, le suivi ne bouge plus depuis des jours.",
            ),
        ),
        (
            Channel.LETTER,
            "Pierre Morel",
            say("Branch closed early on Saturday", "Agence fermée plus tôt samedi"),
            say(
                "The branch closed at 16:00 although the door says 18:00.",
                "L'agence a fermé à 16 h alors que la porte indique 18 h.",
            ),
        ),
    ]
    for number, (channel, name, subject, description) in enumerate(told):
        email = f"{name.split()[0].lower()}.{number}@example.org"
        customer = CustomerInput(name, [(ContactKind.EMAIL, email)])
        intake.record_complaint(ctx, intake.NewComplaint(channel, subject, description, customer))


def proposed_duplicate(admin: ServiceContext) -> tuple[intake.IntakeResult, uuid.UUID]:
    """Manon calls (phone, email, postcode), then posts under a handle nobody knew."""
    phoned = intake.record_complaint(
        admin,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject=say(
                "Charged twice for the March invoice", "Facture de mars prélevée deux fois"
            ),
            description=say(
                "Called: the direct debit went through twice.",
                "Appel : le prélèvement est passé deux fois.",
            ),
            customer=CustomerInput(
                "Manon Faure",
                [(ContactKind.PHONE, "06 12 34 56 78"), (ContactKind.EMAIL, "manon@example.org")],
                postcode="75011",
                language=i18n.installed_language(),
            ),
        ),
    )
    post = social.InboundPost(
        platform="x",
        kind="post",
        post_id="1500",
        author_id="7",
        author_handle="manonf",
        author_name="Manon Faure",
        text=say(
            "@acme charged twice and nobody calls back. Disgraceful.",
            "@acme prélevée deux fois et personne ne rappelle. Inadmissible.",
        ),
        occurred_at=None,
        conversation="x:post:1500",
    )
    posted = social.ingest_post(admin, post)
    assert posted.complaint_id is not None
    with admin.uow(write=True) as uow:
        complaint = uow.get(Complaint, posted.complaint_id)
        assert complaint is not None
        customer = uow.get(Customer, complaint.customer_id)
        assert customer is not None
        customer.postcode = "75011"  # she gave it when asked by direct message
        uow.commit()
        return phoned, customer.id


def add_conflicts(
    connection: Connection, complaint_id: uuid.UUID, twin: uuid.UUID, camille: Actor, hugo: Actor
) -> None:
    """Three conflicts as a sync round records them (no central server is needed to show them)."""
    with connection.uow(write=True) as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        message = Message(
            complaint_id=complaint_id,
            customer_id=complaint.customer_id,
            direction="inbound",
            channel="email",
            sender="manon@example.org",
            body_text=say(
                "I still see the second debit on my statement this morning, please call me.",
                "Je vois toujours le second prélèvement sur mon relevé ce matin, rappelez-moi.",
            ),
            occurred_at=NOW - timedelta(hours=3),
            recorded_at=NOW - timedelta(hours=3),
        )
        uow.add(message)
        uow.flush()
        owners = {"owner_id": str(camille.user_id)}, {"owner_id": str(hugo.user_id)}
        names = (
            {"display_name": "Manon Faure-Lemaire", "postcode": "75011"},
            {"display_name": "Manon Faure", "postcode": "75012"},
        )
        crossed = {"status": "resolved"}, {"status": "in_progress", "message_id": str(message.id)}
        raised = [
            ("owner", "complaint", complaint_id, complaint_id, owners, 5),
            ("customer", "customer", twin, None, names, 4),
            ("resolution_crossed_message", "complaint", complaint_id, complaint_id, crossed, 3),
        ]
        for kind, entity, entity_id, about, (kept, other), hours in raised:
            uow.add(  # as a sync round records them
                SyncConflict(
                    kind=kind,
                    entity=entity,
                    entity_id=entity_id,
                    complaint_id=about,
                    kept=kept,
                    other=other,
                    raised_at=NOW - timedelta(hours=hours),
                )
            )
        uow.commit()


def _candidates_shot(window: MainWindow, out: Path, grab: Grab, wait: Wait) -> None:
    window.problem_actions.open_view()
    shown = window.problem_actions.problems_window
    assert shown is not None
    candidates = shown.candidates
    assert candidates is not None
    shown.resize(1400, 720)
    shown.tabs.setCurrentWidget(candidates)
    candidates.window_dates.last.setDate(QDate.currentDate())
    candidates.detect()
    wait(lambda: candidates.model.rowCount() > 0 and not window.operations.busy)
    candidates.table.selectRow(0)
    candidates.table.horizontalHeader().resizeSection(4, 290)  # every channel, in French too
    candidates.members_table.horizontalHeader().resizeSection(2, 130)
    wait(lambda: candidates.members.rowCount() > 0)
    grab(shown, out / "problem_candidates.png")
    shown.close()


def _customer_card_shot(
    window: MainWindow, complaint_id: uuid.UUID, out: Path, grab: Grab, wait: Wait
) -> None:
    window.show_complaint(complaint_id)
    wait(lambda: window.detail.shown is not None and window.tasks.pending == 0)
    window.complaint_actions.open_customer_card()
    card = window.complaint_actions.card_dialog
    assert card is not None
    wait(lambda: card.card is not None and not window.operations.busy)
    card.resize(1400, 680)
    card.duplicates_view.selectRow(0)
    grab(card, out / "customer_card_duplicate.png")
    card.close()
