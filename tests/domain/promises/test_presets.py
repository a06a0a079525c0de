"""The shipped presets, checked against dates counted by hand.

Every row below was counted by hand on a month calendar, not copied from the program: the comment
names the days counted and the public holidays crossed. Conventions (domain/promises/deadlines.py):

* the receipt date is the local date of the receipt instant in the calendar's time zone;
* N days count from the day after receipt, the due date is the N-th counted day, and the
  deadline ends at 23:59:59.999999 local time on that day (UK summary resolution: close of
  business, 17:00 local, on the 3rd business day after receipt);
* months are calendar months from the receipt date, clamped to a shorter month's end;
  weeks are 7 calendar days; calendar days are every day (US federal holidays never count);
* jours ouvrables (ACPR): every day but Sundays and French public holidays;
* business days: Monday to Friday but public holidays (of the chosen UK nation for GB).

Public holidays relied on (checked against the ``holidays`` package in
the ``..._the_cases_rely_on`` tests): France — 1 Jan, Easter Monday, 1 May, 8 May,
Ascension Thursday, Whit Monday, 14 July, 15 Aug, 1 Nov, 11 Nov, 25 Dec; Alsace-Moselle adds
Good Friday and 26 Dec. England — New Year, Good Friday, Easter Monday, early May, spring
and late summer (last Monday of August) bank holidays, Christmas, Boxing Day, substitutes.
Scotland — 1 and 2 Jan, Good Friday (no Easter Monday), early May, spring, summer (first
Monday of August), St Andrew's Day (30 Nov or the Monday after), Christmas, Boxing Day.

Clock changes: Europe/Paris and Europe/London go forward on the last Sunday of March and
back on the last Sunday of October; America/New_York on the second Sunday of March and the
first Sunday of November.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import holidays
import pytest

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import presets
from complaintdesk.domain.promises.calendar import BusinessCalendar, HolidaySource
from complaintdesk.domain.promises.deadlines import DeadlineUnit, DueBy
from complaintdesk.domain.vocabulary import LetterKind, Outcome
from complaintdesk.resources import load_json

ZONES = {
    "FR": "Europe/Paris",
    "FR-57": "Europe/Paris",
    "GB-ENG": "Europe/London",
    "GB-SCT": "Europe/London",
    "US": "America/New_York",
    "US-CA": "America/Los_Angeles",
}


class Case(NamedTuple):
    """One hand-counted row: a receipt, a calendar and a target, and when it falls due."""

    received: str
    calendar: str
    target: str
    due_date: str
    due_at: str | None = None
    """The exact UTC instant; when absent, the test checks the local wall-clock time."""
    segment: str | None = None


def shipped(name: str) -> presets.Preset:
    return presets.parse_preset(load_json(f"presets/{name}.json"))


# fmt: off
# --- fr-acpr: acknowledge within 10 jours ouvrables; answer within 2 months ----------------

FR_ACPR = [
    # Wed 30 Apr 2025. Thu 1 May no; Fri 2 (1), Sat 3 (2); Sun no; Mon 5 (3), Tue 6 (4),
    # Wed 7 (5); Thu 8 May no; Fri 9 (6), Sat 10 (7); Sun no; Mon 12 (8), Tue 13 (9), Wed 14 (10).
    Case("2025-04-30T10:00:00+02:00", "FR", "acknowledge", "2025-05-14",
         "2025-05-14T21:59:59.999999+00:00"),
    # 30 April + 2 months = 30 June (months ignore the May holidays).
    Case("2025-04-30T10:00:00+02:00", "FR", "response", "2025-06-30"),
    # Wed 21 May 2025. Thu 22 (1), Fri 23 (2), Sat 24 (3); Sun no; Mon 26 (4), Tue 27 (5),
    # Wed 28 (6); Thu 29 Ascension no; Fri 30 (7), Sat 31 (8); Sun no; Mon 2 Jun (9), Tue 3 (10).
    Case("2025-05-21T11:00:00+02:00", "FR", "acknowledge", "2025-06-03"),
    # Sat 31 May 2025. Sun no; Mon 2 (1) ... Sat 7 (6); Sun 8 no; Mon 9 Whit Monday no;
    # Tue 10 (7), Wed 11 (8), Thu 12 (9), Fri 13 (10).
    Case("2025-05-31T16:00:00+02:00", "FR", "acknowledge", "2025-06-13"),
    # 31 May + 2 months = 31 July (July has a 31st).
    Case("2025-05-31T16:00:00+02:00", "FR", "response", "2025-07-31"),
    # Fri 11 Jul 2025. Sat 12 (1); Sun no; Mon 14 Bastille Day no; Tue 15 (2) ... Sat 19 (6);
    # Sun no; Mon 21 (7), Tue 22 (8), Wed 23 (9), Thu 24 (10).
    Case("2025-07-11T09:30:00+02:00", "FR", "acknowledge", "2025-07-24",
         "2025-07-24T21:59:59.999999+00:00"),
    # 11 July + 2 months = 11 September.
    Case("2025-07-11T09:30:00+02:00", "FR", "response", "2025-09-11",
         "2025-09-11T21:59:59.999999+00:00"),
    # Wed 13 Aug 2025. Thu 14 (1); Fri 15 Assumption no; Sat 16 (2); Sun no; Mon 18 (3) ...
    # Sat 23 (8); Sun no; Mon 25 (9), Tue 26 (10).
    Case("2025-08-13T14:00:00+02:00", "FR", "acknowledge", "2025-08-26"),
    # Fri 31 Oct 2025 (winter time since Sun 26 Oct). Sat 1 Nov All Saints no (a Saturday that
    # would otherwise count); Sun no; Mon 3 (1) ... Sat 8 (6); Sun no; Mon 10 (7);
    # Tue 11 Armistice no; Wed 12 (8), Thu 13 (9), Fri 14 (10). End of day CET = 22:59:59 UTC.
    Case("2025-10-31T14:00:00+01:00", "FR", "acknowledge", "2025-11-14",
         "2025-11-14T22:59:59.999999+00:00"),
    # 31 October + 2 months = 31 December, CET.
    Case("2025-10-31T14:00:00+01:00", "FR", "response", "2025-12-31",
         "2025-12-31T22:59:59.999999+00:00"),
    # Sat 25 Oct 2025, summer time; 2 months = Thu 25 Dec: due on Christmas Day all the same,
    # and by then Paris is on winter time (UTC+1).
    Case("2025-10-25T10:00:00+02:00", "FR", "response", "2025-12-25",
         "2025-12-25T22:59:59.999999+00:00"),
    # Mon 22 Dec 2025, FR. Tue 23 (1), Wed 24 (2); Thu 25 no; Fri 26 (3) (not a holiday in
    # FR); Sat 27 (4); Sun no; Mon 29 (5), Tue 30 (6), Wed 31 (7); Thu 1 Jan no; Fri 2 (8),
    # Sat 3 (9); Sun no; Mon 5 (10).
    Case("2025-12-22T10:00:00+01:00", "FR", "acknowledge", "2026-01-05"),
    # Same receipt in Alsace-Moselle: Fri 26 Dec is a holiday too, so one day later, Tue 6 Jan.
    Case("2025-12-22T10:00:00+01:00", "FR-57", "acknowledge", "2026-01-06"),
    # Wed 16 Apr 2025, FR. Thu 17 (1), Fri 18 Good Friday (2), Sat 19 (3); Sun no;
    # Mon 21 Easter Monday no; Tue 22 (4) ... Sat 26 (8); Sun no; Mon 28 (9), Tue 29 (10).
    Case("2025-04-16T09:00:00+02:00", "FR", "acknowledge", "2025-04-29"),
    # Same receipt in Alsace-Moselle, where Good Friday is a holiday: Wed 30 April.
    Case("2025-04-16T09:00:00+02:00", "FR-57", "acknowledge", "2025-04-30"),
    # Wed 27 Mar 2024, FR-57: Thu 28 (1); Fri 29 Good Friday no; Sat 30 (2); Sun 31 no;
    # Mon 1 Apr Easter Monday no; Tue 2 (3) ... Sat 6 (7); Sun no; Mon 8 (8), Tue 9 (9),
    # Wed 10 (10). Clocks went forward on 31 March: end of day CEST = 21:59:59 UTC.
    Case("2024-03-27T15:00:00+01:00", "FR-57", "acknowledge", "2024-04-10",
         "2024-04-10T21:59:59.999999+00:00"),
    # Same receipt, rest of France: Good Friday counts (2), so Tue 9 April.
    Case("2024-03-27T15:00:00+01:00", "FR", "acknowledge", "2024-04-09"),
    # Tue 30 Apr 2024. Wed 1 May no; Thu 2 (1), Fri 3 (2), Sat 4 (3); Sun no; Mon 6 (4),
    # Tue 7 (5); Wed 8 May and Thu 9 Ascension no; Fri 10 (6), Sat 11 (7); Sun no;
    # Mon 13 (8), Tue 14 (9), Wed 15 (10).
    Case("2024-04-30T17:00:00+02:00", "FR", "acknowledge", "2024-05-15"),
    # Fri 17 May 2024. Sat 18 (1); Sun no; Mon 20 Whit Monday no; Tue 21 (2) ... Sat 25 (6);
    # Sun no; Mon 27 (7), Tue 28 (8), Wed 29 (9), Thu 30 (10).
    Case("2024-05-17T12:00:00+02:00", "FR", "acknowledge", "2024-05-30"),
    # Received on a holiday, Thu 8 May 2025: the receipt date is still 8 May. Fri 9 (1),
    # Sat 10 (2); Sun no; Mon 12 (3) ... Sat 17 (8); Sun no; Mon 19 (9), Tue 20 (10).
    Case("2025-05-08T10:00:00+02:00", "FR", "acknowledge", "2025-05-20"),
    # 8 May + 2 months = 8 July.
    Case("2025-05-08T10:00:00+02:00", "FR", "response", "2025-07-08"),
    # Sat 29 Mar 2025, winter time. 2 months = Thu 29 May, Ascension Day: due that day anyway,
    # summer time (UTC+2).
    Case("2025-03-29T12:00:00+01:00", "FR", "response", "2025-05-29",
         "2025-05-29T21:59:59.999999+00:00"),
    # Sat 29 Mar 2025: Sun 30 no (clocks go forward); Mon 31 (1), Tue 1 Apr (2) ... Sat 5 (6);
    # Sun no; Mon 7 (7), Tue 8 (8), Wed 9 (9), Thu 10 (10).
    Case("2025-03-29T12:00:00+01:00", "FR", "acknowledge", "2025-04-10"),
    # 23:30 UTC on Thu 30 Jan 2025 is 00:30 on Fri 31 Jan in Paris: received 31 January.
    # 31 Jan + 2 months = 31 March (from 30 Jan it would be 30 March), by then in summer time.
    Case("2025-01-30T23:30:00+00:00", "FR", "response", "2025-03-31",
         "2025-03-31T21:59:59.999999+00:00"),
    # Same receipt: Sat 1 Feb (1); Sun no; Mon 3 (2) ... Sat 8 (7); Sun no; Mon 10 (8),
    # Tue 11 (9), Wed 12 (10). (Counting from Thu 30 Jan would give Tue 11.)
    Case("2025-01-30T23:30:00+00:00", "FR", "acknowledge", "2025-02-12"),
    # Wed 31 Dec 2025 + 2 months: there is no 31 February, and 2026 is not a leap year.
    Case("2025-12-31T10:00:00+01:00", "FR", "response", "2026-02-28",
         "2026-02-28T22:59:59.999999+00:00"),
    # Wed 31 Dec 2025: Thu 1 Jan no; Fri 2 (1), Sat 3 (2); Sun no; Mon 5 (3) ... Sat 10 (8);
    # Sun no; Mon 12 (9), Tue 13 (10).
    Case("2025-12-31T10:00:00+01:00", "FR", "acknowledge", "2026-01-13"),
    # Sat 30 Dec 2023 + 2 months = 29 February 2024 (a leap year; 30 Feb does not exist).
    Case("2023-12-30T10:00:00+01:00", "FR", "response", "2024-02-29"),
    # Sat 30 Dec 2023: Sun 31 no; Mon 1 Jan no; Tue 2 (1) ... Sat 6 (5); Sun no; Mon 8 (6),
    # Tue 9 (7), Wed 10 (8), Thu 11 (9), Fri 12 (10).
    Case("2023-12-30T10:00:00+01:00", "FR", "acknowledge", "2024-01-12"),
    # Tue 31 Dec 2024 + 2 months = 28 February 2025 (not a leap year).
    Case("2024-12-31T16:00:00+01:00", "FR", "response", "2025-02-28"),
]

# --- fr-payment: 15 business days; exceptionally 35 ----------------------------------------
# Counting tip used below: without holidays, 15 business days after a weekday is the same
# weekday 3 weeks later (35: 7 weeks later); each weekday holiday crossed adds one day.

FR_PAYMENT = [
    # Wed 30 Apr 2025: 3 weeks = Wed 21 May; holidays 1 May, 8 May (Thursdays) push it two
    # business days, to Fri 23 May.
    Case("2025-04-30T10:00:00+02:00", "FR", "response", "2025-05-23"),
    # 7 weeks = Wed 18 Jun; holidays 1 May, 8 May, Ascension 29 May, Whit Monday 9 Jun: four
    # more business days, Thu 19, Fri 20, Mon 23, Tue 24 June.
    Case("2025-04-30T10:00:00+02:00", "FR", "final_response_exceptional", "2025-06-24"),
    # Fri 11 Jul 2025: 3 weeks = Fri 1 Aug; Mon 14 July crossed, so Mon 4 August.
    Case("2025-07-11T09:30:00+02:00", "FR", "response", "2025-08-04",
         "2025-08-04T21:59:59.999999+00:00"),
    # 7 weeks = Fri 29 Aug; 14 July and Fri 15 August crossed: Mon 1, Tue 2 September.
    Case("2025-07-11T09:30:00+02:00", "FR", "final_response_exceptional", "2025-09-02"),
    # Fri 20 Dec 2024: 3 weeks = Fri 10 Jan; Christmas (Wed) and New Year (Wed) crossed:
    # Mon 13, Tue 14 January.
    Case("2024-12-20T11:00:00+01:00", "FR", "response", "2025-01-14"),
    # 7 weeks = Fri 7 Feb; the same two holidays: Tue 11 February.
    Case("2024-12-20T11:00:00+01:00", "FR", "final_response_exceptional", "2025-02-11"),
    # Alsace-Moselle adds Thu 26 Dec: one day later, Wed 15 January.
    Case("2024-12-20T11:00:00+01:00", "FR-57", "response", "2025-01-15"),
    # ... and Wed 12 February for the exceptional deadline.
    Case("2024-12-20T11:00:00+01:00", "FR-57", "final_response_exceptional", "2025-02-12"),
    # Thu 17 Apr 2025, FR. Fri 18 (1) (Good Friday is worked); Mon 21 Easter Monday no;
    # Tue 22 (2) ... Wed 30 (8); Thu 1 May no; Fri 2 (9), Mon 5 (10), Tue 6 (11), Wed 7 (12);
    # Thu 8 May no; Fri 9 (13), Mon 12 (14), Tue 13 (15).
    Case("2025-04-17T09:00:00+02:00", "FR", "response", "2025-05-13"),
    # Alsace-Moselle: Good Friday is not counted either, so Wed 14 May.
    Case("2025-04-17T09:00:00+02:00", "FR-57", "response", "2025-05-14"),
    # FR, 35: 7 weeks = Thu 5 Jun; 21 Apr, 1 May, 8 May, 29 May crossed: Fri 6 (32);
    # Mon 9 Whit Monday no; Tue 10 (33), Wed 11 (34), Thu 12 (35).
    Case("2025-04-17T09:00:00+02:00", "FR", "final_response_exceptional", "2025-06-12"),
    # FR-57 also loses Good Friday: Fri 13 June.
    Case("2025-04-17T09:00:00+02:00", "FR-57", "final_response_exceptional", "2025-06-13"),
    # Thu 8 Feb 2024: 3 weeks = Thu 29 Feb, the leap day; no holiday in between. CET.
    Case("2024-02-08T10:00:00+01:00", "FR", "response", "2024-02-29",
         "2024-02-29T22:59:59.999999+00:00"),
    # 7 weeks = Thu 28 Mar 2024 (Good Friday the 29th is not a holiday in FR); still CET.
    Case("2024-02-08T10:00:00+01:00", "FR", "final_response_exceptional", "2024-03-28",
         "2024-03-28T22:59:59.999999+00:00"),
    # 23:30 UTC on Tue 4 Mar 2025 is Wed 5 Mar in Paris: 3 weeks = Wed 26 Mar, still CET.
    # (From Tue 4 March it would be Tue 25.)
    Case("2025-03-04T23:30:00+00:00", "FR", "response", "2025-03-26",
         "2025-03-26T22:59:59.999999+00:00"),
    # Same receipt: 7 weeks = Wed 23 Apr; Easter Monday 21 Apr crossed: Thu 24 April, CEST.
    Case("2025-03-04T23:30:00+00:00", "FR", "final_response_exceptional", "2025-04-24",
         "2025-04-24T21:59:59.999999+00:00"),
    # Received Sat 1 Nov 2025 (All Saints): Mon 3 (1) ... Fri 21 (15) without holidays;
    # Tue 11 Armistice crossed: Mon 24 November.
    Case("2025-11-01T10:00:00+01:00", "FR", "response", "2025-11-24"),
    # 35: Fri 19 Dec without holidays; 11 Nov crossed: Mon 22 December.
    Case("2025-11-01T10:00:00+01:00", "FR", "final_response_exceptional", "2025-12-22"),
    # Mon 6 May 2024: 3 weeks = Mon 27 May; Wed 8 May, Thu 9 Ascension, Mon 20 Whit Monday
    # crossed: Tue 28, Wed 29, Thu 30 May.
    Case("2024-05-06T10:00:00+02:00", "FR", "response", "2024-05-30"),
]

# --- uk-fca: summary resolution by close of business (17:00) on the 3rd business day;
# --- final response within 8 weeks (56 days) ------------------------------------------------

UK_FCA = [
    # Fri 11 Jul 2025 08:30 London. Mon 14 (1), Tue 15 (2), Wed 16 (3): 17:00 BST = 16:00 UTC.
    Case("2025-07-11T09:30:00+02:00", "GB-ENG", "summary_resolution", "2025-07-16",
         "2025-07-16T16:00:00+00:00"),
    # 11 Jul + 56 days: 20 days to 31 Jul, 31 to 31 Aug, 5 more: Fri 5 Sep, BST.
    Case("2025-07-11T09:30:00+02:00", "GB-ENG", "final_response", "2025-09-05",
         "2025-09-05T22:59:59.999999+00:00"),
    # Thu 17 Apr 2025, England. Fri 18 Good Friday and Mon 21 Easter Monday no; Tue 22 (1),
    # Wed 23 (2), Thu 24 (3).
    Case("2025-04-17T10:00:00+01:00", "GB-ENG", "summary_resolution", "2025-04-24",
         "2025-04-24T16:00:00+00:00"),
    # Scotland: Good Friday is a bank holiday, Easter Monday is not: Mon 21 (1), Tue 22 (2),
    # Wed 23 (3).
    Case("2025-04-17T10:00:00+01:00", "GB-SCT", "summary_resolution", "2025-04-23",
         "2025-04-23T16:00:00+00:00"),
    # 17 Apr + 56 days: 13 to 30 Apr, 31 to 31 May, 12 more: Thu 12 June.
    Case("2025-04-17T10:00:00+01:00", "GB-ENG", "final_response", "2025-06-12"),
    # Fri 2 May 2025. Mon 5 early May bank holiday no; Tue 6 (1), Wed 7 (2), Thu 8 (3).
    Case("2025-05-02T15:00:00+01:00", "GB-ENG", "summary_resolution", "2025-05-08"),
    # Sat 24 May 2025. Sun no; Mon 26 spring bank holiday no; Tue 27 (1), Wed 28 (2), Thu 29 (3).
    Case("2025-05-24T12:00:00+01:00", "GB-ENG", "summary_resolution", "2025-05-29"),
    # Fri 1 Aug 2025, England: Mon 4 (1), Tue 5 (2), Wed 6 (3).
    Case("2025-08-01T12:00:00+01:00", "GB-ENG", "summary_resolution", "2025-08-06"),
    # Scotland's summer bank holiday is the first Monday of August, Mon 4: Thu 7 August.
    Case("2025-08-01T12:00:00+01:00", "GB-SCT", "summary_resolution", "2025-08-07"),
    # Fri 22 Aug 2025, England's late summer bank holiday is Mon 25: Tue 26 (1) ... Thu 28 (3).
    Case("2025-08-22T12:00:00+01:00", "GB-ENG", "summary_resolution", "2025-08-28"),
    # Scotland works on 25 August: Mon 25 (1), Tue 26 (2), Wed 27 (3).
    Case("2025-08-22T12:00:00+01:00", "GB-SCT", "summary_resolution", "2025-08-27"),
    # Received on a bank holiday, Mon 25 Aug 2025 (England): Tue 26 (1), Wed 27 (2), Thu 28 (3).
    Case("2025-08-25T10:00:00+01:00", "GB-ENG", "summary_resolution", "2025-08-28",
         "2025-08-28T16:00:00+00:00"),
    # 25 Aug + 56 days: 6 to 31 Aug, 30 to 30 Sep, 20 more: Mon 20 October.
    Case("2025-08-25T10:00:00+01:00", "GB-ENG", "final_response", "2025-10-20"),
    # Thu 23 Oct 2025: Fri 24 (1), Mon 27 (2), Tue 28 (3). Clocks went back on Sun 26:
    # 17:00 GMT = 17:00 UTC.
    Case("2025-10-23T12:00:00+01:00", "GB-ENG", "summary_resolution", "2025-10-28",
         "2025-10-28T17:00:00+00:00"),
    # 23 Oct + 56 days: 8 to 31 Oct, 30 to 30 Nov, 18 more: Thu 18 Dec, GMT.
    Case("2025-10-23T12:00:00+01:00", "GB-ENG", "final_response", "2025-12-18",
         "2025-12-18T23:59:59.999999+00:00"),
    # Thu 27 Mar 2025, GMT: Fri 28 (1), Mon 31 (2), Tue 1 Apr (3). Clocks went forward on
    # Sun 30: 17:00 BST = 16:00 UTC.
    Case("2025-03-27T12:00:00+00:00", "GB-ENG", "summary_resolution", "2025-04-01",
         "2025-04-01T16:00:00+00:00"),
    # 27 Mar + 56 days: 4 to 31 Mar, 30 to 30 Apr, 22 more: Thu 22 May, BST.
    Case("2025-03-27T12:00:00+00:00", "GB-ENG", "final_response", "2025-05-22",
         "2025-05-22T22:59:59.999999+00:00"),
    # Tue 23 Dec 2025: Wed 24 (1); Thu 25, Fri 26 no; Mon 29 (2), Tue 30 (3). GMT.
    Case("2025-12-23T10:00:00+00:00", "GB-ENG", "summary_resolution", "2025-12-30",
         "2025-12-30T17:00:00+00:00"),
    # 23 Dec + 56 days: 8 to 31 Dec, 31 to 31 Jan, 17 more: Tue 17 February 2026.
    Case("2025-12-23T10:00:00+00:00", "GB-ENG", "final_response", "2026-02-17"),
    # Mon 29 Dec 2025, England: Tue 30 (1), Wed 31 (2); Thu 1 Jan no; Fri 2 (3).
    Case("2025-12-29T10:00:00+00:00", "GB-ENG", "summary_resolution", "2026-01-02"),
    # Scotland also closes on Fri 2 January: Mon 5 (3).
    Case("2025-12-29T10:00:00+00:00", "GB-SCT", "summary_resolution", "2026-01-05"),
    # Fri 29 Dec 2023, Scotland: Mon 1 and Tue 2 Jan no; Wed 3 (1), Thu 4 (2), Fri 5 (3).
    Case("2023-12-29T10:00:00+00:00", "GB-SCT", "summary_resolution", "2024-01-05"),
    # England works on 2 January: Tue 2 (1), Wed 3 (2), Thu 4 (3).
    Case("2023-12-29T10:00:00+00:00", "GB-ENG", "summary_resolution", "2024-01-04"),
    # Fri 28 Nov 2025. St Andrew's Day falls on Sun 30, so Scotland closes Mon 1 Dec:
    # Tue 2 (1), Wed 3 (2), Thu 4 (3).
    Case("2025-11-28T10:00:00+00:00", "GB-SCT", "summary_resolution", "2025-12-04"),
    # England: Mon 1 (1), Tue 2 (2), Wed 3 (3).
    Case("2025-11-28T10:00:00+00:00", "GB-ENG", "summary_resolution", "2025-12-03"),
    # Fri 5 May 2023. Mon 8 May, the King's coronation, no; Tue 9 (1), Wed 10 (2), Thu 11 (3).
    Case("2023-05-05T10:00:00+01:00", "GB-ENG", "summary_resolution", "2023-05-11"),
    # Fri 23 Dec 2022. Mon 26 Boxing Day; Tue 27 substitute for Christmas (a Sunday) no;
    # Wed 28 (1), Thu 29 (2), Fri 30 (3).
    Case("2022-12-23T10:00:00+00:00", "GB-ENG", "summary_resolution", "2022-12-30"),
    # Fri 16 Sep 2022. Mon 19, the Queen's state funeral, no; Tue 20 (1), Wed 21 (2), Thu 22 (3).
    Case("2022-09-16T10:00:00+01:00", "GB-ENG", "summary_resolution", "2022-09-22"),
    # Thu 4 Jan 2024 + 56 days: 27 to 31 Jan, 29 more: 29 February (a leap year).
    Case("2024-01-04T10:00:00+00:00", "GB-ENG", "final_response", "2024-02-29"),
    # Sat 4 Jan 2025 + 56 days: 27 to 31 Jan, 28 to 28 Feb, 1 more: Sat 1 March.
    Case("2025-01-04T10:00:00+00:00", "GB-ENG", "final_response", "2025-03-01"),
    # 23:30 UTC on Sun 29 Jun 2025 is 00:30 BST on Mon 30 June: received Monday.
    # Tue 1 Jul (1), Wed 2 (2), Thu 3 (3). (From Sunday it would be Wed 2.)
    Case("2025-06-29T23:30:00+00:00", "GB-ENG", "summary_resolution", "2025-07-03",
         "2025-07-03T16:00:00+00:00"),
    # 30 Jun + 56 days: 31 to 31 Jul, 25 more: Mon 25 Aug, the late summer bank holiday,
    # due that day all the same (weeks are calendar days).
    Case("2025-06-29T23:30:00+00:00", "GB-ENG", "final_response", "2025-08-25"),
]

# --- uk-fca-payment: summary resolution as uk-fca; 15 business days; exceptionally 35 ---------

UK_FCA_PAYMENT = [
    # Thu 17 Apr 2025, England: 3 weeks = Thu 8 May; Good Friday, Easter Monday and the early
    # May bank holiday (Mon 5) crossed: Fri 9, Mon 12, Tue 13 May.
    Case("2025-04-17T10:00:00+01:00", "GB-ENG", "final_response", "2025-05-13",
         "2025-05-13T22:59:59.999999+00:00"),
    # Scotland keeps Easter Monday as a working day: two holidays crossed, Mon 12 May.
    Case("2025-04-17T10:00:00+01:00", "GB-SCT", "final_response", "2025-05-12"),
    # 35, England: 7 weeks = Thu 5 Jun; four holidays crossed (18 Apr, 21 Apr, 5 May, spring
    # bank holiday 26 May): Fri 6, Mon 9, Tue 10, Wed 11 June.
    Case("2025-04-17T10:00:00+01:00", "GB-ENG", "final_response_exceptional", "2025-06-11"),
    # Summary resolution as for uk-fca: Tue 22 (1), Wed 23 (2), Thu 24 (3), 17:00 BST.
    Case("2025-04-17T10:00:00+01:00", "GB-ENG", "summary_resolution", "2025-04-24",
         "2025-04-24T16:00:00+00:00"),
    # Mon 22 Dec 2025, England: 3 weeks = Mon 12 Jan; 25 Dec, 26 Dec, 1 Jan crossed:
    # Tue 13, Wed 14, Thu 15 January. GMT.
    Case("2025-12-22T10:00:00+00:00", "GB-ENG", "final_response", "2026-01-15",
         "2026-01-15T23:59:59.999999+00:00"),
    # Scotland also closes on Fri 2 January: Fri 16 January.
    Case("2025-12-22T10:00:00+00:00", "GB-SCT", "final_response", "2026-01-16"),
    # 35, England: 7 weeks = Mon 9 Feb; the three holidays: Thu 12 February.
    Case("2025-12-22T10:00:00+00:00", "GB-ENG", "final_response_exceptional", "2026-02-12"),
    # Thu 1 Aug 2024, England: 3 weeks = Thu 22 Aug, no holiday before it.
    Case("2024-08-01T10:00:00+01:00", "GB-ENG", "final_response", "2024-08-22"),
    # Scotland closes on Mon 5 August (first Monday): Fri 23 August.
    Case("2024-08-01T10:00:00+01:00", "GB-SCT", "final_response", "2024-08-23"),
    # 35, England: 7 weeks = Thu 19 Sep; late summer bank holiday Mon 26 Aug: Fri 20 Sep.
    Case("2024-08-01T10:00:00+01:00", "GB-ENG", "final_response_exceptional", "2024-09-20"),
    # Wed 27 Mar 2024, GMT. England: Thu 28 (1); Good Friday 29 and Easter Monday 1 Apr no;
    # Tue 2 (2), Wed 3 (3). Clocks went forward on Sun 31: 17:00 BST = 16:00 UTC.
    Case("2024-03-27T12:00:00+00:00", "GB-ENG", "summary_resolution", "2024-04-03",
         "2024-04-03T16:00:00+00:00"),
    # Scotland: Thu 28 (1), Mon 1 Apr (2), Tue 2 (3).
    Case("2024-03-27T12:00:00+00:00", "GB-SCT", "summary_resolution", "2024-04-02",
         "2024-04-02T16:00:00+00:00"),
    # England, 15: 3 weeks = Wed 17 Apr; two holidays crossed: Fri 19 April, BST.
    Case("2024-03-27T12:00:00+00:00", "GB-ENG", "final_response", "2024-04-19",
         "2024-04-19T22:59:59.999999+00:00"),
    # Received Sat 30 Nov 2024, St Andrew's Day, a Saturday: Scotland closes Mon 2 Dec
    # instead. Tue 3 (1), Wed 4 (2), Thu 5 (3). GMT.
    Case("2024-11-30T10:00:00+00:00", "GB-SCT", "summary_resolution", "2024-12-05",
         "2024-12-05T17:00:00+00:00"),
    # England: Mon 2 (1), Tue 3 (2), Wed 4 (3).
    Case("2024-11-30T10:00:00+00:00", "GB-ENG", "summary_resolution", "2024-12-04"),
    # England, 15: Mon 2 to Fri 20 Dec, no holiday in between.
    Case("2024-11-30T10:00:00+00:00", "GB-ENG", "final_response", "2024-12-20"),
    # Scotland loses Mon 2 Dec: Mon 23 December.
    Case("2024-11-30T10:00:00+00:00", "GB-SCT", "final_response", "2024-12-23"),
    # England, 35: Mon 2 Dec to Fri 17 Jan without holidays; 25 Dec, 26 Dec, 1 Jan crossed:
    # Mon 20, Tue 21, Wed 22 January 2025.
    Case("2024-11-30T10:00:00+00:00", "GB-ENG", "final_response_exceptional", "2025-01-22"),
    # Scotland also loses 2 Dec and 2 Jan: Fri 24 January 2025.
    Case("2024-11-30T10:00:00+00:00", "GB-SCT", "final_response_exceptional", "2025-01-24"),
    # 23:30 UTC on Thu 31 Jul 2025 is 00:30 BST on Fri 1 Aug: received Friday. Scotland:
    # Mon 4 Aug no; Tue 5 (1), Wed 6 (2), Thu 7 (3). (From Thursday it would be Wed 6.)
    Case("2025-07-31T23:30:00+00:00", "GB-SCT", "summary_resolution", "2025-08-07",
         "2025-08-07T16:00:00+00:00"),
    # Thu 27 Apr 2023, England: 3 weeks = Thu 18 May; early May (Mon 1) and the coronation
    # (Mon 8) crossed: Fri 19, Mon 22 May.
    Case("2023-04-27T10:00:00+01:00", "GB-ENG", "final_response", "2023-05-22"),
    # Wed 1 Jun 2022: the spring bank holiday moved to Thu 2 and the Platinum Jubilee on Fri 3:
    # Mon 6 (1), Tue 7 (2), Wed 8 (3).
    Case("2022-06-01T10:00:00+01:00", "GB-ENG", "summary_resolution", "2022-06-08"),
    # 15: 3 weeks = Wed 22 Jun; two holidays crossed: Fri 24 June 2022.
    Case("2022-06-01T10:00:00+01:00", "GB-ENG", "final_response", "2022-06-24"),
]

# --- us-cfpb: 15 and 60 calendar days, New York time by default -----------------------------

US_CFPB = [
    # Tue 1 Jul 2025 + 15 days = Wed 16 Jul (4 July is counted like any day); EDT (UTC-4).
    Case("2025-07-01T10:00:00-04:00", "US", "response", "2025-07-16",
         "2025-07-17T03:59:59.999999+00:00"),
    # 1 Jul + 60: 30 to 31 Jul, 30 more: Sat 30 August (Labor Day is no concern).
    Case("2025-07-01T10:00:00-04:00", "US", "final_response", "2025-08-30"),
    # Thanksgiving, Thu 27 Nov 2025 + 15 = Fri 12 Dec; EST (UTC-5).
    Case("2025-11-27T12:00:00-05:00", "US", "response", "2025-12-12",
         "2025-12-13T04:59:59.999999+00:00"),
    # 27 Nov + 60: 3 to 30 Nov, 31 to 31 Dec, 26 more: Mon 26 January 2026.
    Case("2025-11-27T12:00:00-05:00", "US", "final_response", "2026-01-26"),
    # Sat 1 Mar 2025, EST. + 15 = Sun 16 Mar; clocks went forward on Sun 9 Mar, so the end of
    # the day is EDT: 03:59:59 UTC the next day.
    Case("2025-03-01T12:00:00-05:00", "US", "response", "2025-03-16",
         "2025-03-17T03:59:59.999999+00:00"),
    # 1 Mar + 60: 30 to 31 Mar, 30 more: Wed 30 April.
    Case("2025-03-01T12:00:00-05:00", "US", "final_response", "2025-04-30"),
    # Sat 25 Oct 2025, EDT. + 15 = Sun 9 Nov; clocks went back on Sun 2 Nov: EST.
    Case("2025-10-25T09:00:00-04:00", "US", "response", "2025-11-09",
         "2025-11-10T04:59:59.999999+00:00"),
    # 25 Oct + 60: 6 to 31 Oct, 30 to 30 Nov, 24 more: Wed 24 December.
    Case("2025-10-25T09:00:00-04:00", "US", "final_response", "2025-12-24"),
    # 03:00 UTC on Sat 1 Mar 2025 is 22:00 EST on Fri 28 Feb in New York: received 28 Feb.
    # + 15 = Sat 15 March.
    Case("2025-03-01T03:00:00+00:00", "US", "response", "2025-03-15"),
    # 28 Feb + 60: 31 to 31 Mar, 29 more: Tue 29 April.
    Case("2025-03-01T03:00:00+00:00", "US", "final_response", "2025-04-29"),
    # 07:30 UTC on Sat 1 Mar 2025 is 23:30 PST on Fri 28 Feb in California: + 15 = Sat 15 Mar,
    # Pacific daylight time by then (UTC-7).
    Case("2025-03-01T07:30:00+00:00", "US-CA", "response", "2025-03-15",
         "2025-03-16T06:59:59.999999+00:00"),
    # The same instant is 02:30 EST on 1 March in New York: + 15 = Sun 16 March.
    Case("2025-03-01T07:30:00+00:00", "US", "response", "2025-03-16",
         "2025-03-17T03:59:59.999999+00:00"),
    # Wed 14 Feb 2024 + 15 = Thu 29 Feb (leap year).
    Case("2024-02-14T10:00:00-05:00", "US", "response", "2024-02-29"),
    # 14 Feb 2024 + 60: 15 to 29 Feb, 31 to 31 Mar, 14 more: Sun 14 April.
    Case("2024-02-14T10:00:00-05:00", "US", "final_response", "2024-04-14"),
    # Fri 14 Feb 2025 + 15: 14 to 28 Feb, 1 more: Sat 1 March.
    Case("2025-02-14T10:00:00-05:00", "US", "response", "2025-03-01"),
    # 14 Feb 2025 + 60: 14 to 28 Feb, 31 to 31 Mar, 15 more: Tue 15 April.
    Case("2025-02-14T10:00:00-05:00", "US", "final_response", "2025-04-15"),
    # Fri 20 Dec 2024 + 15: 11 to 31 Dec, 4 more: Sat 4 January 2025.
    Case("2024-12-20T16:00:00-05:00", "US", "response", "2025-01-04"),
    # 20 Dec + 60: 11 to 31 Dec, 31 to 31 Jan, 18 more: Tue 18 February 2025.
    Case("2024-12-20T16:00:00-05:00", "US", "final_response", "2025-02-18"),
    # Received on Juneteenth, Fri 19 Jun 2026 + 15: 11 to 30 Jun, 4 more: Sat 4 July.
    Case("2026-06-19T10:00:00-04:00", "US", "response", "2026-07-04"),
    # 19 Jun + 60: 11 to 30 Jun, 31 to 31 Jul, 18 more: Tue 18 August.
    Case("2026-06-19T10:00:00-04:00", "US", "final_response", "2026-08-18"),
    # Received on Christmas Day, Thu 25 Dec 2025 + 15: 6 to 31 Dec, 9 more: Fri 9 Jan 2026.
    Case("2025-12-25T10:00:00-05:00", "US", "response", "2026-01-09"),
    # 25 Dec + 60: 6 to 31 Dec, 31 to 31 Jan, 23 more: Mon 23 February 2026.
    Case("2025-12-25T10:00:00-05:00", "US", "final_response", "2026-02-23"),
]

# --- iso-10002: acknowledge within 1 business day, resolve within 10 (premium: 4 business
# --- hours, 09:00-18:00 Monday to Friday in France, and 5 business days) ---------------------

ISO_10002 = [
    # Wed 30 Apr 2025: Thu 1 May no; Fri 2 May.
    Case("2025-04-30T10:00:00+02:00", "FR", "acknowledge", "2025-05-02",
         "2025-05-02T21:59:59.999999+00:00"),
    # 2 weeks = Wed 14 May; 1 May and 8 May crossed: Thu 15, Fri 16 May.
    Case("2025-04-30T10:00:00+02:00", "FR", "response", "2025-05-16"),
    # Fri 11 Jul 2025: Mon 14 July no; Tue 15 July.
    Case("2025-07-11T09:30:00+02:00", "FR", "acknowledge", "2025-07-15"),
    # 2 weeks = Fri 25 Jul; 14 July crossed: Mon 28 July.
    Case("2025-07-11T09:30:00+02:00", "FR", "response", "2025-07-28"),
    # Wed 28 May 2025: Thu 29 Ascension no; Fri 30 May.
    Case("2025-05-28T10:00:00+02:00", "FR", "acknowledge", "2025-05-30"),
    # 2 weeks = Wed 11 Jun; Ascension and Whit Monday 9 Jun crossed: Fri 13 June.
    Case("2025-05-28T10:00:00+02:00", "FR", "response", "2025-06-13"),
    # Tue 24 Dec 2024, FR: Wed 25 no; Thu 26 December.
    Case("2024-12-24T10:00:00+01:00", "FR", "acknowledge", "2024-12-26"),
    # Alsace-Moselle closes on the 26th too: Fri 27 December.
    Case("2024-12-24T10:00:00+01:00", "FR-57", "acknowledge", "2024-12-27"),
    # FR: 2 weeks = Tue 7 Jan; 25 Dec and 1 Jan crossed: Thu 9 January 2025.
    Case("2024-12-24T10:00:00+01:00", "FR", "response", "2025-01-09"),
    # FR-57 also crosses 26 Dec: Fri 10 January 2025.
    Case("2024-12-24T10:00:00+01:00", "FR-57", "response", "2025-01-10"),
    # 23:30 UTC on Thu 30 Oct 2025 is 00:30 CET on Fri 31 Oct: next business day Mon 3 Nov
    # (Sat 1 Nov is a weekend day anyway). From Thursday it would be Fri 31 October.
    Case("2025-10-30T23:30:00+00:00", "FR", "acknowledge", "2025-11-03",
         "2025-11-03T22:59:59.999999+00:00"),
    # From Fri 31 Oct: 2 weeks = Fri 14 Nov; Tue 11 Armistice crossed: Mon 17 November.
    Case("2025-10-30T23:30:00+00:00", "FR", "response", "2025-11-17"),
    # Fri 6 Jun 2025, 16:00: 2 hours that day (to 18:00); Mon 9 Whit Monday closed;
    # 2 more hours on Tue 10 from 09:00: 11:00 CEST = 09:00 UTC.
    Case("2025-06-06T16:00:00+02:00", "FR", "acknowledge", "2025-06-10",
         "2025-06-10T09:00:00+00:00", "premium"),
    # Premium, 5 business days: Mon 9 no; Tue 10 (1), Wed 11 (2), Thu 12 (3), Fri 13 (4),
    # Mon 16 (5).
    Case("2025-06-06T16:00:00+02:00", "FR", "response", "2025-06-16", None, "premium"),
    # The same complaint without a segment: acknowledge Tue 10 June (Mon 9 closed) ...
    Case("2025-06-06T16:00:00+02:00", "FR", "acknowledge", "2025-06-10"),
    # ... and resolve in 10: 2 weeks = Fri 20 Jun; Whit Monday crossed: Mon 23 June.
    Case("2025-06-06T16:00:00+02:00", "FR", "response", "2025-06-23"),
    # Premium, Fri 28 Mar 2025 at 17:00 CET: 1 hour that day; clocks go forward on Sun 30;
    # 3 hours from 09:00 CEST on Mon 31: 12:00 CEST = 10:00 UTC.
    Case("2025-03-28T17:00:00+01:00", "FR", "acknowledge", "2025-03-31",
         "2025-03-31T10:00:00+00:00", "premium"),
    # Premium, received Sat 8 Nov 2025: closed until Mon 10 09:00; 4 hours: 13:00 CET = 12:00 UTC.
    Case("2025-11-08T10:00:00+01:00", "FR", "acknowledge", "2025-11-10",
         "2025-11-10T12:00:00+00:00", "premium"),
    # Premium, 5 business days from Sat 8 Nov: Mon 10 (1); Tue 11 Armistice no; Wed 12 (2),
    # Thu 13 (3), Fri 14 (4), Mon 17 (5).
    Case("2025-11-08T10:00:00+01:00", "FR", "response", "2025-11-17", None, "premium"),
    # Premium, Mon 10 Nov 2025 at 17:00: 1 hour; Tue 11 closed; 3 hours from 09:00 on Wed 12:
    # 12:00 CET = 11:00 UTC.
    Case("2025-11-10T17:00:00+01:00", "FR", "acknowledge", "2025-11-12",
         "2025-11-12T11:00:00+00:00", "premium"),
]

# fmt: on

TABLES = {
    "fr-acpr": FR_ACPR,
    "fr-payment": FR_PAYMENT,
    "uk-fca": UK_FCA,
    "uk-fca-payment": UK_FCA_PAYMENT,
    "us-cfpb": US_CFPB,
    "iso-10002": ISO_10002,
}

ALL_CASES = [
    pytest.param(
        name,
        case,
        id=f"{name}:{case.received}:{case.calendar}:{case.target}"
        + (f":{case.segment}" if case.segment else ""),
    )
    for name, table in TABLES.items()
    for case in table
]


@pytest.mark.parametrize(("name", "case"), ALL_CASES)
def test_hand_counted_due_dates(name: str, case: Case) -> None:
    preset = shipped(name)
    calendar = presets.calendar_for(case.calendar)
    dues = {
        d.target: d
        for d in presets.due_dates(
            preset, datetime.fromisoformat(case.received), calendar, case.segment
        )
    }

    due = dues[case.target]
    assert due.due_date == date.fromisoformat(case.due_date)
    assert due.due_at.utcoffset() == UTC.utcoffset(None)
    if case.due_at is not None:
        assert due.due_at == datetime.fromisoformat(case.due_at)
        return
    # Without an exact instant, the deadline still ends at the right local time that day.
    zone = ZoneInfo(ZONES[case.calendar])
    local = due.due_at.astimezone(zone)
    assert local.date() == due.due_date
    if case.target == "summary_resolution":
        assert local.time() == time(17)
    else:
        assert local.time() == time(23, 59, 59, 999_999)


@pytest.mark.parametrize("name", list(TABLES))
def test_each_preset_has_at_least_15_hand_counted_cases(name: str) -> None:
    assert len(TABLES[name]) >= 15
    assert {case.target for case in TABLES[name]} == {t.target for t in shipped(name).targets}, (
        "every target of the preset is checked by hand at least once"
    )


def _days(year: int, *month_days: tuple[int, int]) -> set[date]:
    return {date(year, month, day) for month, day in month_days}


FR_2024 = _days(2024, (1, 1), (4, 1), (5, 1), (5, 8), (5, 9), (5, 20), (7, 14), (8, 15), (11, 1),
                (11, 11), (12, 25))  # fmt: skip
FR_2025 = _days(2025, (1, 1), (4, 21), (5, 1), (5, 8), (5, 29), (6, 9), (7, 14), (8, 15), (11, 1),
                (11, 11), (12, 25))  # fmt: skip


@pytest.mark.parametrize(
    ("calendar", "year", "expected"),
    [
        # France: New Year, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July,
        # 15 August, 1 and 11 November, Christmas (Easter Sunday 2024: 31 Mar; 2025: 20 Apr).
        ("FR", 2024, FR_2024),
        ("FR", 2025, FR_2025),
        # Alsace-Moselle adds Good Friday and 26 December.
        ("FR-57", 2024, FR_2024 | _days(2024, (3, 29), (12, 26))),
        ("FR-57", 2025, FR_2025 | _days(2025, (4, 18), (12, 26))),
        # England: New Year, Good Friday, Easter Monday, first and last Monday of May, last
        # Monday of August, Christmas, Boxing Day.
        ("GB-ENG", 2024, _days(2024, (1, 1), (3, 29), (4, 1), (5, 6), (5, 27), (8, 26), (12, 25),
                               (12, 26))),
        ("GB-ENG", 2025, _days(2025, (1, 1), (4, 18), (4, 21), (5, 5), (5, 26), (8, 25), (12, 25),
                               (12, 26))),
        # Scotland: 1 and 2 January, Good Friday, first and last Monday of May, first Monday of
        # August, St Andrew's Day (30 Nov, on a weekend in both years, so the Monday after too),
        # Christmas, Boxing Day.
        ("GB-SCT", 2024, _days(2024, (1, 1), (1, 2), (3, 29), (5, 6), (5, 27), (8, 5), (11, 30),
                               (12, 2), (12, 25), (12, 26))),
        ("GB-SCT", 2025, _days(2025, (1, 1), (1, 2), (4, 18), (5, 5), (5, 26), (8, 4), (11, 30),
                               (12, 1), (12, 25), (12, 26))),
    ],
)  # fmt: skip
def test_the_holidays_the_cases_rely_on(calendar: str, year: int, expected: set[date]) -> None:
    source = presets.calendar_for(calendar).holidays
    assert source.country is not None
    found = holidays.country_holidays(source.country, subdiv=source.subdivision, years=year)
    assert set(found) == expected


@pytest.mark.parametrize(
    ("calendar", "day"),
    [
        ("FR", date(2023, 12, 25)),
        ("FR", date(2026, 1, 1)),
        ("GB-ENG", date(2022, 6, 2)),  # spring bank holiday moved for the Platinum Jubilee
        ("GB-ENG", date(2022, 6, 3)),  # Platinum Jubilee
        ("GB-ENG", date(2022, 9, 19)),  # state funeral of Queen Elizabeth II
        ("GB-ENG", date(2022, 12, 26)),
        ("GB-ENG", date(2022, 12, 27)),  # substitute for Christmas Day, a Sunday
        ("GB-ENG", date(2023, 5, 1)),
        ("GB-ENG", date(2023, 5, 8)),  # coronation of King Charles III
        ("GB-ENG", date(2026, 1, 1)),
        ("GB-SCT", date(2026, 1, 1)),
        ("GB-SCT", date(2026, 1, 2)),
    ],
)
def test_other_holidays_the_cases_rely_on(calendar: str, day: date) -> None:
    source = presets.calendar_for(calendar).holidays
    assert source.country is not None
    assert day in holidays.country_holidays(
        source.country, subdiv=source.subdivision, years=day.year
    )


@pytest.mark.parametrize(
    ("calendar", "day"),
    [
        ("FR", date(2025, 4, 18)),  # Good Friday is worked outside Alsace-Moselle
        ("FR", date(2025, 12, 26)),  # so is 26 December
        ("GB-SCT", date(2025, 4, 21)),  # no Easter Monday in Scotland
        ("GB-SCT", date(2025, 8, 25)),  # nor England's late summer bank holiday
        ("GB-ENG", date(2025, 8, 4)),  # nor Scotland's summer one in England
        ("GB-ENG", date(2026, 1, 2)),  # 2 January is Scottish only
        ("GB-ENG", date(2025, 12, 1)),  # so is St Andrew's Day
    ],
)
def test_the_working_days_the_cases_rely_on(calendar: str, day: date) -> None:
    source = presets.calendar_for(calendar).holidays
    assert source.country is not None
    assert day not in holidays.country_holidays(
        source.country, subdiv=source.subdivision, years=day.year
    )


# --- what each shipped preset promises --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "calendar", "kind", "targets"),
    [
        (
            "fr-acpr",
            "FR",
            "regulatory",
            [("acknowledge", 10, "working_days"), ("response", 2, "months")],
        ),
        (
            "fr-payment",
            "FR",
            "regulatory",
            [
                ("response", 15, "business_days"),
                ("final_response_exceptional", 35, "business_days"),
            ],
        ),
        (
            "uk-fca",
            "GB-ENG",
            "regulatory",
            [("summary_resolution", 3, "business_days"), ("final_response", 8, "weeks")],
        ),
        (
            "uk-fca-payment",
            "GB-ENG",
            "regulatory",
            [
                ("summary_resolution", 3, "business_days"),
                ("final_response", 15, "business_days"),
                ("final_response_exceptional", 35, "business_days"),
            ],
        ),
        (
            "us-cfpb",
            "US",
            "regulatory",
            [("response", 15, "calendar_days"), ("final_response", 60, "calendar_days")],
        ),
        (
            "iso-10002",
            "FR",
            "service",
            [("acknowledge", 1, "business_days"), ("response", 10, "business_days")],
        ),
    ],
)
def test_shipped_presets_say_what_the_rules_say(
    name: str, calendar: str, kind: str, targets: list[tuple[str, int, str]]
) -> None:
    preset = shipped(name)
    assert (preset.name, preset.calendar_code, preset.kind) == (name, calendar, kind)
    assert [(t.target, t.amount, t.unit.value) for t in preset.targets] == targets
    due_by = {t.target: t.due_by for t in preset.targets}
    for target, by in due_by.items():
        expected = DueBy.CLOSE_OF_BUSINESS if target == "summary_resolution" else DueBy.END_OF_DAY
        assert by is expected, target


# --- parse_preset -------------------------------------------------------------------------------


def _preset(**target: Any) -> dict[str, Any]:
    return {
        "name": "mine",
        "targets": [{"target": "response", "amount": 5, "unit": "business_days", **target}],
    }


def test_a_preset_copied_and_edited_by_an_administrator_is_read() -> None:
    data = {
        "name": "branch-promises",
        "title": "Branch promises",
        "calendar": "GB-SCT",
        "targets": [
            {"target": "acknowledge", "amount": 2, "unit": "business_hours"},
            {"target": "response", "amount": 3, "unit": "weeks", "note": "three weeks"},
        ],
        "letters": {"final_response": {"not_fully_upheld": ["ombudsman_contact"]}},
        "clock_starts": "sent",
    }
    preset = presets.parse_preset(data)
    assert preset.title == "Branch promises"
    assert preset.kind == "service"  # a copied policy is the company's own by default
    assert preset.calendar_code == "GB-SCT"
    assert [(t.target, t.amount, t.unit) for t in preset.targets] == [
        ("acknowledge", 2, DeadlineUnit.BUSINESS_HOURS),
        ("response", 3, DeadlineUnit.WEEKS),
    ]
    assert preset.targets[1].note == "three weeks"
    assert preset.letters == {"final_response": {"not_fully_upheld": ("ombudsman_contact",)}}
    assert preset.clock_starts is presets.ClockStart.SENT
    # Without "met_by", a company's "response" is met by a resolution.
    assert preset.targets[1].met_by is presets.MetBy.RESOLUTION


def test_a_preset_without_a_calendar_counts_on_the_french_one() -> None:
    preset = presets.parse_preset(_preset())
    assert preset.calendar_code == "FR"
    assert preset.title == "mine"


def test_an_unknown_target_is_refused_naming_it_and_the_known_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        presets.parse_preset(_preset(target="reply_eventually"))
    message = str(refused.value)
    assert "'reply_eventually'" in message
    for known in presets.TARGETS:
        assert known in message


def test_an_unknown_target_in_a_segment_is_refused_too() -> None:
    data = _preset()
    data["segments"] = {"premium": [{"target": "callback", "amount": 1, "unit": "weeks"}]}
    with pytest.raises(ValidationError, match="'callback'"):
        presets.parse_preset(data)


def test_an_unknown_unit_is_refused_naming_the_target_the_unit_and_the_known_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        presets.parse_preset(_preset(unit="fortnights"))
    message = str(refused.value)
    assert "'response'" in message
    assert "'fortnights'" in message
    for known in DeadlineUnit:
        assert known.value in message


def test_an_unknown_due_by_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        presets.parse_preset(_preset(due_by="lunchtime"))
    message = str(refused.value)
    assert "'lunchtime'" in message
    assert "close_of_business" in message


@pytest.mark.parametrize("amount", [0, -3, 2.5, "ten", True, None])
def test_an_amount_that_is_not_a_whole_number_of_at_least_one_is_refused(amount: object) -> None:
    # 2.5 must not quietly become 2, nor "ten" escape as a crash.
    with pytest.raises(ValidationError) as refused:
        presets.parse_preset(_preset(amount=amount))
    message = str(refused.value)
    assert "'response'" in message
    assert repr(amount) in message


def test_a_target_without_a_unit_is_refused_naming_the_target() -> None:
    data = _preset()
    del data["targets"][0]["unit"]
    with pytest.raises(ValidationError, match=r"'response'.*unit"):
        presets.parse_preset(data)


@pytest.mark.parametrize("data", [{"targets": []}, {"name": "x"}, {"name": "x", "targets": 3}])
def test_a_preset_without_a_name_or_targets_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="name and targets"):
        presets.parse_preset(data)


def test_business_hours_cannot_end_at_close_of_business() -> None:
    with pytest.raises(ValidationError, match="business hours"):
        presets.parse_preset(_preset(unit="business_hours", due_by="close_of_business"))


# --- segments -----------------------------------------------------------------------------------


def test_premium_customers_get_the_faster_iso_10002_targets() -> None:
    preset = shipped("iso-10002")
    premium = {t.target: (t.amount, t.unit) for t in preset.targets_for("premium")}
    assert premium == {
        "acknowledge": (4, DeadlineUnit.BUSINESS_HOURS),
        "response": (5, DeadlineUnit.BUSINESS_DAYS),
    }


@pytest.mark.parametrize("segment", [None, "", "standard", "Premium"])
def test_other_customers_get_the_default_targets(segment: str | None) -> None:
    preset = shipped("iso-10002")
    assert preset.targets_for(segment) == preset.targets
    assert [(t.amount, t.unit) for t in preset.targets_for(segment)] == [
        (1, DeadlineUnit.BUSINESS_DAYS),
        (10, DeadlineUnit.BUSINESS_DAYS),
    ]


def test_a_segment_replaces_only_the_targets_it_names_and_keeps_the_order() -> None:
    data = {
        "name": "x",
        "targets": [
            {"target": "acknowledge", "amount": 2, "unit": "business_days"},
            {"target": "response", "amount": 10, "unit": "business_days"},
        ],
        "segments": {"vip": [{"target": "response", "amount": 3, "unit": "business_days"}]},
    }
    vip = presets.parse_preset(data).targets_for("vip")
    assert [(t.target, t.amount) for t in vip] == [("acknowledge", 2), ("response", 3)]


# --- what letters must contain, what meets each target, where clocks start ------------------


FR_MEDIATOR = ["mediator", "mediator_procedure", "mediator_time_limit"]
FCA_FINAL = [
    "decision",
    "ombudsman_referral_right",
    "ombudsman_time_limit",
    "ombudsman_waiver",
    "ombudsman_contact",
    "ombudsman_leaflet",
]


@pytest.mark.parametrize("name", ["fr-acpr", "fr-payment"])
@pytest.mark.parametrize("outcome", [Outcome.NOT_UPHELD, Outcome.PARTLY_UPHELD, None])
def test_a_french_answer_not_fully_upheld_must_name_the_mediator(
    name: str, outcome: Outcome | None
) -> None:
    # ACPR 2022-R-01 and CMF L316-1 / L612-2 of the consumer code: when the answer does not
    # fully satisfy the customer, it names the mediator, how to refer, and the one-year limit.
    required = presets.required_sections(shipped(name), LetterKind.FINAL_RESPONSE, outcome)
    assert required == ["decision", *FR_MEDIATOR]


@pytest.mark.parametrize("name", ["fr-acpr", "fr-payment"])
def test_an_upheld_french_answer_needs_only_the_decision(name: str) -> None:
    required = presets.required_sections(shipped(name), LetterKind.FINAL_RESPONSE, Outcome.UPHELD)
    assert required == ["decision"]


@pytest.mark.parametrize("name", ["uk-fca", "uk-fca-payment"])
@pytest.mark.parametrize("outcome", [*Outcome, None])
def test_every_fca_final_response_tells_of_the_ombudsman(
    name: str, outcome: Outcome | None
) -> None:
    # DISP 1.6.2R(1): whatever the outcome, a final response gives the decision, says the
    # complainant may refer to the Financial Ombudsman Service within six months, whether we
    # waive the time limits (DISP 1 Annex 3R), its contact details, and encloses its leaflet.
    required = presets.required_sections(shipped(name), LetterKind.FINAL_RESPONSE, outcome)
    assert required == FCA_FINAL


@pytest.mark.parametrize("name", ["uk-fca", "uk-fca-payment"])
def test_an_fca_summary_resolution_says_what_disp_1_5_4_says(name: str) -> None:
    required = presets.required_sections(shipped(name), LetterKind.SUMMARY_RESOLUTION, None)
    assert required == [
        "resolved_statement",
        "ombudsman_referral_right",
        "ombudsman_waiver",
        "ombudsman_website",
    ]


@pytest.mark.parametrize("name", ["fr-payment", "uk-fca-payment"])
def test_a_payment_holding_reply_gives_the_reasons_and_the_date(name: str) -> None:
    required = presets.required_sections(shipped(name), LetterKind.HOLDING_REPLY, None)
    assert required == ["delay_reasons", "final_response_date"]


@pytest.mark.parametrize("name", ["us-cfpb", "iso-10002"])
def test_presets_without_contents_rules_require_nothing(name: str) -> None:
    for outcome in Outcome:
        for letter in LetterKind:
            assert presets.required_sections(shipped(name), letter, outcome) == []


@pytest.mark.parametrize(
    ("name", "starts", "met_by"),
    [
        ("fr-acpr", "sent", {"acknowledge": "acknowledgement", "response": "final_response"}),
        ("fr-payment", "received", {"response": "final_response",
                                    "final_response_exceptional": "final_response"}),
        ("uk-fca", "received", {"summary_resolution": "summary_resolution",
                                "final_response": "final_response"}),
        ("uk-fca-payment", "received", {"summary_resolution": "summary_resolution",
                                        "final_response": "final_response",
                                        "final_response_exceptional": "final_response"}),
        ("us-cfpb", "received", {"response": "response", "final_response": "final_response"}),
        ("iso-10002", "received", {"acknowledge": "acknowledgement", "response": "resolution"}),
    ],
)  # fmt: skip
def test_each_preset_says_where_its_clock_starts_and_what_meets_each_target(
    name: str, starts: str, met_by: dict[str, str]
) -> None:
    preset = shipped(name)
    assert preset.clock_starts.value == starts
    assert {t.target: t.met_by.value for t in preset.targets} == met_by


def test_a_regulatory_response_defaults_to_the_final_answer() -> None:
    data = {"name": "x", "kind": "regulatory", "targets": [_preset()["targets"][0]]}
    assert presets.parse_preset(data).targets[0].met_by is presets.MetBy.FINAL_RESPONSE


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"clock_starts": "posted"}, "clock start"),
        ({"letters": {"apology": {"always": ["decision"]}}}, "letter"),
        ({"targets": [{"target": "response", "amount": 1, "unit": "weeks", "met_by": "x"}]},
         "met_by"),
    ],
)  # fmt: skip
def test_unknown_clock_starts_letters_and_met_by_are_refused(
    data: dict[str, Any], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        presets.parse_preset({**_preset(), **data})


# --- calendars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "zone", "holiday_source", "hours"),
    [
        ("FR", "Europe/Paris", HolidaySource("FR"), "09:00-18:00"),
        ("FR-57", "Europe/Paris", HolidaySource("FR", "57"), "09:00-18:00"),
        ("fr-57", "Europe/Paris", HolidaySource("FR", "57"), "09:00-18:00"),
        ("GB-ENG", "Europe/London", HolidaySource("GB", "ENG"), "09:00-17:00"),
        ("GB-SCT", "Europe/London", HolidaySource("GB", "SCT"), "09:00-17:00"),
        ("GB", "Europe/London", HolidaySource("GB", "ENG"), "09:00-17:00"),
        ("UK-SCT", "Europe/London", HolidaySource("GB", "SCT"), "09:00-17:00"),
        ("US", "America/New_York", HolidaySource("US"), "09:00-17:00"),
        ("US-NY", "America/New_York", HolidaySource("US", "NY"), "09:00-17:00"),
        ("US-CA", "America/Los_Angeles", HolidaySource("US", "CA"), "09:00-17:00"),
        ("US-TX", "America/Chicago", HolidaySource("US", "TX"), "09:00-17:00"),
        ("US-AZ", "America/Phoenix", HolidaySource("US", "AZ"), "09:00-17:00"),
        ("US-HI", "Pacific/Honolulu", HolidaySource("US", "HI"), "09:00-17:00"),
    ],
)
def test_calendar_codes(code: str, zone: str, holiday_source: HolidaySource, hours: str) -> None:
    calendar = presets.calendar_for(code)
    assert isinstance(calendar, BusinessCalendar)
    assert calendar.time_zone == zone
    assert calendar.holidays == holiday_source
    weekdays = [[str(i) for i in day] for day in calendar.opening_hours]
    assert weekdays == [[hours]] * 5 + [[], []]


@pytest.mark.parametrize("code", ["XX", "DE", "FR-99", "GB-XYZ", "US-ZZ", "Paris"])
def test_an_unknown_calendar_is_refused(code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        presets.calendar_for(code)
    assert "Unknown" in str(refused.value)


def test_an_unknown_country_is_refused_with_the_codes_to_use() -> None:
    with pytest.raises(ValidationError, match=r"FR, FR-57, GB-ENG, GB-SCT, US"):
        presets.calendar_for("DE")
