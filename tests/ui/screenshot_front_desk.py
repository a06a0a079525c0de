"""Scenes for the screenshots of the front desk: the phone screen pop, the counter, the receipt.

A call-centre agent and a shop clerk serve the same customer, known from an email and an
earlier call. Used by ``tests/ui/screenshots.py``; everything goes through the services, and
the data is in the language of the screenshots.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtTest import QTest
from sqlalchemy import select

from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction, Role, SiteKind
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import calls, social
from complaintdesk.storage.models import Mailbox, Site
from complaintdesk.ui import i18n
from complaintdesk.ui.counter.counter_form import CounterDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.phone.phone_desk import PhoneDesk
from tests.conftest import command_line_actor
from tests.ui.screenshot_scenes import Grab, Wait
from tests.ui.screenshot_supervisor import say, speak_screenshot_language

PASSWORD = "correct horse"
CALLER = "+33 6 12 34 56 78"


def front_desk(connection: Connection) -> tuple[Actor, Actor]:
    """The Paris Opéra shop with its clerk, a call-centre agent; returns (agent, clerk)."""
    admin = ServiceContext(connection.uow, command_line_actor())
    organisation.add_site(admin, "PAR01", "Paris Opéra", SiteKind.BRANCH, "Europe/Paris")
    with connection.uow(write=True) as uow:  # no service edits a site's address yet
        site = uow.scalars(select(Site).where(Site.code == "PAR01"))[0]
        site.address = "3 rue Auber, 75009 Paris"
        uow.add(
            Mailbox(
                name="par01",
                host="imap.invalid",
                port=993,
                username="par01",
                from_address="paris.opera@complaintdesk.example",
                site_code="PAR01",
            )
        )
        uow.commit()
    users.add_user(
        admin, "camille", PASSWORD, role=Role.AGENT, site_code="HQ", display_name="Camille Bonnefoy"
    )
    users.add_user(
        admin,
        "julien",
        PASSWORD,
        role=Role.BRANCH_CLERK,
        site_code="PAR01",
        display_name="Julien Petit",
    )
    for code, name, name_fr in (
        ("billing", "Billing error", "Erreur de facturation"),
        ("delivery", "Delivery problem", "Problème de livraison"),
        ("faulty", "Faulty product", "Produit défectueux"),
    ):
        organisation.add_category(admin, code, say(name, name_fr), name_fr=name_fr)
    speak_screenshot_language(connection)
    agent = auth.sign_in(connection.uow, "camille", PASSWORD)
    return agent, auth.sign_in(connection.uow, "julien", PASSWORD)


def known_caller(connection: Connection, agent: Actor) -> None:
    """The customer wrote once and called once (two notes on the call's complaint)."""
    ctx = ServiceContext(connection.uow, agent)
    customer = CustomerInput(
        say("Emma Clarke", "Élodie Durand"),
        [
            (ContactKind.PHONE, "06 12 34 56 78"),
            (ContactKind.EMAIL, say("emma.clarke@example.org", "elodie.durand@example.org")),
        ],
        language=i18n.installed_language(),
    )
    intake.record_complaint(
        ctx,
        intake.NewComplaint(
            Channel.EMAIL,
            say("Parcel never arrived, tracking says delivered", "Colis jamais reçu, suivi livré"),
            say(
                "Hello, my parcel never came although the tracking says it was delivered.",
                "Bonjour, mon colis n'est jamais arrivé alors que le suivi indique livré.",
            ),
            customer,
        ),
    )
    called = intake.record_complaint(
        ctx,
        intake.NewComplaint(
            Channel.PHONE,
            say("Charged twice for the March invoice", "Facture de mars prélevée deux fois"),
            say(
                "She sees two debits of 42.50 on 3 March.",
                "Elle voit deux prélèvements de 42,50 € le 3 mars.",
            ),
            customer,
        ),
    )
    for direction, notes in (
        (
            Direction.OUTBOUND,
            say(
                "Told her the duplicate debit is being checked with billing; call back Friday.",
                "Prélèvement en double vérifié avec la facturation ; rappel vendredi.",
            ),
        ),
        (
            Direction.INBOUND,
            say(
                "Called again: the bank refused to reverse the debit.",
                "A rappelé : la banque refuse d'annuler le prélèvement.",
            ),
        ),
    ):
        calls.log_call(ctx, called.complaint_id, calls.CallNotes(direction, notes))


def tweeted(connection: Connection) -> uuid.UUID:
    """The caller also tweeted, under a handle nobody knew: a record of its own."""
    admin = ServiceContext(connection.uow, command_line_actor())
    name = say("Emma Clarke", "Élodie Durand")
    post = social.InboundPost(
        platform="x",
        kind="post",
        post_id="2600",
        author_id="5151",
        author_handle=say("emmaclarke", "elodiedurand"),
        author_name=name,
        text=say(
            "@acme charged twice for March and nobody calls back",
            "@acme facture de mars prélevée deux fois et personne ne rappelle",
        ),
        occurred_at=None,
        conversation="x:post:2600",
    )
    outcome = social.ingest_post(admin, post)
    assert outcome.complaint_id is not None
    return outcome.complaint_id


def front_desk_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """The screen pop for the known caller, then the counter form and the receipt."""
    agent, clerk = front_desk(connection)
    known_caller(connection, agent)
    tweet = tweeted(connection)
    window = MainWindow(connection, agent)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.tasks.pending == 0)
    phone = PhoneDesk(window, ServiceContext(connection.uow, agent))  # no listener needed
    phone.show_caller(CALLER)
    phone.pop.resize(1000, 560)
    wait(lambda: phone.pop.card is not None and window.tasks.pending == 0)
    grab(phone.pop, out / "screen_pop.png")
    phone.pop.close()
    window.show_complaint(tweet)  # the workspace proposes the caller, and one click links
    wait(lambda: window.tasks.pending == 0 and not window.operations.busy)
    grab(window, out / "workspace_one_customer.png")
    window.close()
    counter_shots(connection, clerk, out, grab, wait)


def counter_shots(connection: Connection, clerk: Actor, out: Path, grab: Grab, wait: Wait) -> None:
    """The clerk finds the customer, types the complaint, records it and offers the receipt."""
    window = MainWindow(connection, clerk)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.tasks.pending == 0)
    desk = window.complaint_actions.counter
    desk.open()
    wait(lambda: desk.dialog is not None and desk.dialog.isVisible())
    form = desk.dialog
    assert isinstance(form, CounterDialog)
    QTest.keyClicks(form.finder, "06 12 34")
    wait(lambda: form.matches.count() > 0)
    grab(form, out / "counter_found.png")
    form.matches.setCurrentRow(0)
    item = form.matches.item(0)
    form.matches.itemActivated.emit(item)
    wait(lambda: form.customer_name.text() != "")
    form.category.setCurrentIndex(1)
    form.happened.setPlainText(
        say(
            "My card was charged twice for the same purchase of 42.50 on 12 November. "
            "The sales assistant told me to come back.",
            "Ma carte a été débitée deux fois pour le même achat de 42,50 € le 12 novembre. "
            "Le vendeur m'a dit de revenir.",
        )
    )
    form.wants.setPlainText(
        say("A refund of the second debit.", "Le remboursement du second débit.")
    )
    form.money.amount.setText(say("42.50", "42,50"))
    grab(form, out / "counter_form.png")
    form.submit()
    wait(lambda: desk.receipt_dialog is not None and desk.receipt_dialog.receipt is not None)
    receipt = desk.receipt_dialog
    assert receipt is not None
    wait(lambda: window.tasks.pending == 0)
    receipt.resize(620, 820)
    grab(receipt, out / "receipt.png")
    receipt.ticket.setChecked(True)
    grab(receipt, out / "receipt_ticket.png")
    receipt.reject()
    window.close()
