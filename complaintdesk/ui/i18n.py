"""Languages: which one the person reads, loading its catalogues, and rebuilding them.

The language follows the system unless the preferences say otherwise (``ui/language``).
ComplaintDesk's own catalogue (``resources/translations/complaintdesk_<lang>.qm``) and Qt's
(``qtbase_<lang>.qm``, for OK/Cancel and the standard dialogs) are installed together, and
``QLocale`` is set to match so dates, times, numbers and money read the same way as the words.

Run ``python -m complaintdesk.ui.i18n --update`` after changing user-visible strings: it
extracts them into the ``.ts`` sources (keeping every translation already made) and compiles
the ``.qm`` files the application loads. A test fails when either is out of date.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from complaintdesk.resources import resources_dir

LANGUAGES = ("en", "fr")
"""The languages ComplaintDesk speaks; English is the language of the source."""
TRANSLATED = ("en", "fr")
"""The languages with a catalogue of their own."""
PLURALS_ONLY = ("en",)
"""Catalogues holding only the plural forms ("1 complaint", "2 complaints"): the source
text is already English."""
LANGUAGE_KEY = "ui/language"
"""QSettings key of the preferred language: ``system``, ``en`` or ``fr``."""
SYSTEM = "system"
CATALOGUE = "complaintdesk"
QT_CATALOGUES = ("qtbase",)


def translations_dir() -> Path:
    """Return the folder of the shipped ``.ts`` and ``.qm`` files."""
    return resources_dir() / "translations"


def system_language() -> str:
    """Return the language of the system if ComplaintDesk speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def preferred_language(settings: QSettings) -> str:
    """Return the stored preference: ``system`` or one of :data:`LANGUAGES`."""
    value = str(settings.value(LANGUAGE_KEY, SYSTEM))
    return value if value in LANGUAGES else SYSTEM


def chosen_language(settings: QSettings) -> str:
    """Return the language to show: the preference, or the system's."""
    preferred = preferred_language(settings)
    return system_language() if preferred == SYSTEM else preferred


@dataclass
class Installed:
    """The catalogues installed in the running application, to remove them again."""

    language: str = "en"
    translators: list[QTranslator] = field(default_factory=list)


_installed = Installed()
"""What :func:`install` put in place; Qt holds translators globally, so this does too."""


def install(language: str) -> Installed:
    """Make ``language`` the language of the running application.

    Windows already open keep their words: their texts were set when they were built.

    Raises:
        ValueError: ComplaintDesk does not speak ``language``.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    for translator in _installed.translators:
        QCoreApplication.removeTranslator(translator)
    _installed.translators.clear()
    _installed.language = language
    QLocale.setDefault(_locale_for(language))
    if language in TRANSLATED:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in [(CATALOGUE, str(translations_dir()))] + [
            (qt, qt_folder) for qt in QT_CATALOGUES
        ]:
            translator = QTranslator()
            if translator.load(f"{name}_{language}", folder):
                QCoreApplication.installTranslator(translator)
                _installed.translators.append(translator)
    _forget_cached_labels()
    return _installed


def uninstall() -> None:
    """Remove what :func:`install` put in place: the source's English, the system's locale."""
    for translator in _installed.translators:
        QCoreApplication.removeTranslator(translator)
    _installed.translators.clear()
    _installed.language = "en"
    QLocale.setDefault(QLocale.system())
    _forget_cached_labels()


def installed_language() -> str:
    """Return the language :func:`install` last put in place (English before any)."""
    return _installed.language


def _locale_for(language: str) -> QLocale:
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system  # keep the person's country: fr_BE, fr_CA, en_GB…
    return QLocale(language)


def _forget_cached_labels() -> None:
    from complaintdesk.ui import labels

    for value in vars(labels).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


# --- building the catalogues (a developer's command; needs the source tree) ---


def source_root() -> Path:
    """Return the repository folder holding ``complaintdesk/`` and ``resources/``."""
    return Path(__file__).resolve().parents[2]


def sources(root: Path) -> list[Path]:
    """Return every Python file lupdate reads, in a stable order."""
    return sorted((root / "complaintdesk").rglob("*.py"))


def qt_tool(name: str) -> str:
    """Return the path of a PySide6 tool (``pyside6-lupdate``…) beside this Python."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; install PySide6 in this environment")
    return found


def extract(root: Path, ts_file: Path, language: str) -> None:
    """Write the strings of the sources under ``root`` into ``ts_file``, keeping translations."""
    with tempfile.TemporaryDirectory() as folder:
        helpers = Path(folder) / "translation_helpers.py"
        helpers.write_text(helper_calls(sources(root)), encoding="utf-8")
        files = [str(path) for path in [*sources(root), helpers]]
        command = [qt_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none"]
        command += ["-pluralonly"] if language in PLURALS_ONLY else []
        command += ["-target-language", language, "-ts", str(ts_file)]
        subprocess.run(command, check=True, capture_output=True, text=True)


def helper_calls(files: list[Path]) -> str:
    """Return Python source lupdate can read for the strings passed to translation helpers.

    Modules without a class translate through a helper such as
    ``def _t(text): return QCoreApplication.translate("Timeline", text)``; lupdate only sees
    literal ``translate`` calls, so each ``_t("literal")`` is written out as one.
    """
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = dict(_helpers(tree))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in helpers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                context, text = helpers[node.func.id], node.args[0].value
                lines.append(f"QCoreApplication.translate({context!r}, {text!r})")
    return "\n".join(lines) + "\n"


def _helpers(tree: ast.Module) -> Iterator[tuple[str, str]]:
    """Yield (name, context) of the module's one-argument ``translate`` helpers."""
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        body = [n for n in node.body if not isinstance(n, ast.Expr)]  # docstring
        call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "translate"
            and len(call.args) == 2
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
            and isinstance(call.args[1], ast.Name)
            and call.args[1].id == node.args.args[0].arg
        ):
            yield node.name, call.args[0].value


def compile_catalogue(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into the ``qm_file`` the application loads."""
    command = [qt_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def update(root: Path) -> list[Path]:
    """Extract and compile every catalogue of the tree at ``root``; return the files written."""
    folder = root / "resources" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in TRANSLATED:
        ts_file = folder / f"{CATALOGUE}_{language}.ts"
        qm_file = ts_file.with_suffix(".qm")
        extract(root, ts_file, language)
        compile_catalogue(ts_file, qm_file)
        written += [ts_file, qm_file]
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m complaintdesk.ui.i18n --update``: refresh the .ts and .qm files."""
    parser = argparse.ArgumentParser(prog="python -m complaintdesk.ui.i18n")
    parser.add_argument(
        "--update", action="store_true", help="extract the strings and compile the catalogues"
    )
    args = parser.parse_args(argv)
    if not args.update:
        parser.print_help()
        return 2
    for path in update(source_root()):
        print(path.relative_to(source_root()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
