"""Every target of every shipped preset, counted by hand from the rule texts.

Each case is a complaint's story (when it was received, when the customer sent it, what was
sent back and when, its status) and the clock of each target at a moment: the instant it
counts from, its due date and time, and its state. The counting was done on paper with a
calendar of 2026 (and 2020 for the CFPB sample's dates), from these texts:

* ACPR recommendation 2022-R-01: acknowledge within 10 *jours ouvrables* (Monday to
  Saturday, French public holidays excluded) and answer within two months, both "à compter
  de la date d'envoi de la réclamation" — the customer's sending; an answer sent sooner
  acknowledges too.
* CMF L133-45 (PSD2 article 101): answer within 15 business days of receipt; exceptionally,
  after a holding reply giving the reasons and a date, within 35 business days.
* FCA DISP 1.5 / 1.6: resolved by close of business on the third business day after receipt
  → a summary resolution communication is enough; otherwise a final response within eight
  weeks of receipt (payment services, DISP 1.6.2AR: 15 business days, 35 exceptionally).
* CFPB: a company response within 15 calendar days of the day the CFPB sent the complaint
  (an "in progress" response counts), a final response within 60.
* ISO 10002-style company promises: acknowledge within one business day, resolve within
  ten; premium customers four business hours and five business days; waiting on the
  customer pauses them, never a regulator's deadline.

French public holidays used: 1 Jan, 6 Apr (Easter Monday), 1, 8, 14 (Ascension) and 25
(Whit Monday) May 2026. England: 1 Jan, 3 Apr (Good Friday), 6 Apr, 4 and 25 May 2026.
Summer time: Paris and London from 29 March 2026, New York from 8 March 2026.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.domain.promises import clocks, presets, sla
from complaintdesk.domain.vocabulary import LetterKind, Status
from complaintdesk.resources import load_json

PARIS, LONDON, NEW_YORK = (
    ZoneInfo("Europe/Paris"),
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
)
ZONES = {"fr": PARIS, "uk": LONDON, "us": NEW_YORK}
FINAL, SUMMARY, HOLDING = "final", "summary", "holding"


def _policy(name: str) -> sla.Policy:
    data = load_json(f"presets/{name}.json")
    spec = presets.parse_preset(data)
    return sla.Policy(
        id=uuid.uuid5(uuid.NAMESPACE_URL, name),
        code=name,
        kind=spec.kind,
        position=0,
        conditions=sla.PolicyConditions(),
        targets=spec.targets,
        calendar=presets.calendar_for(spec.calendar_code),
        warning_ratio=0.75,
        pauses_on_customer=spec.kind != "regulatory",
        segment_targets=spec.segment_targets,
        clock_starts=spec.clock_starts,
    )


POLICIES = {
    name: _policy(name)
    for name in ("fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb", "iso-10002")
}
BY_ID = {p.id: p for p in POLICIES.values()}


@dataclass(frozen=True)
class Case:
    """A complaint's story and what each target's clock must say at ``now``.

    Instants are local wall-clock times ("YYYY-MM-DD HH:MM") in the preset's zone.
    ``expected`` maps a target to (start, due, state); ``summary`` checks some of the
    complaint's summary columns (dues as local "YYYY-MM-DD HH:MM").
    """

    why: str
    preset: str
    received: str
    now: str
    expected: dict[str, tuple[str, str, str]]
    sent: str | None = None
    status: str = Status.IN_PROGRESS.value
    acknowledged: str | None = None
    answered: str | None = None
    resolved: str | None = None
    final: tuple[str, str] | None = None
    """(kind, when): a final response, or a summary resolution communication."""
    holding: tuple[str, str] | None = None
    """(when sent, the date it promises the final response by)."""
    service: str | None = None
    segment: str | None = None
    paused_days: int = 0
    waiting_since: str | None = None
    summary: dict[str, str] = field(default_factory=dict)


END = "23:59"
"""The end of the due date: every day-counted due instant is 23:59:59.999999 local."""

CASES = (
    # --- fr-acpr: counts from the customer's sending -----------------------------------------
    Case("a letter dated Monday, received Thursday: both deadlines count from Monday",
         "fr-acpr", received="2026-02-05 10:00", sent="2026-02-02 00:00", now="2026-02-05 10:00",
         expected={"acknowledge": ("2026-02-02 00:00", f"2026-02-13 {END}", "on_track"),
                   "response": ("2026-02-02 00:00", f"2026-04-02 {END}", "on_track")}),
    Case("an email without a believable sending date counts from its receipt",
         "fr-acpr", received="2026-02-05 10:00", now="2026-02-05 10:00",
         expected={"acknowledge": ("2026-02-05 10:00", f"2026-02-17 {END}", "on_track"),
                   "response": ("2026-02-05 10:00", f"2026-04-05 {END}", "on_track")}),
    Case("jours ouvrables skip 1, 8 and 14 May; Saturdays count",
         "fr-acpr", received="2026-05-04 09:00", sent="2026-04-30 00:00", now="2026-05-04 09:00",
         expected={"acknowledge": ("2026-04-30 00:00", f"2026-05-15 {END}", "on_track"),
                   "response": ("2026-04-30 00:00", f"2026-06-30 {END}", "on_track")}),
    Case("a back-dated letter is late the moment it is recorded",
         "fr-acpr", received="2026-03-06 09:00", sent="2026-01-02 00:00", now="2026-03-06 09:00",
         expected={"acknowledge": ("2026-01-02 00:00", f"2026-01-14 {END}", "breached"),
                   "response": ("2026-01-02 00:00", f"2026-03-02 {END}", "breached")},
         summary={"regulatory_state": "breached", "clock_state": "breached"}),
    Case("two months from 31 December end on 28 February; 1 January is not counted",
         "fr-acpr", received="2026-01-02 11:00", sent="2025-12-31 00:00", now="2026-01-02 11:00",
         expected={"acknowledge": ("2025-12-31 00:00", f"2026-01-13 {END}", "on_track"),
                   "response": ("2025-12-31 00:00", f"2026-02-28 {END}", "on_track")}),
    Case("acknowledged in time, answered a day late",
         "fr-acpr", received="2026-02-02 10:00", acknowledged="2026-02-03 09:00",
         final=(FINAL, "2026-04-03 10:00"), now="2026-04-10 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "breached")}),
    Case("an answer sent before the acknowledgement was due acknowledges too",
         "fr-acpr", received="2026-02-02 10:00", final=(FINAL, "2026-02-06 15:00"),
         now="2026-02-06 15:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "met")},
         summary={"clock_state": "met", "regulatory_state": "met"}),
    Case("resolved without a word to the customer: nothing is met",
         "fr-acpr", received="2026-02-02 10:00", resolved="2026-02-10 10:00",
         status=Status.RESOLVED.value, now="2026-04-03 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "breached"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "breached")},
         summary={"regulatory_state": "breached"}),
    Case("waiting on the customer never pauses the regulator: at risk past 75 %",
         "fr-acpr", received="2026-02-02 10:00", acknowledged="2026-02-02 11:00",
         status=Status.WAITING_ON_CUSTOMER.value, paused_days=10, now="2026-03-30 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "at_risk")},
         summary={"regulatory_state": "at_risk", "clock_state": "at_risk",
                  "regulatory_due_at": f"2026-04-02 {END}",
                  "regulatory_next_due_at": f"2026-04-02 {END}"}),
    Case("the company's promise pauses while the regulator's risk still shows",
         "fr-acpr", service="iso-10002", received="2026-02-02 10:00",
         acknowledged="2026-02-02 11:00", status=Status.WAITING_ON_CUSTOMER.value,
         waiting_since="2026-02-10 09:00", now="2026-03-30 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "at_risk")},
         summary={"clock_state": "at_risk", "regulatory_state": "at_risk"}),
    Case("paused with no regulatory risk yet: the complaint reads paused",
         "fr-acpr", service="iso-10002", received="2026-02-02 10:00",
         acknowledged="2026-02-02 11:00", status=Status.WAITING_ON_CUSTOMER.value,
         waiting_since="2026-02-10 09:00", now="2026-02-12 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-13 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-04-02 {END}", "on_track")},
         summary={"clock_state": "paused", "regulatory_state": "on_track"}),
    # --- fr-payment: 15 business days, 35 after a holding reply in time ---------------------
    Case("no holding reply: only the 15 business days apply",
         "fr-payment", received="2026-02-02 10:00", now="2026-02-02 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "on_track"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")},
         summary={"regulatory_due_at": f"2026-02-23 {END}"}),
    Case("a holding reply in time moves the deadline to the date it promises",
         "fr-payment", received="2026-02-02 10:00", holding=("2026-02-20 12:00", "2026-03-13"),
         now="2026-02-25 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-13 {END}", "on_track")},
         summary={"regulatory_due_at": f"2026-03-13 {END}", "regulatory_state": "on_track"}),
    Case("a holding reply after the 15 days moves nothing",
         "fr-payment", received="2026-02-02 10:00", holding=("2026-02-24 09:00", "2026-03-13"),
         now="2026-02-25 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "breached"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")},
         summary={"regulatory_state": "breached", "regulatory_due_at": f"2026-02-23 {END}"}),
    Case("a holding reply promising more than 35 business days is held to 35",
         "fr-payment", received="2026-02-02 10:00", holding=("2026-02-20 12:00", "2026-03-31"),
         now="2026-02-25 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "on_track")}),
    Case("after a holding reply, the final response meets the exceptional deadline",
         "fr-payment", received="2026-02-02 10:00", holding=("2026-02-20 12:00", "2026-03-13"),
         final=(FINAL, "2026-03-12 16:00"), now="2026-03-20 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-13 {END}", "met")},
         summary={"clock_state": "met", "regulatory_state": "met"}),
    Case("business days skip Easter Monday, 1 and 8 May, Ascension and Whit Monday",
         "fr-payment", received="2026-04-02 16:00", holding=("2026-04-20 10:00", "2026-06-30"),
         now="2026-04-20 10:00",
         expected={"response": ("2026-04-02 16:00", f"2026-04-24 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-04-02 16:00", f"2026-05-28 {END}", "on_track")}),
    Case("received at 00:30 Paris (23:30 UTC the day before): counted from the Paris date",
         "fr-payment", received="2026-02-03 00:30", now="2026-02-03 00:30",
         expected={"response": ("2026-02-03 00:30", f"2026-02-24 {END}", "on_track"),
                   "final_response_exceptional":
                       ("2026-02-03 00:30", f"2026-03-24 {END}", "not_needed")}),
    Case("a final response at 23:00 on the due date is in time",
         "fr-payment", received="2026-02-02 10:00", final=(FINAL, "2026-02-23 23:00"),
         now="2026-02-24 10:00",
         expected={"response": ("2026-02-02 10:00", f"2026-02-23 {END}", "met"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")}),
    # --- uk-fca: summary resolution window, eight weeks ----------------------------------------
    Case("a new complaint: the final response is the duty, the summary window an option",
         "uk-fca", received="2026-02-02 10:00", now="2026-02-02 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "on_track"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "on_track")},
         summary={"next_due_at": f"2026-03-30 {END}", "regulatory_due_at": f"2026-03-30 {END}"}),
    Case("a summary resolution in its window meets the final response too",
         "uk-fca", received="2026-02-02 10:00", final=(SUMMARY, "2026-02-04 15:00"),
         now="2026-02-04 15:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "met"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "met")},
         summary={"regulatory_state": "met"}),
    Case("a summary resolution after the window is not a final response",
         "uk-fca", received="2026-02-02 10:00", final=(SUMMARY, "2026-02-06 10:00"),
         now="2026-02-06 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "on_track")}),
    Case("a final response within three business days: the window is met by it",
         "uk-fca", received="2026-02-02 10:00", final=(FINAL, "2026-02-04 12:00"),
         now="2026-02-04 12:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "met"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "met")}),
    Case("received on Good Friday: Easter Monday is not a business day",
         "uk-fca", received="2026-04-03 11:00", now="2026-04-03 11:00",
         expected={"summary_resolution": ("2026-04-03 11:00", "2026-04-09 17:00", "on_track"),
                   "final_response": ("2026-04-03 11:00", f"2026-05-29 {END}", "on_track")}),
    Case("received the Friday before the early May bank holiday",
         "uk-fca", received="2026-05-01 09:30", now="2026-05-08 09:30",
         expected={"summary_resolution": ("2026-05-01 09:30", "2026-05-07 17:00", "not_needed"),
                   "final_response": ("2026-05-01 09:30", f"2026-06-26 {END}", "on_track")}),
    Case("met on day 56 at 22:30 London: in time",
         "uk-fca", received="2026-02-02 10:00", final=(FINAL, "2026-03-30 22:30"),
         now="2026-04-01 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "met")}),
    Case("sent at 00:30 London on day 57 (23:30 UTC on day 56): late",
         "uk-fca", received="2026-02-02 10:00", final=(FINAL, "2026-03-31 00:30"),
         now="2026-04-01 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "breached")}),
    Case("received on a Saturday night: counted from Saturday",
         "uk-fca", received="2026-01-31 23:30", now="2026-01-31 23:30",
         expected={"summary_resolution": ("2026-01-31 23:30", "2026-02-04 17:00", "on_track"),
                   "final_response": ("2026-01-31 23:30", f"2026-03-28 {END}", "on_track")}),
    Case("waiting on the customer does not pause eight weeks: at risk after six",
         "uk-fca", received="2026-02-02 10:00", status=Status.WAITING_ON_CUSTOMER.value,
         paused_days=20, now="2026-03-20 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-03-30 {END}", "at_risk")},
         summary={"regulatory_state": "at_risk", "clock_state": "at_risk"}),
    # --- uk-fca-payment ------------------------------------------------------------------------
    Case("15 and 35 business days in February and March",
         "uk-fca-payment", received="2026-02-02 10:00", now="2026-02-02 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "on_track"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "on_track"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")}),
    Case("a holding reply in time: the final response is due on the promised date",
         "uk-fca-payment", received="2026-02-02 10:00",
         holding=("2026-02-19 10:00", "2026-03-16"), now="2026-02-24 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-16 {END}", "on_track")}),
    Case("Easter and both May bank holidays are skipped",
         "uk-fca-payment", received="2026-04-01 15:00",
         holding=("2026-04-23 10:00", "2026-06-30"), now="2026-04-23 10:00",
         expected={"summary_resolution": ("2026-04-01 15:00", "2026-04-08 17:00", "not_needed"),
                   "final_response": ("2026-04-01 15:00", f"2026-04-24 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-04-01 15:00", f"2026-05-26 {END}", "on_track")}),
    Case("a late holding reply leaves the breach",
         "uk-fca-payment", received="2026-02-02 10:00",
         holding=("2026-02-24 10:00", "2026-03-16"), now="2026-02-24 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "breached"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")}),
    Case("a summary resolution by 16:00 on the third business day meets the final response",
         "uk-fca-payment", received="2026-02-02 10:00", final=(SUMMARY, "2026-02-05 16:00"),
         now="2026-02-05 16:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "met"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "met"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")}),
    Case("a final response at 22:00 on the fifteenth business day is in time",
         "uk-fca-payment", received="2026-02-02 10:00", final=(FINAL, "2026-02-23 22:00"),
         now="2026-02-24 09:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "met"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-23 {END}", "not_needed")}),
    Case("after a holding reply, a final response past its promised date is late",
         "uk-fca-payment", received="2026-02-02 10:00",
         holding=("2026-02-19 10:00", "2026-03-16"), final=(FINAL, "2026-03-17 10:00"),
         now="2026-03-18 10:00",
         expected={"summary_resolution": ("2026-02-02 10:00", "2026-02-05 17:00", "not_needed"),
                   "final_response": ("2026-02-02 10:00", f"2026-02-23 {END}", "extended"),
                   "final_response_exceptional":
                       ("2026-02-02 10:00", f"2026-03-16 {END}", "breached")},
         summary={"regulatory_state": "breached"}),
    Case("received the Friday before the spring bank holiday",
         "uk-fca-payment", received="2026-05-22 11:00", now="2026-05-22 11:00",
         expected={"summary_resolution": ("2026-05-22 11:00", "2026-05-28 17:00", "on_track"),
                   "final_response": ("2026-05-22 11:00", f"2026-06-15 {END}", "on_track"),
                   "final_response_exceptional":
                       ("2026-05-22 11:00", f"2026-07-13 {END}", "not_needed")}),
    # --- us-cfpb: from the day the CFPB sent the complaint -------------------------------------
    Case("sent to the company on 18 March 2020",
         "us-cfpb", received="2020-03-18 00:00", now="2020-03-18 00:00",
         expected={"response": ("2020-03-18 00:00", f"2020-04-02 {END}", "on_track"),
                   "final_response": ("2020-03-18 00:00", f"2020-05-17 {END}", "on_track")}),
    Case("answered 'in progress' on day 0: on track at day 16, the final response still due",
         "us-cfpb", received="2020-03-18 00:00", answered="2020-03-18 15:00",
         now="2020-04-03 12:00",
         expected={"response": ("2020-03-18 00:00", f"2020-04-02 {END}", "met"),
                   "final_response": ("2020-03-18 00:00", f"2020-05-17 {END}", "on_track")},
         summary={"regulatory_state": "on_track", "next_due_at": f"2020-05-17 {END}"}),
    Case("no response by day 16: breached",
         "us-cfpb", received="2020-03-18 00:00", now="2020-04-03 12:00",
         expected={"response": ("2020-03-18 00:00", f"2020-04-02 {END}", "breached"),
                   "final_response": ("2020-03-18 00:00", f"2020-05-17 {END}", "on_track")}),
    Case("a closing response on day 10 meets both",
         "us-cfpb", received="2020-03-18 00:00", final=(FINAL, "2020-03-28 11:00"),
         now="2020-03-28 11:00",
         expected={"response": ("2020-03-18 00:00", f"2020-04-02 {END}", "met"),
                   "final_response": ("2020-03-18 00:00", f"2020-05-17 {END}", "met")}),
    Case("received the evening before New York's clocks go forward",
         "us-cfpb", received="2026-03-07 23:30", now="2026-03-07 23:30",
         expected={"response": ("2026-03-07 23:30", f"2026-03-22 {END}", "on_track"),
                   "final_response": ("2026-03-07 23:30", f"2026-05-06 {END}", "on_track")}),
    Case("60 days from New Year's Eve end on 1 March",
         "us-cfpb", received="2026-12-31 14:00", now="2027-01-20 14:00",
         expected={"response": ("2026-12-31 14:00", f"2027-01-15 {END}", "breached"),
                   "final_response": ("2026-12-31 14:00", f"2027-03-01 {END}", "on_track")}),
    Case("at risk past 75 % of 60 days (day 46)",
         "us-cfpb", received="2020-03-18 00:00", answered="2020-03-19 10:00",
         now="2020-05-03 00:00",
         expected={"response": ("2020-03-18 00:00", f"2020-04-02 {END}", "met"),
                   "final_response": ("2020-03-18 00:00", f"2020-05-17 {END}", "at_risk")}),
    # --- iso-10002: the company's promises, which pause ----------------------------------------
    Case("one business day to acknowledge, ten to resolve",
         "iso-10002", received="2026-02-02 10:00", now="2026-02-02 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "on_track"),
                   "response": ("2026-02-02 10:00", f"2026-02-16 {END}", "on_track")}),
    Case("three days waiting on the customer move the resolution, not the acknowledgement",
         "iso-10002", received="2026-02-02 10:00", paused_days=3,
         acknowledged="2026-02-02 15:00", now="2026-02-10 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-02-19 {END}", "on_track")}),
    Case("waiting on the customer since before the due date: paused, not breached",
         "iso-10002", received="2026-02-02 10:00", acknowledged="2026-02-02 15:00",
         status=Status.WAITING_ON_CUSTOMER.value, waiting_since="2026-02-10 09:00",
         now="2026-02-27 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-02-16 {END}", "paused")},
         summary={"clock_state": "paused", "regulatory_state": "stopped"}),
    Case("a premium customer: four business hours from 16:00 end at 11:00 the next day",
         "iso-10002", segment="premium", received="2026-02-02 16:00", now="2026-02-03 10:00",
         expected={"acknowledge": ("2026-02-02 16:00", "2026-02-03 11:00", "at_risk"),
                   "response": ("2026-02-02 16:00", f"2026-02-09 {END}", "on_track")}),
    Case("resolving meets the company's resolution promise (and acknowledges)",
         "iso-10002", received="2026-02-02 10:00", resolved="2026-02-05 10:00",
         status=Status.RESOLVED.value, now="2026-02-20 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "breached"),
                   "response": ("2026-02-02 10:00", f"2026-02-16 {END}", "met")}),
    Case("waiting since after the due date: still breached",
         "iso-10002", received="2026-02-02 10:00", acknowledged="2026-02-02 15:00",
         status=Status.WAITING_ON_CUSTOMER.value, waiting_since="2026-02-17 09:00",
         now="2026-02-18 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-02-16 {END}", "breached")}),
    Case("withdrawn: open targets stop",
         "iso-10002", received="2026-02-02 10:00", acknowledged="2026-02-02 11:00",
         status=Status.WITHDRAWN.value, now="2026-03-20 10:00",
         expected={"acknowledge": ("2026-02-02 10:00", f"2026-02-03 {END}", "met"),
                   "response": ("2026-02-02 10:00", f"2026-02-16 {END}", "stopped")},
         summary={"clock_state": "stopped"}),
)  # fmt: skip


def _zone(case: Case) -> ZoneInfo:
    return {"fr": PARIS, "uk": LONDON, "us": NEW_YORK, "is": PARIS}[case.preset[:2]]


def _at(zone: ZoneInfo, text: str | None) -> datetime | None:
    if text is None:
        return None
    if len(text) == 10:  # a date: the end of that local day, as a holding reply promises it
        text += " 23:59:59.999999"
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def _row(case: Case) -> clocks.DueRow:
    zone = _zone(case)
    received = _at(zone, case.received)
    assert received is not None
    final_kind, final_at = case.final or (None, None)
    held_at, held_until = case.holding or (None, None)
    regulatory = POLICIES[case.preset] if POLICIES[case.preset].kind == "regulatory" else None
    service = POLICIES[case.service] if case.service else None
    if regulatory is None:
        service = POLICIES[case.preset]
    return clocks.DueRow(
        received_at=received,
        sent_at=_at(zone, case.sent),
        paused_seconds=case.paused_days * 86_400,
        paused_since=_at(zone, case.waiting_since),
        status=case.status,
        policy_id=service.id if service else None,
        regulatory_policy_id=regulatory.id if regulatory else None,
        acknowledged_at=_at(zone, case.acknowledged),
        first_response_at=_at(zone, case.answered),
        resolved_at=_at(zone, case.resolved),
        final_response_at=_at(zone, final_at),
        final_response_kind={
            FINAL: LetterKind.FINAL_RESPONSE.value,
            SUMMARY: LetterKind.SUMMARY_RESOLUTION.value,
            None: None,
        }[final_kind],
        holding_reply_at=_at(zone, held_at),
        holding_reply_until=_at(zone, held_until),
        next_due_at=received,
    )


def _local(zone: ZoneInfo, instant: datetime | None) -> str | None:
    return None if instant is None else instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.preset}: {c.why}" for c in CASES])
def test_each_target_by_hand(case: Case) -> None:
    zone = _zone(case)
    row = _row(case)
    now = _at(zone, case.now)
    assert now is not None

    found = clocks.compute(row, BY_ID, now, case.segment)

    wanted_kind = "service" if POLICIES[case.preset].kind == "service" else "regulatory"
    got = {
        c.target: (_local(zone, c.starts_at), _local(zone, c.due_at), c.state.value)
        for c in found
        if c.kind == wanted_kind
    }
    assert got == case.expected
    for column, expected in case.summary.items():
        value = getattr(row, column)
        assert (_local(zone, value) if isinstance(value, datetime) else value) == expected, column


TABLE_SIZES = {
    name: sum(1 for c in CASES if c.preset == name)
    for name in ("fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb", "iso-10002")
}


def test_every_preset_has_its_own_table() -> None:
    assert all(size >= 4 for size in TABLE_SIZES.values()), TABLE_SIZES
    assert sum(TABLE_SIZES.values()) == len(CASES)
