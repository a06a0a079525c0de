"""Complaints of one customer at two sites merged, and the merge undone: each branch keeps
its own site's part (DESIGN.md section 8).

Head office merges its complaint into a Paris one of the same customer (or the Paris one
into its own). The messages move with the merge: those moved into the Paris complaint reach
the Paris branch, those moved out of it leave it, and the head-office complaint never
reaches Paris, not before the undo nor after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from complaintdesk.storage.models import Complaint, Message
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres


@dataclass
class Story:
    central: w.Replica
    paris: w.Replica
    in_paris: uuid.UUID
    at_head_office: uuid.UUID
    note_at_head_office: uuid.UUID


@pytest.fixture
def story(migrated_postgres_url: str, data_dir: Path, tmp_path: Path) -> Iterator[Story]:
    central = w.open_central(migrated_postgres_url, data_dir, ["PAR"])
    paris = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR")
    in_paris = w.record_complaint(paris, "clerk-par", "Broken kettle", "ana@example.org")
    sync(paris)
    at_head_office = w.again_for(central, "boss", in_paris, "Kettle, by phone")
    note = w.note(central, "boss", at_head_office, "She called head office too.")
    yield Story(central, paris, in_paris, at_head_office, note)
    paris.engine.dispose()
    central.engine.dispose()


def sync(replica: w.Replica) -> None:
    assert replica.branch is not None
    assert replica.branch.run_round().pending == 0


def held(replica: w.Replica) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The complaints and the messages a replica holds."""
    with replica.backend.uow() as uow:
        return set(uow.scalars(select(Complaint.id))), set(uow.scalars(select(Message.id)))


def test_a_head_office_complaint_merged_into_a_paris_one_never_reaches_paris(
    story: Story,
) -> None:
    merge = w.merge_complaints(story.central, "boss", story.in_paris, story.at_head_office)
    sync(story.paris)

    complaints, messages = held(story.paris)
    assert story.at_head_office not in complaints  # status "merged", head office's
    assert story.note_at_head_office in messages  # it moved into the Paris complaint
    assert w.differences(story.central.engine, story.paris.engine) == {}

    w.undo_complaint_merge(story.central, "boss", merge)
    sync(story.paris)

    complaints, messages = held(story.paris)
    assert story.at_head_office not in complaints
    assert story.note_at_head_office not in messages  # back in head office's complaint
    assert w.status_of(story.paris, story.in_paris) != "merged"
    assert w.differences(story.central.engine, story.paris.engine) == {}


def test_a_paris_complaint_merged_into_a_head_office_one_hands_over_its_messages(
    story: Story,
) -> None:
    _, before = held(story.paris)
    merge = w.merge_complaints(story.central, "boss", story.at_head_office, story.in_paris)
    sync(story.paris)

    complaints, messages = held(story.paris)
    assert complaints.isdisjoint({story.at_head_office})
    assert w.status_of(story.paris, story.in_paris) == "merged"
    assert messages.isdisjoint(before)  # they live in head office's complaint now
    assert w.differences(story.central.engine, story.paris.engine) == {}

    w.undo_complaint_merge(story.central, "boss", merge)
    sync(story.paris)

    complaints, messages = held(story.paris)
    assert story.at_head_office not in complaints
    assert messages == before  # back in the Paris complaint, and only they
    assert w.differences(story.central.engine, story.paris.engine) == {}
