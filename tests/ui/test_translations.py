"""The shipped catalogues: every string of the code translated, compiled files up to date.

When one of these fails, run ``.venv/bin/python -m complaintdesk.ui.i18n --update``,
translate what it marks unfinished (Qt Linguist, or any editor), then run it again.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from complaintdesk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
UPDATE = ".venv/bin/python -m complaintdesk.ui.i18n --update"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
Message = tuple[str, str]


def messages(ts_file: Path) -> dict[Message, ET.Element]:
    """Return the messages of a .ts file by (context, source text)."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def translations(message: ET.Element) -> list[str]:
    """Return the translation of a message (one per plural form)."""
    node = message.find("translation")
    assert node is not None
    forms = [form.text or "" for form in node.iter("numerusform")]
    return forms or [node.text or ""]


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_string_of_the_code_is_in_the_catalogue(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    i18n.extract(ROOT, fresh, language)  # the strings the code holds now
    extracted = set(messages(fresh))
    shipped = set(messages(FOLDER / f"complaintdesk_{language}.ts"))

    missing = sorted(extracted - shipped)
    vanished = sorted(shipped - extracted)

    assert not missing, f"not in the catalogue yet; run {UPDATE}:\n" + _lines(missing)
    assert not vanished, f"no longer in the code; run {UPDATE}:\n" + _lines(vanished)


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_string_is_translated_with_the_same_placeholders_and_a_mnemonic(
    language: str,
) -> None:
    untranslated, wrong = [], []
    for (context, source), message in messages(FOLDER / f"complaintdesk_{language}.ts").items():
        node = message.find("translation")
        texts = translations(message)
        if node is None or node.get("type") == "unfinished" or not all(texts):
            untranslated.append((context, source))
            continue
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                wrong.append((context, f"{source!r} → {text!r}: not the same placeholders"))
            if _has_mnemonic(source) and not _has_mnemonic(text):
                wrong.append((context, f"{source!r} → {text!r}: the & of the shortcut is lost"))

    assert not untranslated, "untranslated (context, source):\n" + _lines(untranslated)
    assert not wrong, "\n".join(f"{c}: {w}" for c, w in wrong)


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_the_compiled_catalogue_is_the_catalogue(language: str, tmp_path: Path) -> None:
    ts_file = FOLDER / f"complaintdesk_{language}.ts"
    shipped = ts_file.with_suffix(".qm")
    fresh = tmp_path / shipped.name

    i18n.compile_catalogue(ts_file, fresh)

    assert shipped.exists(), f"{shipped.name} is missing; run {UPDATE}"
    assert shipped.read_bytes() == fresh.read_bytes(), f"{shipped.name} is stale; run {UPDATE}"


def _has_mnemonic(text: str) -> bool:
    return bool(re.search(r"&(?!&)\S", text.replace("&&", "")))


def _lines(items: list[Message]) -> str:
    return "\n".join(f"  {context}: {source!r}" for context, source in items)
