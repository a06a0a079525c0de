"""What a regulated letter must say, checked by reading the letter itself.

A final response, a summary resolution or a holding reply is plain text built from a
template and possibly edited by the person who sends it. Each required part is a named
*section*: a heading line (in English or French) followed by what it says. The check finds
each required heading and refuses a letter whose section is missing, or whose body was
emptied — fewer than a few words, or none of the facts the section exists to give (the
ombudsman's address, "six months", a date…). Matching ignores case, accents and the
punctuation people put around headings (``1.``, ``#``, ``**``, a trailing colon).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.text import fold

MIN_WORDS = 3
"""A section body with fewer words than this reads as emptied."""
_DECORATION = re.compile(r"^[\s#*_>\-–—=•\d.)(]+|[\s#*_:=.–—-]+$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Section:
    """A named part a letter may have to contain.

    Attributes:
        key: the stable name presets list (``ombudsman_contact``).
        headings: language to the heading line that opens the section.
        descriptions: language to what the section gives, for refusal messages.
        mentions: language to words of which the body must contain at least one
            (folded: case and accents ignored); empty means any text of a few words.
    """

    key: str
    headings: Mapping[str, str]
    descriptions: Mapping[str, str]
    mentions: Mapping[str, tuple[str, ...]]

    def describe(self, language: str) -> str:
        """Return what the section gives, in ``language`` (English when absent)."""
        return self.descriptions.get(language) or self.descriptions.get("en") or self.key


def parse_sections(data: Mapping[str, Mapping[str, object]]) -> dict[str, Section]:
    """Read section definitions from their JSON form (``resources/letters/sections.json``)."""
    sections: dict[str, Section] = {}
    try:
        for key, spec in data.items():
            headings = dict(_texts(spec["headings"]))
            descriptions = dict(_texts(spec.get("descriptions", {})))
            raw = spec.get("mentions", {})
            assert isinstance(raw, Mapping)
            mentions = {lang: tuple(fold(str(w)) for w in words) for lang, words in raw.items()}
            sections[key] = Section(key, headings, descriptions, mentions)
    except (KeyError, TypeError, AssertionError) as error:
        raise ValidationError(f"Letter sections are malformed ({error}).") from None
    return sections


def _texts(value: object) -> Mapping[str, str]:
    assert isinstance(value, Mapping)
    return {str(k): str(v) for k, v in value.items()}


def heading_key(line: str) -> str:
    """Return a line folded for comparing with headings (decoration and colon removed)."""
    return " ".join(fold(_DECORATION.sub("", line)).split())


@dataclass(frozen=True)
class Problem:
    """A required section the letter lacks, or whose body was emptied."""

    section: Section
    emptied: bool


def check_letter(
    text: str, required: Sequence[str], sections: Mapping[str, Section]
) -> list[Problem]:
    """Return the required sections ``text`` lacks or left empty, in the order required.

    Args:
        text: the letter as it would leave.
        required: the keys of the sections the letter must contain.
        sections: every known section (a section's body ends at the next known heading).

    Raises:
        ValidationError: a required key has no definition (a preset names an unknown one).
    """
    unknown = [key for key in required if key not in sections]
    if unknown:
        raise ValidationError(f"Unknown letter sections: {', '.join(unknown)}.")
    bodies = split_sections(text, sections)
    problems = []
    for key in required:
        section = sections[key]
        if key not in bodies:
            problems.append(Problem(section, emptied=False))
        elif not _says_enough(bodies[key], section):
            problems.append(Problem(section, emptied=True))
    return problems


def split_sections(text: str, sections: Mapping[str, Section]) -> dict[str, str]:
    """Return each known section found in ``text`` with its body (first occurrence wins)."""
    by_heading = {
        heading_key(heading): key
        for key, section in sections.items()
        for heading in section.headings.values()
    }
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        key = by_heading.get(heading_key(line)) if line.strip() else None
        if key is not None:
            current = [] if key not in bodies else None
            if current is not None:
                bodies[key] = current
            continue
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines).strip() for key, lines in bodies.items()}


def _says_enough(body: str, section: Section) -> bool:
    folded = fold(body)
    if len(_WORD.findall(folded)) < MIN_WORDS:
        return False
    wanted = [w for words in section.mentions.values() for w in words]
    return not wanted or any(w in folded for w in wanted)


def describe_problems(problems: Sequence[Problem], language: str = "en") -> str:
    """Return the problems in words, naming each section (for the refusal message)."""
    parts = []
    for problem in problems:
        heading = problem.section.headings.get(language) or problem.section.headings.get("en")
        what = problem.section.describe(language)
        state = "is empty" if problem.emptied else "is missing"
        parts.append(f"“{heading}” ({what}) {state}")
    return "; ".join(parts)
