"""Social parsers on each documented shape, on malformed ones, and on exported files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintdesk.channels.social import parse_payload, read_file, repair_mojibake
from complaintdesk.channels.social.items import Item
from complaintdesk.domain.customers import duplicates
from complaintdesk.domain.customers.contacts import normalise_social


def messenger(text: str = "My card was charged twice", **message: Any) -> dict[str, Any]:
    """A Messenger webhook with one message from user 4242 to page 1000."""
    return {
        "object": "page",
        "entry": [
            {
                "id": "1000",
                "time": 1700000000000,
                "messaging": [
                    {
                        "sender": {"id": "4242"},
                        "recipient": {"id": "1000"},
                        "timestamp": 1700000000123,
                        "message": {"mid": "m_abc", "text": text, **message},
                    }
                ],
            }
        ],
    }


def x_event(**extra: Any) -> dict[str, Any]:
    """An Account Activity event for our account 99 with one tweet and one direct message."""
    return {
        "for_user_id": "99",
        "tweet_create_events": [
            {
                "id_str": "1500",
                "text": "@acme short text",
                "extended_tweet": {"full_text": "@acme my parcel is lost, order 77"},
                "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                "in_reply_to_status_id_str": "1400",
                "user": {"id_str": "7", "screen_name": "JDoe", "name": "Jane Doe"},
            }
        ],
        "direct_message_events": [
            {
                "type": "message_create",
                "id": "dm-1",
                "created_timestamp": "1700000000500",
                "message_create": {
                    "target": {"recipient_id": "99"},
                    "sender_id": "7",
                    "message_data": {"text": "Here is my order number: 77"},
                },
            }
        ],
        "users": {"7": {"id": "7", "screen_name": "JDoe", "name": "Jane Doe"}},
        **extra,
    }


def only(items: list[Item]) -> Item:
    assert len(items) == 1, items
    return items[0]


def test_a_messenger_message_is_a_private_message_from_the_sender() -> None:
    item = only(parse_payload(messenger(), "p"))

    assert item.post is not None
    assert item.post.external_id == "facebook:m_abc"
    assert item.post.contact == "facebook:4242"
    assert item.post.text == "My card was charged twice"
    assert item.post.public is False
    assert item.post.occurred_at == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)
    assert item.post.conversation == "facebook:dm:4242"


def test_an_echo_of_our_own_message_is_skipped_not_stored() -> None:
    item = only(parse_payload(messenger(is_echo=True), "p"))

    assert item.post is None
    assert item.skipped == "our own message (echo)"


def test_an_attachment_without_text_is_kept_as_a_placeholder() -> None:
    payload = messenger(text="")
    payload["entry"][0]["messaging"][0]["message"]["attachments"] = [{"type": "image"}]

    item = only(parse_payload(payload, "p"))

    assert item.post is not None
    assert item.post.text == "[image attachment]"


def test_instagram_messages_and_comments_are_read_from_one_payload() -> None:
    payload = {
        "object": "instagram",
        "entry": [
            {
                "id": "17841400000000000",
                "time": 1700000000,
                "messaging": [
                    {
                        "sender": {"id": "555"},
                        "recipient": {"id": "17841400000000000"},
                        "timestamp": 1700000001000,
                        "message": {"mid": "ig_m1", "text": "Where is my refund?"},
                    }
                ],
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "id": "c-1",
                            "text": "Worst service ever, still waiting",
                            "from": {"id": "555", "username": "ShopFan"},
                            "media": {"id": "media-9", "media_product_type": "FEED"},
                        },
                    },
                    {"field": "mentions", "value": {"media_id": "m", "comment_id": "c"}},
                ],
            }
        ],
    }

    message, comment, mention = parse_payload(payload, "p")

    assert message.post is not None
    assert message.post.contact == "instagram:555"
    assert message.post.public is False
    assert comment.post is not None
    assert comment.post.contact == "instagram:ShopFan"
    assert normalise_social(comment.post.contact) == "instagram:@shopfan"
    assert comment.post.public is True
    assert comment.post.kind == "comment"
    assert comment.post.conversation == "instagram:comments:media-9:555"
    assert comment.post.occurred_at == datetime.fromtimestamp(1700000000, UTC)
    assert mention.skipped == "change of 'mentions' is not read (only comments)"


def test_x_posts_and_direct_messages_are_read_with_their_handles() -> None:
    tweet, dm = parse_payload(x_event(), "p")

    assert tweet.post is not None
    assert tweet.post.external_id == "x:1500"
    assert tweet.post.text == "@acme my parcel is lost, order 77"
    assert tweet.post.contact == "x:JDoe"
    assert tweet.post.public is True
    assert tweet.post.in_reply_to == "1400"
    assert tweet.post.occurred_at == datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)
    assert dm.post is not None
    assert dm.post.contact == "x:JDoe"
    assert dm.post.author_name == "Jane Doe"
    assert dm.post.public is False


def test_our_own_tweets_and_direct_messages_are_skipped() -> None:
    event = x_event()
    event["tweet_create_events"][0]["user"]["id_str"] = "99"
    event["direct_message_events"][0]["message_create"]["sender_id"] = "99"

    assert [i.skipped for i in parse_payload(event, "p")] == [
        "our own post",
        "our own direct message",
    ]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([], "not a webhook payload (a JSON object was expected)"),
        ({"hello": 1}, "unknown payload: neither"),
        ({"object": "page"}, "entry is missing or empty"),
        ({"object": "page", "entry": [{"id": "1"}]}, "entry has neither messaging nor changes"),
    ],
)
def test_a_payload_of_the_wrong_shape_is_rejected_with_its_reason(
    payload: Any, reason: str
) -> None:
    item = only(parse_payload(payload, "p"))

    assert item.post is None
    assert item.rejected is not None
    assert item.rejected.startswith(reason)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda e: e["sender"].pop("id"), "sender.id is missing"),
        (lambda e: e.pop("sender"), "event.sender is missing"),
        (lambda e: e["message"].pop("mid"), "message.mid is missing"),
        (lambda e: e.update(timestamp="soon"), "timestamp is not a timestamp"),
        (lambda e: e["message"].pop("text"), "message.text is missing"),
    ],
)
def test_a_messenger_event_missing_a_field_names_the_field(damage: Any, reason: str) -> None:
    payload = messenger()
    damage(payload["entry"][0]["messaging"][0])

    item = only(parse_payload(payload, "hook"))

    assert item.rejected is not None
    assert reason in item.rejected
    assert item.label == "hook#entry[0].messaging[0]"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda e: e["tweet_create_events"][0].pop("user"), "tweet.user is missing"),
        (lambda e: e["tweet_create_events"][0].update(created_at="yesterday"), "not a date"),
        (
            lambda e: e["direct_message_events"][0]["message_create"].pop("message_data"),
            "message_create.message_data is missing",
        ),
        (lambda e: e.update(tweet_create_events={"a": 1}), "tweet_create_events is not a list"),
    ],
)
def test_an_x_event_missing_a_field_is_rejected_and_the_rest_is_kept(
    damage: Any, reason: str
) -> None:
    event = x_event()
    damage(event)

    items = parse_payload(event, "hook")

    assert any(i.rejected and reason in i.rejected for i in items), items
    assert any(i.post is not None for i in items)


def test_a_comment_missing_its_author_is_rejected() -> None:
    payload = {
        "object": "instagram",
        "entry": [
            {"id": "1", "changes": [{"field": "comments", "value": {"id": "c", "text": "x"}}]}
        ],
    }

    assert only(parse_payload(payload, "p")).rejected == "value.from is missing"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Wed Oct 10 20:19:24 +0000 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
        ("Wed Oct 10 20:19:24 -0000 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
        ("2018-10-10T22:19:24+02:00", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
    ],
)
def test_a_tweet_date_is_read_as_an_instant(written: str, expected: datetime) -> None:
    event = x_event(direct_message_events=[])
    event["tweet_create_events"][0]["created_at"] = written

    item = only(parse_payload(event, "p"))

    assert item.post is not None
    assert item.post.occurred_at == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cafÃ©", "café"),
        ("Ã§a ne marche pas, ZoÃ«", "ça ne marche pas, Zoë"),
        ("\u00e2\u0080\u0099", "\u2019"),  # a right single quote, as Facebook writes it
        ("plain text", "plain text"),
        ("café", "café"),  # right already: é alone is not valid UTF-8, so it is kept
        ("naïve 😀", "naïve 😀"),
    ],
)
def test_mojibake_is_repaired_only_when_the_round_trip_is_exact(raw: str, expected: str) -> None:
    assert repair_mojibake(raw) == expected


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def test_a_messenger_export_is_repaired_and_our_own_messages_skipped(tmp_path: Path) -> None:
    export = {
        "participants": [{"name": _mojibake("Zoë Dupont")}, {"name": "Acme Support"}],
        "title": _mojibake("Zoë Dupont"),
        "thread_path": "inbox/zoedupont_123",
        "messages": [
            {"sender_name": "Acme Support", "timestamp_ms": 1700000300000, "content": "Hello"},
            {
                "sender_name": _mojibake("Zoë Dupont"),
                "timestamp_ms": 1700000200000,
                "content": _mojibake("Ma carte a été débitée deux fois — aidez-moi"),
            },
            {"sender_name": _mojibake("Zoë Dupont"), "timestamp_ms": 1700000100000, "photos": [{}]},
            {"sender_name": _mojibake("Zoë Dupont"), "content": "no time"},
        ],
    }
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(export), encoding="utf-8")

    ours, photo, words, broken = read_file(path)  # oldest first, as it happened

    assert ours.skipped == "written by us (Acme Support)"
    assert words.post is not None
    assert words.post.text == "Ma carte a été débitée deux fois — aidez-moi"
    assert words.post.author_name == "Zoë Dupont"
    assert words.post.contact == "facebook:zoë.dupont"
    assert words.post.conversation == "facebook:export:inbox/zoedupont_123"
    assert photo.post is not None
    assert photo.post.text == "[photo]"
    assert broken.rejected == "message.timestamp_ms is missing"
    assert read_file(path)[2].post == words.post, "the same file gives the same ids"


def test_an_x_archive_takes_its_account_from_account_js(tmp_path: Path) -> None:
    tweets = [
        {
            "tweet": {
                "id_str": "1",
                "full_text": "@acme lost parcel",
                "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            }
        },
        {"tweet": {"id_str": "2", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}},
    ]
    (tmp_path / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets))
    account = [{"account": {"username": "jdoe", "accountId": "7"}}]
    (tmp_path / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account))

    first, second = read_file(tmp_path / "tweets.js")

    assert first.post is not None
    assert first.post.contact == "x:jdoe"
    assert first.post.public is True
    assert second.rejected == "tweet.text is missing"


def test_an_x_archive_without_an_account_says_how_to_give_one(tmp_path: Path) -> None:
    tweet = {
        "tweet": {"id_str": "1", "full_text": "hi", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}
    }
    (tmp_path / "tweets.js").write_text("window.YTD.tweets.part0 = [" + json.dumps(tweet) + "]")

    item = only(read_file(tmp_path / "tweets.js"))

    assert (
        item.rejected == "tweet.user is missing: give the archive's account with --account HANDLE"
    )
    assert only(read_file(tmp_path / "tweets.js", account="@jdoe")).post is not None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"window.YTD.tweets.part0 = [ {", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"", "not valid JSON"),
        (b'"just a string"', "not a webhook payload"),
    ],
)
def test_an_unreadable_file_is_one_rejected_item(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)

    item = only(read_file(path))

    assert item.rejected is not None
    assert item.rejected.startswith(reason)


def test_a_missing_file_is_rejected_not_raised(tmp_path: Path) -> None:
    assert only(read_file(tmp_path / "nope.js")).rejected == "no such file"


def facts(name: str, postcode: str | None = None, *contacts: tuple[str, str]) -> Any:
    return duplicates.CustomerFacts(name, postcode, frozenset(contacts))


def test_a_shared_phone_or_email_is_a_reason_to_propose_a_merge() -> None:
    a = facts("Jane Doe", None, ("phone", "+33612345678"), ("email", "jane@example.com"))
    b = facts("J. Doe", None, ("phone", "+33612345678"))

    assert tuple(map(str, duplicates.reasons(a, b))) == (
        "same phone +33612345678",
        "initial: Jane Doe / J. Doe",
    )


def test_a_name_alone_is_not_enough_but_a_postcode_with_it_is() -> None:
    close = duplicates.reasons(facts("Zoé Martin", "75011"), facts("martin zoe", "75 011"))
    assert tuple(map(str, close)) == ("same name Zoé Martin", "same postcode 75011")
    assert duplicates.reasons(facts("Zoé Martin", "75011"), facts("Zoé Martin", "75012")) == ()
    assert duplicates.reasons(facts("Zoé Martin", "75011"), facts("Paul Durand", "75011")) == ()
    assert duplicates.reasons(facts("Zoé Martin"), facts("Zoé Martin")) == ()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copy


def _account_for_every_item(items: list[Item]) -> None:
    assert items, "every payload yields at least one item"
    for item in items:
        assert sum(x is not None for x in (item.post, item.skipped, item.rejected)) == 1
        if item.post is not None:
            assert item.post.external_id
            assert item.post.text
            assert item.post.author_id
            assert item.post.occurred_at is None or item.post.occurred_at.tzinfo is not None


@settings(max_examples=300, deadline=None)
@given(payload=JSON)
def test_any_json_is_parsed_without_raising(payload: Any) -> None:
    _account_for_every_item(parse_payload(payload, "p"))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_real_payload_with_any_field_damaged_is_parsed_without_raising(data: Any) -> None:
    payload = data.draw(st.sampled_from([messenger(), x_event()]))
    path = data.draw(st.sampled_from(_paths(payload)))
    damaged = _replace(payload, path, data.draw(JSON))

    _account_for_every_item(parse_payload(damaged, "p"))
