"""Our own posts are ours, on both databases: an X archive of our account, never a customer."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels import social as social_channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import company_accounts
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, Message
from tests.support.omnichannel import x_payload


def _archive(folder: Path) -> Path:
    """Our account's archive: our reply to Léa's tweet 1500, and an announcement."""
    tweets = [
        {
            "tweet": {
                "id_str": "2001",
                "full_text": "@leamartin Sorry Léa, the refund for order 4411 left today.",
                "created_at": "Tue Dec 02 10:00:00 +0000 2025",
                "in_reply_to_status_id_str": "1500",
            }
        },
        {
            "tweet": {
                "id_str": "2002",
                "full_text": "Our shops close at 6 pm on 24 December.",
                "created_at": "Tue Dec 02 11:00:00 +0000 2025",
            }
        },
    ]
    (folder / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets))
    account = [{"account": {"username": "acme", "accountId": "99"}}]
    (folder / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account))
    return folder / "tweets.js"


def _count(backend: Backend, model: object) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model)).scalar_one()  # type: ignore[arg-type]
        return found


def test_our_archive_records_our_reply_as_outbound_and_never_makes_us_a_customer(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    company_accounts.add_account(admin_ctx, "x", "@Acme", "99", "Acme")
    social_channel.ingest_items(admin_ctx, social_channel.parse_payload(x_payload(), "x"))
    customers = _count(backend, Customer)

    summary = social_channel.ingest_items(admin_ctx, social_channel.read_file(_archive(tmp_path)))

    assert (summary.threaded, summary.complaints, summary.skipped) == (1, 0, 1)
    assert _count(backend, Customer) == customers, "our account is nobody's customer record"
    with backend.uow() as uow:
        [ours] = uow.scalars(select(Message).where(Message.external_id == "x:2001"))
        assert (ours.direction, ours.delivery_state, ours.public) == ("outbound", "sent", True)
        assert ours.recipient == "x:leamartin"
        complaint = uow.get(Complaint, ours.complaint_id)
        assert complaint is not None
        assert complaint.first_response_at is not None, "an answer given outside counts"
        handles = uow.scalars(select(ContactPoint.value).where(ContactPoint.kind == "social"))
        assert "x:@acme" not in handles
    again = social_channel.ingest_items(admin_ctx, social_channel.read_file(_archive(tmp_path)))
    assert (again.duplicates, again.skipped) == (1, 1)


def test_an_archive_of_an_account_that_is_not_ours_is_the_customers(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    summary = social_channel.ingest_items(admin_ctx, social_channel.read_file(_archive(tmp_path)))

    assert summary.complaints == 2, "no company account configured: a customer's archive"
