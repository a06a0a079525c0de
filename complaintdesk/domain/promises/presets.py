"""Regulatory and company presets as data: targets, calendars, final-response contents.

A preset is read from JSON (``resources/presets``) into these values, so an administrator
can copy one into a policy and edit it; computing its due dates needs nothing but a
receipt instant and a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises.calendar import BusinessCalendar, HolidaySource, weekly_hours
from complaintdesk.domain.promises.deadlines import (
    DeadlineRule,
    DeadlineUnit,
    DueBy,
    due_date,
    due_instant,
)
from complaintdesk.domain.vocabulary import Outcome

TARGETS = (
    "acknowledge",
    "first_response",
    "summary_resolution",
    "response",
    "resolution",
    "final_response",
    "final_response_exceptional",
)
"""Target names, in the order a complaint meets them. Regulatory presets use
``acknowledge``, ``summary_resolution``, ``response``, ``final_response`` and
``final_response_exceptional``; a company's own policy may also promise a
``first_response`` and a ``resolution``."""

_Choice = TypeVar("_Choice", DeadlineUnit, DueBy)

_US_ZONES = {
    **dict.fromkeys(("CA", "WA", "OR", "NV"), "America/Los_Angeles"),
    **dict.fromkeys(("AZ",), "America/Phoenix"),
    **dict.fromkeys(("CO", "UT", "NM", "MT", "ID", "WY"), "America/Denver"),
    **dict.fromkeys(
        (
            "TX",
            "IL",
            "MN",
            "WI",
            "MO",
            "IA",
            "LA",
            "OK",
            "KS",
            "AL",
            "MS",
            "TN",
            "AR",
            "NE",
            "SD",
            "ND",
        ),
        "America/Chicago",
    ),
    **dict.fromkeys(("AK",), "America/Anchorage"),
    **dict.fromkeys(("HI",), "Pacific/Honolulu"),
}


@dataclass(frozen=True)
class PresetTarget:
    """One promise or deadline of a preset: "``amount`` ``unit``, due by ``due_by``"."""

    target: str
    amount: int
    unit: DeadlineUnit
    due_by: DueBy = DueBy.END_OF_DAY
    note: str = ""


@dataclass(frozen=True)
class Preset:
    """A set of targets and the calendar they count on."""

    name: str
    title: str
    kind: str
    calendar_code: str
    targets: tuple[PresetTarget, ...]
    must_contain: Mapping[str, tuple[str, ...]]
    segment_targets: Mapping[str, tuple[PresetTarget, ...]]

    def targets_for(self, segment: str | None) -> tuple[PresetTarget, ...]:
        """Return the targets, with a segment's faster ones replacing the defaults."""
        special = {t.target: t for t in self.segment_targets.get(segment or "", ())}
        return tuple(special.get(t.target, t) for t in self.targets)


@dataclass(frozen=True)
class TargetDue:
    """When one target of a preset falls due for a receipt instant."""

    target: str
    due_date: date
    due_at: datetime


def parse_preset(data: Mapping[str, Any]) -> Preset:
    """Build a preset from its JSON form, refusing unknown targets and units."""
    try:
        return Preset(
            name=str(data["name"]),
            title=str(data.get("title", data["name"])),
            kind=str(data.get("kind", "service")),
            calendar_code=str(data.get("calendar", "FR")),
            targets=tuple(_target(t) for t in data["targets"]),
            must_contain={
                k: tuple(v) for k, v in data.get("final_response_must_contain", {}).items()
            },
            segment_targets={
                k: tuple(_target(t) for t in v) for k, v in data.get("segments", {}).items()
            },
        )
    except (KeyError, TypeError) as error:
        raise ValidationError(f"A preset needs a name and targets ({error}).") from None


def _target(data: Mapping[str, Any]) -> PresetTarget:
    name = str(data["target"])
    if name not in TARGETS:
        raise ValidationError(f"Unknown target {name!r}; targets are {', '.join(TARGETS)}.")
    if "amount" not in data or "unit" not in data:
        raise ValidationError(f"Target {name!r} needs an amount and a unit.")
    unit = _choice(name, "unit", data["unit"], DeadlineUnit)
    due_by = _choice(name, "due_by", data.get("due_by", DueBy.END_OF_DAY.value), DueBy)
    amount = data["amount"]
    # A whole number only: 2.5 months must not quietly become 2, nor "ten" escape as a crash.
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValidationError(
            f"Target {name!r}: the amount must be a whole number of at least 1, not {amount!r}."
        )
    if unit is DeadlineUnit.BUSINESS_HOURS and due_by is not DueBy.END_OF_DAY:
        raise ValidationError(
            f"Target {name!r}: a deadline in business hours ends at an instant, not at "
            f"{due_by.value}."
        )
    return PresetTarget(name, amount, unit, due_by, str(data.get("note", "")))


def _choice(target: str, key: str, value: Any, kind: type[_Choice]) -> _Choice:
    """Return ``value`` as a member of ``kind``, or refuse it listing the accepted values."""
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(member.value for member in kind)
        raise ValidationError(
            f"Target {target!r}: unknown {key} {value!r}; use one of {accepted}."
        ) from None


def calendar_for(code: str) -> BusinessCalendar:
    """Return the standard calendar of a code: FR, FR-57, GB-ENG, GB-SCT, US, US-CA…

    Opening hours are the usual office hours of the country (09:00-18:00 in France,
    09:00-17:00 in the UK and the US); a site's own calendar can differ.
    """
    country, _, subdivision = code.strip().upper().partition("-")
    if country == "FR":
        zone, hours = "Europe/Paris", "09:00-18:00"
    elif country in ("GB", "UK"):
        country, zone, hours = "GB", "Europe/London", "09:00-17:00"
        subdivision = subdivision or "ENG"
    elif country == "US":
        zone, hours = _US_ZONES.get(subdivision, "America/New_York"), "09:00-17:00"
    else:
        raise ValidationError(
            f"Unknown calendar {code!r}: use FR, FR-57, GB-ENG, GB-SCT, US or US-XX."
        )
    return BusinessCalendar(
        time_zone=zone,
        opening_hours=weekly_hours(dict.fromkeys(range(5), hours)),
        holidays=HolidaySource(country, subdivision or None),
    )


def due_dates(
    preset: Preset, received: datetime, calendar: BusinessCalendar, segment: str | None = None
) -> list[TargetDue]:
    """Return, for each target of ``preset``, its due date and due instant."""
    result = []
    for target in preset.targets_for(segment):
        rule = DeadlineRule(target.amount, target.unit, calendar, target.due_by)
        result.append(
            TargetDue(target.target, due_date(received, rule), due_instant(received, rule))
        )
    return result


def missing_from_final_response(
    preset: Preset, outcome: Outcome, included: Iterable[str]
) -> list[str]:
    """Return what a final response must contain under ``preset`` but does not.

    Args:
        included: the items the response contains (e.g. ``mediator``), as the letter
            template declares them.
    """
    required: list[str] = list(preset.must_contain.get("always", ()))
    if outcome is not Outcome.UPHELD:
        required += preset.must_contain.get("not_fully_upheld", ())
    present = set(included)
    return [item for item in dict.fromkeys(required) if item not in present]


def describe_items(items: Sequence[str]) -> str:
    """Return the missing items in words, for the message that refuses a response."""
    words = {
        "mediator": "the name and contact of the mediator",
        "ombudsman": "the Financial Ombudsman Service's contact details",
        "ombudsman_referral_right": "the customer's right to refer to the ombudsman",
        "referral_procedure": "how to refer the complaint",
        "referral_time_limit": "the time limit for referring it",
    }
    return "; ".join(words.get(item, item.replace("_", " ")) for item in items)
