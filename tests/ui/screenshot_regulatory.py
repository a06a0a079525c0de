"""Screenshots of regulatory duty: a final response refused, scopes, which policy, templates.

Called by ``tests.ui.screenshots`` on the agents' desk database (after ``agent_screens`` and
``admin_screens``): it adds a London shop, records a London complaint by phone for Camille
and writes ``final_response_refused.png``, ``admin_promises_scope.png``,
``admin_which_policy.png``, ``admin_templates.png`` and ``admin_templates_refused.png``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from complaintdesk.domain.vocabulary import Channel, ContactKind, LetterKind, SiteKind
from complaintdesk.services.admin import auth, organisation
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.dialogs.response import ResponseDialog
from complaintdesk.ui.main_window import MainWindow
from tests.conftest import command_line_actor

PASSWORD = "correct horse"
Grab = Callable[[QWidget, Path], None]
Wait = Callable[[Callable[[], bool]], None]


def regulatory_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """The final response refused in Record response; the Promises and Templates tabs."""
    admin = ServiceContext(connection.uow, command_line_actor())
    organisation.add_site(admin, "LON01", "London Moorgate", SiteKind.BRANCH, "Europe/London")
    camille = auth.sign_in(connection.uow, "camille", PASSWORD)
    recorded = intake.record_complaint(
        ServiceContext(connection.uow, camille),
        intake.NewComplaint(
            Channel.PHONE,
            "Card payment taken twice",
            "The shop took the payment twice on 2 February.",
            CustomerInput("Margaret Shaw", [(ContactKind.PHONE, "+44 20 7946 0000")]),
            site_code="LON01",
        ),
    )
    _final_response_shot(connection, camille, recorded.complaint_id, out, grab, wait)
    _admin_shots(connection, out, grab, wait)


def _final_response_shot(
    connection: Connection, camille: object, complaint_id: object, out: Path, grab: Grab,
    wait: Wait,
) -> None:  # fmt: skip
    window = MainWindow(connection, camille)  # type: ignore[arg-type]
    window.show()
    wait(lambda: window.tasks.pending == 0)
    window.show_complaint(complaint_id)  # type: ignore[arg-type]
    wait(lambda: window.tasks.pending == 0 and not window.operations.busy)
    window.complaint_actions.handlers.letter()
    form = window.complaint_actions.handlers.dialog
    assert isinstance(form, ResponseDialog)
    form.show()
    form.choose(LetterKind.FINAL_RESPONSE)
    wait(lambda: "Financial Ombudsman Service" in form.text.toPlainText())
    text = form.text.toPlainText()
    text = re.sub(r"Six months to refer your complaint\n.*?\n\n", "", text, flags=re.S)
    # The customer writes English: the letter is English whatever the interface's language.
    form.text.setPlainText(text.replace("Our decision\n", "Our decision\nWe uphold it.\n", 1))
    form.submit()
    wait(lambda: bool(form.field_error("text")))
    grab(form, out / "final_response_refused.png")
    form.reject()
    window.close()


def _admin_shots(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    root = auth.sign_in(connection.uow, "rita", PASSWORD)
    window = MainWindow(connection, root)
    window.show()
    wait(lambda: window.tasks.pending == 0)
    window.open_configuration()
    dialog = window.admin_dialog
    assert dialog is not None
    wait(lambda: dialog.templates.model.rowCount() > 0 and dialog.policies.model.rowCount() > 0)
    tab = dialog.policies
    dialog.tabs.setCurrentWidget(tab)
    tab.select("uk-fca-payment")
    tab.scope.fields["categories"].setText("payments.*")
    tab.pages.setCurrentWidget(tab.scope)
    grab(dialog, out / "admin_promises_scope.png")
    tab.pages.setCurrentWidget(tab.which)
    tab.which.site.setCurrentIndex(tab.which.site.findData("LON01"))
    wait(lambda: "(uk-fca)" in tab.which.answer.text())
    grab(dialog, out / "admin_which_policy.png")
    templates = dialog.templates
    dialog.tabs.setCurrentWidget(templates)
    templates.select("final_response.uk-fca", "en")
    wait(lambda: bool(templates.rendered.toPlainText()))
    grab(dialog, out / "admin_templates.png")
    templates.body.setPlainText(templates.body.toPlainText() + "\n{{ owner_name }}")
    templates.preview()
    grab(dialog, out / "admin_templates_refused.png")
    dialog.close()
    window.close()
