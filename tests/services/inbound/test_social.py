"""Social in, on both databases: files end to end, dedupe, threading, the gateway, replies."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels import social as social_channel
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import ContactKind
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail, quarantine, social
from complaintdesk.services.inbound.storing import Handling
from complaintdesk.services.outbound import social_gateways
from complaintdesk.storage.models import AuditEvent, Complaint, ContactPoint, Customer, Message
from complaintdesk.storage.secrets import Secrets
from tests.channels.social.test_parsers import messenger, x_event
from tests.support.mail_factory import make_email
from tests.support.social_gateway import TOKEN, Gateway, social_gateway

__all__ = ["social_gateway"]


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _write_exports(folder: Path) -> tuple[Path, Path]:
    tweets = [
        {
            "tweet": {
                "id_str": "1001",
                "full_text": "@acme my parcel never arrived, order 55",
                "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            }
        },
        {
            "tweet": {
                "id_str": "1002",
                "full_text": "@acme still nothing a week later!",
                "created_at": "Wed Oct 17 08:00:00 +0000 2018",
                "in_reply_to_status_id_str": "1001",
            }
        },
        {"tweet": {"id_str": "1003", "created_at": "Wed Oct 17 09:00:00 +0000 2018"}},
    ]
    x_path = folder / "tweets.js"
    x_path.write_text("window.YTD.tweets.part0 = " + json.dumps(tweets, indent=1))
    export = {
        "participants": [{"name": _mojibake("Zoë Dupont")}, {"name": "Acme Support"}],
        "thread_path": "inbox/zoedupont_123",
        "messages": [
            {"sender_name": "Acme Support", "timestamp_ms": 1700000300000, "content": "Bonjour"},
            {
                "sender_name": _mojibake("Zoë Dupont"),
                "timestamp_ms": 1700000200000,
                "content": _mojibake("Toujours pas de remboursement — c'est inadmissible"),
            },
            {
                "sender_name": _mojibake("Zoë Dupont"),
                "timestamp_ms": 1700000100000,
                "content": _mojibake("Ma carte a été débitée deux fois"),
            },
        ],
    }
    fb_path = folder / "message_1.json"
    fb_path.write_text(json.dumps(export), encoding="utf-8")
    return x_path, fb_path


def _run_cli(monkeypatch: pytest.MonkeyPatch, database_url: str, *args: str) -> dict[str, Any]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.run([*args, "--database", database_url, "--json"])
    assert code == 0
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def test_exported_files_are_ingested_end_to_end_and_a_rerun_stores_nothing(
    backend: Backend,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    x_path, fb_path = _write_exports(tmp_path)
    args = ("ingest", "social", str(x_path), str(fb_path), "--account", "JDoe")

    first = _run_cli(monkeypatch, database_url, *args)
    again = _run_cli(monkeypatch, database_url, *args)

    held = first.pop("quarantined")
    assert first == {
        "read": 6,
        "ingested": 4,
        "threaded": 2,
        "complaints": 2,
        "duplicates": 0,
        "skipped": 1,
        "rejected": [],
    }
    assert [(q["item"], q["reason"]) for q in held] == [(f"{x_path}#2", "tweet.text is missing")]
    assert again["quarantined"] == held, "the same item, seen again"
    assert (again["ingested"], again["duplicates"], again["skipped"]) == (0, 4, 1)
    assert _count(backend, Complaint) == 2
    assert _count(backend, Message) == 4
    with backend.uow() as uow:
        tweet_complaint = uow.scalars(select(Complaint).where(Complaint.channel == "social"))
        details = {c.channel_detail: c for c in tweet_complaint}
        assert set(details) == {"x post (public)", "facebook direct message"}
        french = details["facebook direct message"]
        assert french.subject == "Ma carte a été débitée deux fois"
        assert french.language == "fr"
        names = uow.scalars(select(Customer.display_name).order_by(Customer.display_name))
        assert names == ["JDoe", "Zoë Dupont"]
        handles = uow.scalars(select(ContactPoint.value).order_by(ContactPoint.value))
        assert handles == ["facebook:@zoë.dupont", "x:@jdoe"]
        public = uow.scalars(select(Message.public).where(Message.external_id.like("x:%")))
        assert public == [True, True]


def test_a_second_delivery_of_a_webhook_stores_nothing(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    items = social_channel.parse_payload(messenger(), "hook")

    first = social_channel.ingest_items(admin_ctx, items)
    second = social_channel.ingest_items(admin_ctx, items)

    assert (first.ingested, first.complaints, second.duplicates, second.ingested) == (1, 1, 1, 0)
    assert _count(backend, Message) == 1
    assert _count(backend, Complaint) == 1


def test_a_direct_message_in_the_same_conversation_joins_the_open_complaint(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    first = social_channel.parse_payload(messenger("My card was charged twice"), "a")
    later = messenger("Any news? It is now three days")
    later["entry"][0]["messaging"][0]["message"]["mid"] = "m_second"

    social_channel.ingest_items(admin_ctx, first)
    summary = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(later, "b"))

    assert (summary.threaded, summary.complaints) == (1, 0)
    with backend.uow() as uow:
        [complaint] = uow.scalars(select(Complaint))
        assert complaint.channel_detail == "facebook direct message"
        texts = uow.scalars(
            select(Message.body_text)
            .where(Message.complaint_id == complaint.id)
            .order_by(Message.body_text)
        )
        assert texts == ["Any news? It is now three days", "My card was charged twice"]


def test_a_tweet_answering_a_stored_tweet_threads_and_others_open_complaints(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    event = x_event()
    event["tweet_create_events"][0].pop("in_reply_to_status_id_str")
    reply = x_event(direct_message_events=[])
    reply["tweet_create_events"][0].update(id_str="1600", in_reply_to_status_id_str="1500")

    opened = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(event, "a"))
    threaded = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(reply, "b"))

    # The direct message is another conversation with the same person: its own complaint,
    # but the same customer (x:@jdoe) as the public post.
    assert (opened.complaints, threaded.threaded) == (2, 1)
    with backend.uow() as uow:
        assert len(uow.scalars(select(Customer))) == 1
        public = uow.scalars(select(Complaint.channel_detail).order_by(Complaint.channel_detail))
        assert public == ["x direct message", "x post (public)"]


def test_a_customer_known_by_email_is_found_when_they_write_on_social_with_that_handle(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    email = mail.ingest_email(admin_ctx, parse(make_email(sender="jane@example.com")))
    intake.record_complaint(
        admin_ctx,
        intake.NewComplaint(
            channel=intake.Channel.PHONE,
            subject="Called about the double charge",
            description="She also tweets as @JDoe",
            customer=CustomerInput(
                "Jane", [(ContactKind.EMAIL, "JANE@example.com"), (ContactKind.SOCIAL, "x:@JDoe")]
            ),
        ),
    )

    summary = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(x_event(), "x"))

    assert summary.ingested == 2
    with backend.uow() as uow:
        [only_customer] = uow.scalars(select(Customer.id))
    detail = complaints.get_detail(admin_ctx, email.complaint_id)  # type: ignore[arg-type]
    assert detail.customer_id == only_customer


def test_a_payload_missing_fields_is_rejected_and_nothing_is_half_stored(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    bad = messenger()
    bad["entry"][0]["messaging"][0]["sender"] = {}
    before = _count(backend, AuditEvent)

    summary = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(bad, "hook"))

    assert summary.rejected == [
        {"item": "hook#entry[0].messaging[0]", "reason": "sender.id is missing"}
    ]
    assert _count(backend, Message) == 0
    assert _count(backend, Customer) == 0
    assert _count(backend, AuditEvent) == before


def test_a_post_whose_storing_fails_half_way_leaves_nothing(
    backend: Backend, admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(social.intake, "record_in", broken)

    summary = social_channel.ingest_items(admin_ctx, social_channel.parse_payload(messenger(), "h"))

    [held] = summary.quarantined
    assert held["item"] == "h#entry[0].messaging[0]"
    assert held["reason"].startswith("could not be stored (RuntimeError)")
    assert _count(backend, Customer) == 0
    assert _count(backend, Message) == 0
    [item] = quarantine.list_items(admin_ctx)
    assert (item.channel, item.problem, item.external_id) == ("social", "failed", "facebook:m_abc")


def _gateway(admin_ctx: ServiceContext, backend: Backend, server: Gateway) -> Secrets:
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)
    social_gateways.add_gateway(admin_ctx, "acme-social", server.url, TOKEN, secrets)
    return secrets


def _dm(mid: str, sender: str, text: str) -> dict[str, Any]:
    payload = messenger(text)
    event = payload["entry"][0]["messaging"][0]
    event["message"]["mid"] = mid
    event["sender"]["id"] = sender
    return payload


def test_the_gateway_is_read_batch_after_batch_and_never_twice(
    backend: Backend, admin_ctx: ServiceContext, social_gateway: Gateway, tmp_path: Path
) -> None:
    social_gateway.batches = [
        [_dm("m1", "11", "Parcel lost"), x_event()],
        [_dm("m2", "11", "Still lost"), {"object": "page"}],
    ]
    secrets = _gateway(admin_ctx, backend, social_gateway)

    first = social_channel.poll_gateways(admin_ctx, secrets)
    second = social_channel.poll_gateways(admin_ctx, secrets)

    assert (first.read, first.ingested, first.threaded, first.complaints) == (5, 4, 1, 3)
    [held] = first.quarantined
    assert (held["item"], held["reason"]) == ("acme-social@1#1", "entry is missing or empty")
    [item] = quarantine.list_items(admin_ctx)
    assert item.source == {
        "gateway": "acme-social",
        "cursor": "1",
        "site": None,
        "item": held["item"],
    }
    kept = json.loads(quarantine.raw_of(admin_ctx, item.id))
    assert kept["data"] == {"object": "page"}, "nothing is lost"
    assert (second.read, second.ingested, second.duplicates) == (0, 0, 0)
    assert social_gateway.requests[-1] == "/updates?cursor=2"
    [settings] = social_gateways.list_gateways(admin_ctx)
    assert settings.cursor == "2"
    assert settings.token_ref is not None
    assert TOKEN not in settings.token_ref


def test_a_gateway_failing_mid_batch_resumes_where_it_stopped(
    backend: Backend, admin_ctx: ServiceContext, social_gateway: Gateway
) -> None:
    social_gateway.batches = [
        [_dm("m1", "11", "One")],
        [_dm("m2", "12", "Two")],
        [_dm("m3", "13", "Three")],
    ]
    social_gateway.fail_batch_once = {1}
    secrets = _gateway(admin_ctx, backend, social_gateway)

    cut = social_channel.poll_gateways(admin_ctx, secrets)
    resumed = social_channel.poll_gateways(admin_ctx, secrets)

    assert cut.ingested == 1
    assert cut.errors == [
        {
            "gateway": "acme-social",
            "reason": "Gateway acme-social failed (500 Internal Server Error).",
        }
    ]
    assert (resumed.ingested, resumed.duplicates, resumed.errors) == (2, 0, [])
    assert _count(backend, Message) == 3
    assert social_gateway.requests == [
        "/updates",
        "/updates?cursor=1",
        "/updates?cursor=1",
        "/updates?cursor=2",
    ]


def test_a_wrong_token_is_reported_in_plain_words(
    backend: Backend, admin_ctx: ServiceContext, social_gateway: Gateway
) -> None:
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)
    social_gateways.add_gateway(admin_ctx, "acme-social", social_gateway.url, "wrong", secrets)

    summary = social_channel.poll_gateways(admin_ctx, secrets)

    assert summary.errors == [
        {"gateway": "acme-social", "reason": "Gateway acme-social refused the token (401)."}
    ]
    [settings] = social_gateways.list_gateways(admin_ctx)
    assert settings.last_error == "Gateway acme-social refused the token (401)."


def test_an_agents_reply_is_queued_posted_to_the_gateway_and_retried_after_a_failure(
    backend: Backend, admin_ctx: ServiceContext, social_gateway: Gateway
) -> None:
    secrets = _gateway(admin_ctx, backend, social_gateway)
    [item] = social_channel.parse_payload(messenger(), "hook")
    opened = social.ingest_post(admin_ctx, item.post)  # type: ignore[arg-type]
    assert opened.handling is Handling.OPENED
    assert opened.complaint_id is not None
    version = complaints.get_detail(admin_ctx, opened.complaint_id).version
    social_gateway.replies_down = True

    social_gateways.queue_social_reply(admin_ctx, opened.complaint_id, "We are on it.", version)
    down = social_channel.send_replies(admin_ctx, secrets)
    [waiting] = social_gateways.list_social_outbox(admin_ctx)
    social_gateway.replies_down = False
    up = social_channel.send_replies(admin_ctx, secrets)

    assert (down.sent, down.failed, up.sent, up.failed) == (0, 1, 1, 0)
    assert waiting.state == "failed"
    assert waiting.attempts == 1
    assert waiting.error == "Gateway acme-social failed (503 Service Unavailable)."
    assert social_gateways.list_social_outbox(admin_ctx) == ()
    assert social_gateway.replies == [
        {
            "id": str(waiting.message_id),
            "platform": "facebook",
            "conversation": "facebook:dm:4242",
            "in_reply_to": "m_abc",
            "recipient": "facebook:4242",
            "text": "We are on it.",
            "public": False,
        }
    ]
    with backend.uow() as uow:
        sent = uow.get(Message, waiting.message_id)
        assert sent is not None
        assert sent.external_id == "facebook:reply-1"
        complaint = uow.get(Complaint, opened.complaint_id)
        assert complaint is not None
        assert complaint.first_response_at is not None


def test_the_gateway_commands_configure_poll_and_report(
    backend: Backend,
    database_url: str,
    social_gateway: Gateway,
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    social_gateway.batches = [[x_event()]]
    monkeypatch.setattr(sys, "stdin", io.StringIO(TOKEN + "\n"))
    monkeypatch.setattr("complaintdesk.storage.secrets.keyring_available", lambda: False)
    added = _run_cli(
        monkeypatch, database_url, "social", "gateway-add", "acme", "--url", social_gateway.url
    )

    polled = _run_cli(monkeypatch, database_url, "ingest", "social-gateway", "--once")

    assert added["token"].startswith("file:")
    assert (polled["read"], polled["ingested"], polled["complaints"]) == (2, 2, 2)


def test_a_poll_killed_mid_batch_loses_nothing_and_duplicates_nothing_on_rerun(
    backend: Backend,
    admin_ctx: ServiceContext,
    social_gateway: Gateway,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    social_gateway.batches = [[_dm(f"m{n}", f"1{n}", f"Problem {n}") for n in range(4)]]
    secrets = _gateway(admin_ctx, backend, social_gateway)
    real = social.intake.record_in
    calls = {"n": 0}

    def dies_at_the_third(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:  # inside the third post's transaction: as if the process died
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(social.intake, "record_in", dies_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        social_channel.poll_gateways(admin_ctx, secrets)
    assert _count(backend, Message) == 2
    assert social_gateways.list_gateways(admin_ctx)[0].cursor is None
    monkeypatch.setattr(social.intake, "record_in", real)

    rerun = social_channel.poll_gateways(admin_ctx, secrets)

    assert (rerun.read, rerun.ingested, rerun.duplicates) == (4, 2, 2)
    assert _count(backend, Message) == 4
    assert _count(backend, Complaint) == 4
    assert social_gateways.list_gateways(admin_ctx)[0].cursor == "1"


def test_a_reply_with_no_gateway_configured_stays_in_the_outbox_with_the_reason(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    [item] = social_channel.parse_payload(messenger(), "hook")
    assert item.post is not None
    opened = social.ingest_post(admin_ctx, item.post)
    assert opened.complaint_id is not None
    version = complaints.get_detail(admin_ctx, opened.complaint_id).version
    social_gateways.queue_social_reply(admin_ctx, opened.complaint_id, "On it.", version)

    summary = social_channel.send_replies(admin_ctx, Secrets(backend.settings.data_dir))

    assert (summary.sent, summary.failed) == (0, 1)
    [waiting] = social_gateways.list_social_outbox(admin_ctx)
    assert waiting.error == (
        "No social gateway is configured: add one with `complaintdesk social gateway-add`."
    )
    detail = complaints.get_detail(admin_ctx, opened.complaint_id)
    assert detail.version == version, "a reply that did not leave is no response yet"


@pytest.mark.parametrize(
    "url",
    ["http://gateway.example.com", "ftp://gateway.example.com", "https://", "gateway.example.com"],
)
def test_a_gateway_must_be_reached_over_https_unless_it_is_on_this_computer(
    backend: Backend, admin_ctx: ServiceContext, url: str
) -> None:
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)

    with pytest.raises(ValidationError, match="not an https:// address"):
        social_gateways.add_gateway(admin_ctx, "acme", url, TOKEN, secrets)
    assert social_gateways.list_gateways(admin_ctx) == ()
    assert not (backend.settings.data_dir / "secrets").exists(), "no token kept for nothing"
