"""Regulatory and company presets as data: targets, calendars, what their letters must say.

A preset is read from JSON (``resources/presets``) into these values, so an administrator
can copy one into a policy and edit it; computing its due dates needs nothing but a
starting instant and a calendar. A preset says which instant its clock starts from (when
the complaint was received, or when the customer sent it), what meets each target, and
which named sections its letters (final response, summary resolution, holding reply) must
contain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
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
from complaintdesk.domain.vocabulary import LetterKind, Outcome

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


class ClockStart(StrEnum):
    """Which instant of a complaint a preset's deadlines count from."""

    RECEIVED = "received"
    """When the complaint reached the company (for a complaint forwarded by the CFPB: the
    day the CFPB sent it to the company)."""
    SENT = "sent"
    """When the customer sent it (a letter's date, an email's Date header; ACPR 2022-R-01
    "à compter de votre envoi"); the receipt instant when that is unknown."""


class MetBy(StrEnum):
    """What meets a target."""

    ACKNOWLEDGEMENT = "acknowledgement"
    """An acknowledgement, or any answer sent sooner."""
    RESPONSE = "response"
    """Any answer to the customer (the CFPB's company response may say "in progress")."""
    RESOLUTION = "resolution"
    """The complaint resolved (a company promise)."""
    FINAL_RESPONSE = "final_response"
    """A final response letter (or, under DISP 1.5, a summary resolution in its window)."""
    SUMMARY_RESOLUTION = "summary_resolution"
    """A final response or summary resolution sent within the summary resolution window."""


DEFAULT_MET_BY = {
    "acknowledge": MetBy.ACKNOWLEDGEMENT,
    "first_response": MetBy.RESPONSE,
    "summary_resolution": MetBy.SUMMARY_RESOLUTION,
    "resolution": MetBy.RESOLUTION,
    "final_response": MetBy.FINAL_RESPONSE,
    "final_response_exceptional": MetBy.FINAL_RESPONSE,
}
"""What meets a target when its preset does not say; ``response`` depends on the kind."""

_Choice = TypeVar("_Choice", DeadlineUnit, DueBy, MetBy)

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
    met_by: MetBy = MetBy.RESOLUTION


@dataclass(frozen=True)
class Preset:
    """A set of targets and the calendar they count on."""

    name: str
    title: str
    kind: str
    calendar_code: str
    targets: tuple[PresetTarget, ...]
    segment_targets: Mapping[str, tuple[PresetTarget, ...]]
    clock_starts: ClockStart = ClockStart.RECEIVED
    letters: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Letter kind to ``{"always": sections, "not_fully_upheld": sections}``."""

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
        kind = str(data.get("kind", "service"))
        return Preset(
            name=str(data["name"]),
            title=str(data.get("title", data["name"])),
            kind=kind,
            calendar_code=str(data.get("calendar", "FR")),
            targets=tuple(_target(t, kind) for t in data["targets"]),
            segment_targets={
                k: tuple(_target(t, kind) for t in v) for k, v in data.get("segments", {}).items()
            },
            clock_starts=_clock_start(data.get("clock_starts", ClockStart.RECEIVED.value)),
            letters=_letters(data),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValidationError(f"A preset needs a name and targets ({error}).") from None


def _clock_start(value: Any) -> ClockStart:
    try:
        return ClockStart(value)
    except ValueError:
        accepted = ", ".join(member.value for member in ClockStart)
        raise ValidationError(f"Unknown clock start {value!r}; use one of {accepted}.") from None


def _letters(data: Mapping[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    letters: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind, parts in data.get("letters", {}).items():
        if kind not in LetterKind.__members__.values():
            accepted = ", ".join(k.value for k in LetterKind)
            raise ValidationError(f"Unknown letter {kind!r}; letters are {accepted}.")
        letters[kind] = {when: tuple(str(s) for s in keys) for when, keys in parts.items()}
    return letters


def _target(data: Mapping[str, Any], kind: str = "service") -> PresetTarget:
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
    met_by = _choice(name, "met_by", data.get("met_by", _default_met_by(name, kind)), MetBy)
    return PresetTarget(name, amount, unit, due_by, str(data.get("note", "")), met_by)


def _default_met_by(target: str, kind: str) -> str:
    if target == "response":  # a regulator's "answer" is the final answer; ours, a resolution
        return (MetBy.FINAL_RESPONSE if kind == "regulatory" else MetBy.RESOLUTION).value
    return DEFAULT_MET_BY.get(target, MetBy.RESOLUTION).value


def _choice(target: str, key: str, value: Any, kind: type[_Choice]) -> _Choice:
    """Return ``value`` as a member of ``kind``, or refuse it listing the accepted values."""
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(member.value for member in kind)
        raise ValidationError(
            f"Target {target!r}: unknown {key} {value!r}; use one of {accepted}."
        ) from None


COUNTRY_PRESETS = {"FR": "fr-acpr", "GB": "uk-fca", "US": "us-cfpb"}
"""The regulatory preset a site follows by default, by the site's country."""
_ZONE_COUNTRIES = {"Europe/Paris": "FR", "Europe/London": "GB", "Europe/Belfast": "GB"}


def country_of_zone(time_zone: str) -> str | None:
    """Return the country (ISO 3166 alpha-2) a site in ``time_zone`` is in, when known."""
    if time_zone.startswith("America/") or time_zone == "Pacific/Honolulu":
        return "US"
    return _ZONE_COUNTRIES.get(time_zone)


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


def required_sections(preset: Preset, letter: LetterKind, outcome: Outcome | None) -> list[str]:
    """Return the sections a ``letter`` must contain under ``preset``, in the preset's order.

    Args:
        outcome: the complaint's decision; None counts as not fully upheld (the stricter
            reading: the customer has not been told they won).
    """
    parts = preset.letters.get(letter.value, {})
    required = list(parts.get("always", ()))
    if outcome is not Outcome.UPHELD:
        required += parts.get("not_fully_upheld", ())
    return list(dict.fromkeys(required))
