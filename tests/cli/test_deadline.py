"""``complaintdesk deadline``: the answer an administrator gets to "when is this due?".

Expected dates are counted by hand (see tests/domain/promises/test_presets.py for the conventions);
the comments name the days counted and the holidays crossed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from complaintdesk import cli


def deadline(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, Any]] | None, str]:
    """Run ``complaintdesk deadline ARGS --json``: exit status, parsed stdout, stderr."""
    code = cli.run(["deadline", *args, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def targets(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    code, summary, err = deadline(capsys, *args)
    assert code == 0, err
    assert err == ""
    assert summary is not None
    listed: list[dict[str, str]] = summary  # the issue asks for a plain list
    for item in listed:
        assert set(item) == {"target", "due_date", "due_at"}
    return listed


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Return the one error line after checking nothing else was printed."""
    code, summary, err = deadline(capsys, *args)
    assert code in (1, 2)  # 2: refused by the parser, before anything runs
    assert summary is None
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("complaintdesk: error: ")
    return lines[0]


@pytest.fixture(autouse=True)
def _isolated(data_dir: Path) -> None:
    """Each test gets its own empty data folder (the command must not need a database)."""


def test_acpr_receipt_before_14_july(capsys: pytest.CaptureFixture[str]) -> None:
    # Fri 11 Jul 2025. Jours ouvrables: Sat 12 (1); Sun no; Mon 14 Bastille Day no; Tue 15 (2)
    # ... Sat 19 (6); Sun no; Mon 21 (7) ... Thu 24 (10). Two months: Thu 11 September.
    # Both end at 23:59:59.999999 Paris summer time, 21:59:59.999999 UTC.
    assert targets(capsys, "--preset", "fr-acpr", "--received", "2025-07-11T09:30:00+02:00") == [
        {
            "target": "acknowledge",
            "due_date": "2025-07-24",
            "due_at": "2025-07-24T21:59:59.999999+00:00",
        },
        {
            "target": "response",
            "due_date": "2025-09-11",
            "due_at": "2025-09-11T21:59:59.999999+00:00",
        },
    ]


def test_acpr_in_alsace_moselle_over_good_friday(capsys: pytest.CaptureFixture[str]) -> None:
    # Wed 16 Apr 2025, FR-57: Thu 17 (1); Fri 18 Good Friday no; Sat 19 (2); Sun no;
    # Mon 21 Easter Monday no; Tue 22 (3) ... Sat 26 (7); Sun no; Mon 28 (8), Tue 29 (9),
    # Wed 30 (10). Two months: Mon 16 June.
    listed = targets(
        capsys,
        "--preset",
        "fr-acpr",
        "--received",
        "2025-04-16T09:00:00+02:00",
        "--calendar",
        "FR-57",
    )
    assert [(t["target"], t["due_date"]) for t in listed] == [
        ("acknowledge", "2025-04-30"),
        ("response", "2025-06-16"),
    ]


def test_late_utc_evening_is_already_tomorrow_in_paris(capsys: pytest.CaptureFixture[str]) -> None:
    # 23:30 UTC on Thu 30 Jan 2025 is 00:30 on Fri 31 Jan in Paris. Two months from 31 Jan
    # is 31 March (summer time by then); jours ouvrables: Sat 1 Feb (1) ... Wed 12 Feb (10).
    listed = targets(capsys, "--preset", "fr-acpr", "--received", "2025-01-30T23:30:00Z")
    assert listed == [
        {
            "target": "acknowledge",
            "due_date": "2025-02-12",
            "due_at": "2025-02-12T22:59:59.999999+00:00",
        },
        {
            "target": "response",
            "due_date": "2025-03-31",
            "due_at": "2025-03-31T21:59:59.999999+00:00",
        },
    ]


def test_payment_services_in_france_over_the_may_holidays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Wed 30 Apr 2025. 15 business days: 3 weeks (Wed 21 May) plus 1 and 8 May: Fri 23 May.
    # 35: 7 weeks (Wed 18 Jun) plus 1 May, 8 May, Ascension 29 May, Whit Monday 9 Jun: Tue 24 Jun.
    listed = targets(capsys, "--preset", "fr-payment", "--received", "2025-04-30T10:00:00+02:00")
    assert [(t["target"], t["due_date"]) for t in listed] == [
        ("response", "2025-05-23"),
        ("final_response_exceptional", "2025-06-24"),
    ]


def test_fca_in_england_and_in_scotland_over_easter(capsys: pytest.CaptureFixture[str]) -> None:
    # Thu 17 Apr 2025. England: Good Friday and Easter Monday closed; Tue 22 (1), Wed 23 (2),
    # Thu 24 (3), close of business 17:00 BST = 16:00 UTC. 8 weeks: Thu 12 June.
    assert targets(capsys, "--preset", "uk-fca", "--received", "2025-04-17T10:00:00+01:00") == [
        {
            "target": "summary_resolution",
            "due_date": "2025-04-24",
            "due_at": "2025-04-24T16:00:00+00:00",
        },
        {
            "target": "final_response",
            "due_date": "2025-06-12",
            "due_at": "2025-06-12T22:59:59.999999+00:00",
        },
    ]
    # Scotland works on Easter Monday: Mon 21 (1), Tue 22 (2), Wed 23 (3).
    scotland = targets(
        capsys,
        "--preset",
        "uk-fca",
        "--received",
        "2025-04-17T10:00:00+01:00",
        "--calendar",
        "GB-SCT",
    )
    assert scotland[0] == {
        "target": "summary_resolution",
        "due_date": "2025-04-23",
        "due_at": "2025-04-23T16:00:00+00:00",
    }


def test_fca_payment_services_over_christmas(capsys: pytest.CaptureFixture[str]) -> None:
    # Mon 22 Dec 2025, England. Summary resolution: Tue 23 (1), Wed 24 (2); 25 and 26 closed;
    # Mon 29 (3), 17:00 GMT. 15 business days: 3 weeks (Mon 12 Jan) plus 25 Dec, 26 Dec,
    # 1 Jan: Thu 15 Jan. 35: 7 weeks (Mon 9 Feb) plus the same three: Thu 12 Feb.
    assert targets(capsys, "--preset", "uk-fca-payment", "--received", "2025-12-22T10:00:00Z") == [
        {
            "target": "summary_resolution",
            "due_date": "2025-12-29",
            "due_at": "2025-12-29T17:00:00+00:00",
        },
        {
            "target": "final_response",
            "due_date": "2026-01-15",
            "due_at": "2026-01-15T23:59:59.999999+00:00",
        },
        {
            "target": "final_response_exceptional",
            "due_date": "2026-02-12",
            "due_at": "2026-02-12T23:59:59.999999+00:00",
        },
    ]


def test_cfpb_counts_calendar_days_across_the_clock_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Sat 1 Mar 2025, New York (EST). + 15 days = Sun 16 Mar, after clocks went forward on
    # 9 March: end of day EDT = 03:59:59.999999 UTC on the 17th. + 60 = Wed 30 April.
    assert targets(capsys, "--preset", "us-cfpb", "--received", "2025-03-01T12:00:00-05:00") == [
        {
            "target": "response",
            "due_date": "2025-03-16",
            "due_at": "2025-03-17T03:59:59.999999+00:00",
        },
        {
            "target": "final_response",
            "due_date": "2025-04-30",
            "due_at": "2025-05-01T03:59:59.999999+00:00",
        },
    ]


def test_cfpb_in_california_counts_from_the_local_date(capsys: pytest.CaptureFixture[str]) -> None:
    # 07:30 UTC on Sat 1 Mar 2025 is still Fri 28 Feb, 23:30 PST, in California: + 15 days
    # = Sat 15 Mar, Pacific daylight time (UTC-7) by then.
    listed = targets(
        capsys,
        "--preset",
        "us-cfpb",
        "--received",
        "2025-03-01T07:30:00+00:00",
        "--calendar",
        "US-CA",
    )
    assert listed[0] == {
        "target": "response",
        "due_date": "2025-03-15",
        "due_at": "2025-03-16T06:59:59.999999+00:00",
    }


def test_iso_10002_premium_segment(capsys: pytest.CaptureFixture[str]) -> None:
    # Fri 6 Jun 2025 16:00 Paris. Premium acknowledgement in 4 business hours: 2 on Friday
    # (to 18:00); Mon 9 Whit Monday closed; 2 from 09:00 on Tue 10: 11:00 CEST = 09:00 UTC.
    # Premium resolution in 5 business days: Tue 10 (1) ... Fri 13 (4), Mon 16 (5).
    assert targets(
        capsys,
        "--preset",
        "iso-10002",
        "--received",
        "2025-06-06T16:00:00+02:00",
        "--segment",
        "premium",
    ) == [
        {"target": "acknowledge", "due_date": "2025-06-10", "due_at": "2025-06-10T09:00:00+00:00"},
        {
            "target": "response",
            "due_date": "2025-06-16",
            "due_at": "2025-06-16T21:59:59.999999+00:00",
        },
    ]


@pytest.mark.parametrize(
    ("preset", "calendar"),
    [
        ("fr-acpr", "FR"),
        ("fr-payment", "FR"),
        ("uk-fca", "GB-ENG"),
        ("uk-fca-payment", "GB-ENG"),
        ("us-cfpb", "US"),
    ],
)
def test_default_calendars(capsys: pytest.CaptureFixture[str], preset: str, calendar: str) -> None:
    received = "2025-08-22T12:00:00+00:00"
    code, default, err = deadline(capsys, "--preset", preset, "--received", received)
    assert code == 0, err
    assert default is not None
    code, explicit, err = deadline(
        capsys, "--preset", preset, "--received", received, "--calendar", calendar
    )
    assert code == 0, err
    assert explicit == default


def test_the_uk_default_is_england_not_scotland(capsys: pytest.CaptureFixture[str]) -> None:
    # Fri 22 Aug 2025: England closes on Mon 25 (late summer bank holiday), Scotland does not.
    # England: Tue 26 (1), Wed 27 (2), Thu 28 (3); Scotland: Mon 25 (1) ... Wed 27 (3).
    received = ("--preset", "uk-fca", "--received", "2025-08-22T12:00:00+01:00")
    assert targets(capsys, *received)[0]["due_date"] == "2025-08-28"
    assert targets(capsys, *received, "--calendar", "GB-SCT")[0]["due_date"] == "2025-08-27"


def test_the_us_default_is_new_york_time(capsys: pytest.CaptureFixture[str]) -> None:
    # 03:00 UTC on Sat 1 Mar 2025 is 22:00 on Fri 28 Feb in New York: + 15 = Sat 15 March.
    listed = targets(capsys, "--preset", "us-cfpb", "--received", "2025-03-01T03:00:00Z")
    assert listed[0]["due_date"] == "2025-03-15"
    assert listed[0]["due_at"] == "2025-03-16T03:59:59.999999+00:00"


def test_answering_needs_no_database(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    targets(capsys, "--preset", "fr-acpr", "--received", "2025-07-11T09:30:00+02:00")
    assert not data_dir.exists() or not any(data_dir.iterdir())


# --- errors: exit 1, one line on stderr, nothing on stdout ---------------------------------------


def test_an_unknown_preset_is_refused_listing_the_presets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = refused(capsys, "--preset", "fr-amf", "--received", "2025-07-11T09:30:00+02:00")
    assert "'fr-amf'" in line
    for name in ("fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb", "iso-10002"):
        assert name in line


def test_a_receipt_without_a_time_zone_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    # A naive time would be read differently in Paris and London: the command does not guess.
    line = refused(capsys, "--preset", "fr-acpr", "--received", "2025-07-11T09:30:00")
    assert "time zone" in line


def test_a_receipt_that_is_not_an_instant_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = refused(capsys, "--preset", "fr-acpr", "--received", "11/07/2025 09:30")
    assert "'11/07/2025 09:30'" in line


@pytest.mark.parametrize("calendar", ["DE", "FR-99", "GB-WLS-X", "US-ZZ"])
def test_an_unknown_calendar_is_refused(capsys: pytest.CaptureFixture[str], calendar: str) -> None:
    line = refused(
        capsys,
        "--preset",
        "uk-fca",
        "--received",
        "2025-07-11T09:30:00+02:00",
        "--calendar",
        calendar,
    )
    assert "Unknown" in line
