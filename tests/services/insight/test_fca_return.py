"""The FCA complaints return of a crafted half-year, checked by hand.

Two UK sites: LON01 (England and Wales bank holidays) and EDI01 (Scotland: 2 January is a
bank holiday there). The period is 1 January to 30 June 2026, each site's local days. The
eleven complaints below were placed by hand; the expected lines were counted on paper:

=====  ====================  ======================  ===========  =========================
case   received (local)      final answer (local)    counted as   why
=====  ====================  ======================  ===========  =========================
A      Mon 15 Dec 2025       Fri 9 Jan               start; ≤8 w  3rd bd was Thu 18 Dec
B      Mon 5 Jan 10:00       Thu 8 Jan 16:00         ≤3 bd        Thu 8 Jan is the 3rd bd
C      Fri 3 Apr (Good Fri)  Thu 9 Apr (summary)     ≤3 bd        6 Apr is Easter Monday
D      Tue 7 Apr 00:30 BST   Tue 2 Jun 23:00 BST     ≤8 w         day 56 by London dates
                                                                  (by UTC dates: day 57)
E      Mon 2 Feb             Mon 20 Apr              >8 w         8 weeks ended 30 Mar
F      Sat 20 Jun            —                       end          still open
G      Mon 29 Jun            Thu 2 Jul               end          answered after the period
H      Mon 3 Nov 2025        —                       start; end   still open
I      Wed 1 Oct 2025        Mon 1 Dec 2025          nothing      closed before the period
J      Wed 1 Jul             —                       nothing      after the period
K      Wed 31 Dec 2025 EDI   Wed 7 Jan               start; ≤3 bd Scotland: 1, 2 Jan off
=====  ====================  ======================  ===========  =========================

Redress: A £100, C £20, K £15 (upheld), E €30 (partly upheld) — £135 and €30, never added.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.regulatory_returns import ReturnLine
from complaintdesk.domain.vocabulary import SiteKind
from complaintdesk.services.admin import organisation, root_causes
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import fca_return
from complaintdesk.storage.models import BusinessCalendar, Site
from tests.support.report_factory import Facts, add, ensure_category

LONDON = ZoneInfo("Europe/London")
FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _closed(text: str, kind: str = "final_response", **more: object) -> dict[str, object]:
    return {"final_response_at": _at(text), "final_response_kind": kind, **more}


@pytest.fixture
def half_year(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    organisation.add_site(admin_ctx, "LON01", "London", SiteKind.BRANCH, "Europe/London")
    organisation.add_site(admin_ctx, "EDI01", "Edinburgh", SiteKind.BRANCH, "Europe/London")
    _scottish_calendar(backend, "EDI01")
    for code, name, group in (
        ("current", "Current account", "banking"),
        ("cards", "Credit card", "banking"),
        ("overdraft", "Overdraft", "banking"),
        ("mppi", "Mortgage payment protection", "Home finance"),
        ("pension", "Personal pension", None),
        ("isa", "Stocks and shares ISA", None),
    ):
        ensure_category(backend.uow, code, name, group)  # type: ignore[arg-type]
    organisation.add_function(admin_ctx, "care", "Customer care")
    for code, name, category in (
        ("billing-error", "Billing error", "general_admin"),
        ("fee-dispute", "Fee disputed", "terms_disputed_sums"),
        ("staff", "Staff behaviour", None),
    ):
        organisation.add_root_cause(admin_ctx, code, name, "care")
        root_causes.set_regulatory_cause(admin_ctx, code, category)
    resolved = {"resolved": None}
    add(
        backend.uow,
        Facts(_at("2025-12-15 10:00"), site="LON01", category="current", cause="billing-error",
              outcome="upheld", amount="100.00", resolved=_at("2026-01-09 11:00"),
              extra=_closed("2026-01-09 11:00", currency="GBP")),
        Facts(_at("2026-01-05 10:00"), site="LON01", category="mppi", cause="fee-dispute",
              outcome="not_upheld", resolved=_at("2026-01-08 16:00"),
              extra=_closed("2026-01-08 16:00")),
        Facts(_at("2026-04-03 11:00"), site="LON01", category="cards", cause="billing-error",
              outcome="upheld", amount="20.00", resolved=_at("2026-04-09 15:00"),
              extra=_closed("2026-04-09 15:00", "summary_resolution", currency="GBP")),
        Facts(_at("2026-04-07 00:30"), site="LON01", category="pension", cause="staff",
              outcome="not_upheld", resolved=_at("2026-06-02 23:00"),
              extra=_closed("2026-06-02 23:00")),
        Facts(_at("2026-02-02 10:00"), site="LON01", category="isa", cause="fee-dispute",
              outcome="partly_upheld", amount="30.00", resolved=_at("2026-04-20 10:00"),
              extra=_closed("2026-04-20 10:00", currency="EUR")),
        Facts(_at("2026-06-20 10:00"), site="LON01", category="cards", **resolved),
        Facts(_at("2026-06-29 10:00"), site="LON01", category="overdraft", cause="billing-error",
              outcome="upheld", resolved=_at("2026-07-02 10:00"),
              extra=_closed("2026-07-02 10:00")),
        Facts(_at("2025-11-03 10:00"), site="LON01", category="current", **resolved),
        Facts(_at("2025-10-01 10:00"), site="LON01", category="current", outcome="upheld",
              resolved=_at("2025-12-01 10:00"), extra=_closed("2025-12-01 10:00")),
        Facts(_at("2026-07-01 10:00"), site="LON01", category="current", **resolved),
        Facts(_at("2025-12-31 10:00"), site="EDI01", category="current", cause="billing-error",
              outcome="upheld", amount="15.00", resolved=_at("2026-01-07 10:00"),
              extra=_closed("2026-01-07 10:00", currency="GBP")),
        # A French complaint closed in the period: not in the UK return.
        Facts(_at("2026-03-02 10:00"), site="HQ", category="current", outcome="upheld",
              amount="999.00", resolved=_at("2026-03-05 10:00"),
              extra=_closed("2026-03-05 10:00", currency="EUR")),
    )  # fmt: skip
    return admin_ctx


def _scottish_calendar(backend: Backend, site_code: str) -> None:
    with backend.uow(write=True) as uow:
        calendar = BusinessCalendar(
            code="GB-SCT", name="Scotland", timezone="Europe/London",
            opening_hours={str(d): ["09:00-17:00"] for d in range(5)},
            holiday_country="GB", holiday_subdivision="SCT", closures=[],
        )  # fmt: skip
        uow.add(calendar)
        uow.flush()
        uow.execute(update(Site).where(Site.code == site_code).values(calendar_id=calendar.id))
        uow.commit()


def _figures(line: ReturnLine) -> tuple[object, ...]:
    return (
        line.outstanding_at_start,
        line.opened,
        line.closed_within_3_business_days,
        line.closed_within_8_weeks,
        line.closed_after_8_weeks,
        line.upheld,
        line.outstanding_at_end,
        {c: str(a) for c, a in line.redress_paid.items()},
    )


def test_the_crafted_half_year_gives_the_figures_counted_by_hand(half_year: ServiceContext) -> None:
    found = fca_return.complaints_return(half_year, FIRST, LAST)

    assert found.sites == ("EDI01", "LON01")  # the UK sites, not HQ in Paris
    # start, opened, ≤3 bd, ≤8 w, >8 w, upheld, end, redress
    assert _figures(found.total) == (3, 6, 3, 2, 1, 4, 3, {"GBP": "135.00", "EUR": "30.00"})
    groups = {line.name: _figures(line) for line in found.by_product_group}
    assert groups == {
        "Banking and credit cards": (3, 3, 2, 1, 0, 3, 3, {"GBP": "135.00"}),
        "Decumulation & pensions": (0, 1, 0, 1, 0, 0, 0, {}),
        "Home finance": (0, 0, 0, 0, 0, 0, 0, {}),  # the payment protection policy is not here
        "Insurance & pure protection": (0, 1, 1, 0, 0, 0, 0, {}),
        "Investments": (0, 1, 0, 0, 1, 1, 0, {"EUR": "30.00"}),
    }
    causes = {line.name: _figures(line) for line in found.by_cause if line.opened or
              line.outstanding_at_start}  # fmt: skip
    assert causes == {
        # G (answered in July) is counted under the cause it was given then.
        "General admin/customer service": (2, 2, 2, 1, 0, 3, 1, {"GBP": "135.00"}),
        "Terms and disputed sums/charges": (0, 2, 1, 0, 1, 1, 0, {"EUR": "30.00"}),
        "Other": (0, 1, 0, 1, 0, 0, 0, {}),
        "Not yet known": (1, 1, 0, 0, 0, 0, 2, {}),
    }
    assert found.unmapped_causes == ("Staff behaviour",)
    assert total_is_consistent(found.total)


def total_is_consistent(line: ReturnLine) -> bool:
    """Outstanding at the end is outstanding at the start, plus opened, minus closed."""
    return line.outstanding_at_end == line.outstanding_at_start + line.opened - line.closed


def test_one_site_alone_uses_its_own_bank_holidays(half_year: ServiceContext) -> None:
    scotland = fca_return.complaints_return(half_year, FIRST, LAST, ["EDI01"])

    # Closed on Wednesday 7 January: the third business day after 31 December in Scotland
    # (1 and 2 January off); in England it would have been after three business days.
    assert _figures(scotland.total) == (1, 0, 1, 0, 0, 1, 0, {"GBP": "15.00"})


def test_the_command_prints_the_return_as_json(
    half_year: ServiceContext,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)  # an administrator runs the report
    import json

    code = cli.run(["report", "fca-return", "--from", "2026-01-01", "--to", "2026-06-30",
                    "--json", "--database", database_url])  # fmt: skip

    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["total"]["outstanding_at_start"] == 3
    assert printed["total"]["redress_paid"] == {"EUR": "30.00", "GBP": "135.00"}
    assert printed["unmapped_causes"] == ["Staff behaviour"]


def test_the_readable_command_line_has_no_field_keys_for_amounts(
    half_year: ServiceContext,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)  # an administrator runs the report
    code = cli.run(["report", "fca-return", "--from", "2026-01-01", "--to", "2026-06-30",
                    "--site", "LON01", "--database", database_url])  # fmt: skip

    assert code == 0
    out = capsys.readouterr().out
    assert "Redress: 135.00 GBP" not in out  # Edinburgh's £15 is not London's
    assert "Redress: 120.00 GBP" in out


def test_an_unknown_site_is_named(half_year: ServiceContext) -> None:
    from complaintdesk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="GLA01"):
        fca_return.complaints_return(half_year, FIRST, LAST, ["LON01", "GLA01"])
