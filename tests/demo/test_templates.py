"""The demo's acknowledgements render with what the acknowledgement really supplies.

A demo database once shipped an acknowledgement naming ``owner_name``, which nothing supplies:
every new email of a newcomer's demo was refused. Each demo acknowledgement is rendered here
with the values the acknowledgement computes for a real complaint (strictly: a name it does
not supply fails), with and without promised dates. (Every template of every kind renders
with its kind's values in ``tests/services/outbound/test_templates.py``.)
"""

from __future__ import annotations

from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.demo import catalogue
from complaintdesk.demo import seed as demo
from complaintdesk.services.outbound import outbox, templates
from complaintdesk.storage.models import Complaint, Template


def test_every_demo_acknowledgement_renders_with_the_acknowledgement_s_values(
    sqlite_backend: Backend,
) -> None:
    demo.seed(sqlite_backend.uow, complaints=3, seed=1)

    with sqlite_backend.uow() as uow:
        complaint = uow.scalars(select(Complaint).order_by(Complaint.reference).limit(1))[0]
        _, values = outbox.acknowledgement_values(uow, complaint)
        no_promise = {**values, "acknowledge_due": None, "resolution_due": None}
        stored = uow.scalars(select(Template).where(Template.code == "acknowledgement"))
        rendered = [
            templates.render(uow, row.code, row.language, given)
            for row in stored
            for given in (values, no_promise)
        ]

    assert {(row.code, row.language) for row in stored} == {
        (t["code"], t["language"]) for t in catalogue.templates() if t["code"] == "acknowledgement"
    }
    assert len(rendered) == 4
    assert all(complaint.reference in r.body for r in rendered)
    assert not [r for r in rendered if "None" in r.body], "a promise not made is left out"
