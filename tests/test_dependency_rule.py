"""Imports point one way (DESIGN.md section 3): a wrong-way import anywhere fails here.

Every module of the package is parsed with ``ast`` (nothing is imported), so imports inside
functions, under ``TYPE_CHECKING`` and through ``importlib.import_module("...")`` count too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import complaintdesk

PACKAGE_DIR = Path(complaintdesk.__file__).resolve().parent
QT = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "pytestqt")
CD = "complaintdesk"
ABOVE_DOMAIN = tuple(f"{CD}.{p}" for p in ("storage", "services", "ui", "channels", "sync"))


@dataclass(frozen=True)
class Rule:
    """Modules under ``layer`` must not import anything under ``forbidden``."""

    layer: str
    forbidden: tuple[str, ...]
    why: str


RULES = (
    Rule(
        f"{CD}.domain",
        (
            *QT,
            "sqlalchemy",
            "alembic",
            "psycopg",
            "argon2",
            *ABOVE_DOMAIN,
            f"{CD}.app",
            f"{CD}.cli",
            f"{CD}.demo",
        ),
        "domain/ is pure rules: no Qt, no database, no layer above it",
    ),
    *(
        Rule(
            f"{CD}.{layer}",
            (*QT, f"{CD}.ui", f"{CD}.app", f"{CD}.cli", f"{CD}.demo"),
            f"{layer}/ is headless and never reaches up to the GUI, the wiring or the demo",
        )
        for layer in ("services", "storage", "channels", "sync")
    ),
    Rule(
        f"{CD}.ui",
        ("sqlalchemy", "alembic", "psycopg", f"{CD}.storage", f"{CD}.app"),
        "ui/ talks to services and domain only, never to the database",
    ),
    Rule(
        f"{CD}.ui",
        (f"{CD}.cli", f"{CD}.demo"),
        "ui/ is a client beside the command line and the demo, not above them",
    ),
    Rule(
        f"{CD}.demo",
        (*QT, f"{CD}.ui", f"{CD}.app", f"{CD}.cli", f"{CD}.channels", f"{CD}.sync"),
        "demo/ calls services and bulk storage like any client; it never reaches the GUI",
    ),
    Rule(
        f"{CD}.cli",
        (*QT, "sqlalchemy", "alembic", f"{CD}.ui", f"{CD}.storage"),
        "cli/ is a client like the GUI: it opens the database through app.py and changes "
        "data through services",
    ),
    Rule(
        f"{CD}.storage",
        tuple(f"{CD}.{p}" for p in ("services", "channels", "sync")),
        "storage/ serves services; it never calls up into them",
    ),
    Rule(
        f"{CD}.services",
        (f"{CD}.channels", f"{CD}.sync"),
        "channels/ and sync/ call services, not the other way round",
    ),
)


@dataclass(frozen=True)
class Violation:
    """One wrong-way import, located for the person who has to fix it."""

    module: str
    line: int
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported} ({self.why})"


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """Return the absolute name of ``from <level dots><target> import ...`` in ``module``."""
    if level == 0:
        return target or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def imported_names(source: str, module: str, is_package: bool = False) -> list[tuple[str, int]]:
    """Return every module name ``source`` imports (or may import), with its line."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            found.append((base, node.lineno))
            # ``from complaintdesk import storage`` imports the module complaintdesk.storage.
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((argument.value, node.lineno))
            elif isinstance(argument, ast.JoinedStr):
                # f"complaintdesk.cli.{name}" may import any module under that prefix.
                found.append((_constant_prefix(argument) + DYNAMIC, node.lineno))
    return found


DYNAMIC = "*"
"""Marks a dynamic import known only by its prefix: it may import any module under it."""


def _constant_prefix(node: ast.JoinedStr) -> str:
    prefix = ""
    for part in node.values:
        if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
            break
        prefix += part.value
    return prefix


def _is_dynamic_import(node: ast.Call) -> bool:
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name in {"import_module", "__import__"} and bool(node.args)


def violations(source: str, module: str, is_package: bool = False) -> list[Violation]:
    """Return the wrong-way imports of one module's source."""
    found = []
    for name, line in imported_names(source, module, is_package):
        for rule in RULES:
            if not _under(module, rule.layer):
                continue
            if any(_under(name.rstrip(DYNAMIC).rstrip("."), banned) for banned in rule.forbidden):
                found.append(Violation(module, line, name, rule.why))
    return found


def package_modules() -> list[tuple[str, Path, bool]]:
    """Return ``(module name, file, is package)`` for every module of complaintdesk."""
    modules = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        is_package = relative.name == "__init__"
        parts = relative.parts[:-1] if is_package else relative.parts
        modules.append((".".join(parts), path, is_package))
    return modules


def test_no_module_imports_against_the_dependency_rule() -> None:
    found = [
        violation
        for module, path, is_package in package_modules()
        for violation in violations(path.read_text(encoding="utf-8"), module, is_package)
    ]

    assert not found, "wrong-way imports:\n" + "\n".join(str(v) for v in found)


def import_graph() -> dict[str, set[str]]:
    """Return, for every module of the package, the modules of the package it imports.

    ``from package import submodule`` counts as importing the submodule only (Python finds the
    package already loading), and a dynamic import by prefix counts as importing every module
    under the prefix.
    """
    modules = {module: (path, is_package) for module, path, is_package in package_modules()}
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        source = path.read_text(encoding="utf-8")
        targets: set[str] = set()
        for name, _line in imported_names(source, module, is_package):
            if name.endswith(DYNAMIC):
                prefix = name.removesuffix(DYNAMIC)
                targets |= {m for m in modules if m.startswith(prefix)}
                continue
            if name in modules:
                targets.add(name)
        # drop "from package import submodule"'s package when only submodules were named
        for name in list(targets):
            children = {t for t in targets if t.startswith(name + ".")}
            if children and _only_submodules_named(source, module, is_package, name, modules):
                targets.discard(name)
        graph[module] = targets - {module}
    return graph


def _only_submodules_named(
    source: str, module: str, is_package: bool, package: str, modules: dict[str, object]
) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            if base == package and any(f"{base}.{a.name}" not in modules for a in node.names):
                return False
        elif isinstance(node, ast.Import) and any(a.name == package for a in node.names):
            return False
    return True


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of modules that import each other in a loop (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def test_no_modules_import_each_other_in_a_loop() -> None:
    loops = import_loops(import_graph())

    assert not loops, "modules importing each other in a loop:\n" + "\n".join(
        " <-> ".join(loop) for loop in loops
    )


def test_a_loop_through_a_dynamic_import_is_found() -> None:
    graph = {
        "complaintdesk.cli.main": {"complaintdesk.cli.mail"},
        "complaintdesk.cli.mail": {"complaintdesk.cli.main"},
        "complaintdesk.cli.common": set(),
    }

    assert import_loops(graph) == [["complaintdesk.cli.mail", "complaintdesk.cli.main"]]
    names = imported_names(
        "import importlib\nimportlib.import_module(f'complaintdesk.cli.{word}')",
        "complaintdesk.cli.main",
    )
    assert ("complaintdesk.cli." + DYNAMIC, 2) in names


def test_no_folder_is_a_flat_floor() -> None:
    """A folder holds one capability: at most 20 modules, none over 400 lines (STYLE.md 11, 14)."""
    crowded = {
        str(folder.relative_to(PACKAGE_DIR.parent)): count
        for folder in [PACKAGE_DIR, *(p for p in PACKAGE_DIR.rglob("*") if p.is_dir())]
        if (count := len(list(folder.glob("*.py")))) > 20
    }
    long = {
        str(path.relative_to(PACKAGE_DIR.parent)): lines
        for path in PACKAGE_DIR.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }

    assert not crowded, f"folders over 20 modules: {crowded}"
    assert not long, f"modules over 400 lines: {long}"


def test_the_check_reads_every_layer() -> None:
    names = {module for module, _, _ in package_modules()}

    for layer in ("domain", "storage", "services"):
        assert any(_under(name, f"{CD}.{layer}") for name in names - {f"{CD}.{layer}"})
    assert {f"{CD}.app", f"{CD}.cli", f"{CD}.demo", f"{CD}.storage.models"} <= names


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("complaintdesk.domain.rules", "import sqlalchemy"),
        ("complaintdesk.domain.rules", "from sqlalchemy.orm import Session"),
        ("complaintdesk.domain.rules", "from PySide6.QtCore import Qt"),
        ("complaintdesk.domain.rules", "from ..storage import models"),
        ("complaintdesk.domain.rules", "from .. import services"),
        ("complaintdesk.domain", "from ..app import open_backend"),
        ("complaintdesk.domain.rules", "def f():\n    import complaintdesk.ui.main_window"),
        (
            "complaintdesk.domain.rules",
            "import typing\nif typing.TYPE_CHECKING:\n    from sqlalchemy import Engine",
        ),
        ("complaintdesk.services.users", "from PySide6 import QtWidgets"),
        ("complaintdesk.services.users", "from complaintdesk import ui"),
        ("complaintdesk.services.users", "from ..ui.tasks import run_task"),
        ("complaintdesk.storage.schema", "from complaintdesk.services.users import add_user"),
        ("complaintdesk.storage.models.base", "from ...services import context"),
        ("complaintdesk.storage.schema", "import PySide6.QtCore"),
        ("complaintdesk.channels.email", "import shiboken6"),
        ("complaintdesk.sync.push", "from complaintdesk.ui import status"),
        ("complaintdesk.ui.queue_model", "from sqlalchemy import select"),
        ("complaintdesk.ui.queue_model", "import alembic.command"),
        ("complaintdesk.ui.queue_model", "from complaintdesk.storage.models import Complaint"),
        ("complaintdesk.ui.queue_model", "from ..storage import unit_of_work"),
        ("complaintdesk.ui.queue_model", "from complaintdesk import app"),
        ("complaintdesk.ui", "from ..app import Backend"),
        ("complaintdesk.ui.queue_model", "importlib.import_module('complaintdesk.storage')"),
        ("complaintdesk.ui.queue_model", "from complaintdesk.demo import seed"),
        ("complaintdesk.services.users", "from complaintdesk.demo.people import names"),
        ("complaintdesk.storage.bulk", "import complaintdesk.demo"),
        ("complaintdesk.domain.rules", "from complaintdesk.demo import texts"),
        ("complaintdesk.channels.email", "from complaintdesk.demo import seed"),
        ("complaintdesk.demo.seed", "from PySide6.QtCore import QObject"),
        ("complaintdesk.demo.seed", "from complaintdesk.ui import labels"),
        ("complaintdesk.demo.seed", "from complaintdesk.cli import main"),
        ("complaintdesk.cli.mail", "from complaintdesk.storage.secrets import Secrets"),
        ("complaintdesk.cli.mail", "from sqlalchemy import select"),
        ("complaintdesk.cli.smoke", "from complaintdesk.ui.application import application"),
        ("complaintdesk.cli.main", "importlib.import_module(f'complaintdesk.ui.{name}')"),
        ("complaintdesk.cli.database", "from sqlalchemy import make_url"),
        ("complaintdesk.cli.database", "from complaintdesk.storage import schema"),
        ("complaintdesk.cli.phone", "from complaintdesk.ui.session import single_instance"),
        ("complaintdesk.cli.problems", "from PySide6.QtWidgets import QApplication"),
    ],
)
def test_a_wrong_way_import_is_caught(module: str, source: str) -> None:
    is_package = module in {"complaintdesk.domain", "complaintdesk.ui"}
    assert violations(source, module, is_package), f"{module} may not: {source}"


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("complaintdesk.domain.rules", "from .errors import ValidationError"),
        ("complaintdesk.domain.rules", "from complaintdesk.domain.vocabulary import Status"),
        ("complaintdesk.domain.rules", "import holidays, zoneinfo"),
        ("complaintdesk.services.users", "from ..storage.models import User"),
        ("complaintdesk.services.users", "from sqlalchemy import select"),
        ("complaintdesk.storage.schema", "from .database import describe"),
        ("complaintdesk.ui.queue_model", "from PySide6.QtCore import Qt"),
        ("complaintdesk.ui.queue_model", "from complaintdesk.services import queues"),
        ("complaintdesk.ui.queue_model", "from ..domain.vocabulary import Status"),
        ("complaintdesk.ui.queue_model", "import complaintdesk.uikit"),
        ("complaintdesk.app", "from complaintdesk.ui.application import run"),
        ("complaintdesk.app", "from .storage import database"),
        ("complaintdesk.channels.email", "from complaintdesk.services import intake"),
        ("complaintdesk.demo.seed", "from complaintdesk.storage import bulk"),
        ("complaintdesk.demo.seed", "from complaintdesk.services.promises import policies"),
        ("complaintdesk.cli.mail", "from complaintdesk.app import open_backend"),
        ("complaintdesk.cli.mail", "from complaintdesk.services.outbound import outbox"),
        ("complaintdesk.cli.main", "importlib.import_module(f'complaintdesk.cli.{name}')"),
        ("complaintdesk.cli.database", "from complaintdesk import app"),
        ("complaintdesk.cli.database", "from complaintdesk.cli.common import command_line"),
        ("complaintdesk.cli.sync", "from complaintdesk.sync.errors import NotABranch"),
        ("complaintdesk.app", "from complaintdesk.storage import maintenance"),
        ("complaintdesk.app", "from complaintdesk.ui.smoke_test import show_main_window_once"),
    ],
)
def test_an_import_the_rule_allows_passes(module: str, source: str) -> None:
    assert violations(source, module) == []


@pytest.mark.parametrize(
    ("module", "is_package", "level", "target", "expected"),
    [
        ("complaintdesk.ui.main_window", False, 1, "tasks", "complaintdesk.ui.tasks"),
        ("complaintdesk.ui.main_window", False, 2, "storage", "complaintdesk.storage"),
        ("complaintdesk.ui.main_window", False, 2, None, "complaintdesk"),
        ("complaintdesk.ui", True, 1, "tasks", "complaintdesk.ui.tasks"),
        ("complaintdesk.ui", True, 2, "app", "complaintdesk.app"),
        ("complaintdesk.storage.models.base", False, 3, "services", "complaintdesk.services"),
        ("complaintdesk.ui.main_window", False, 0, "sqlalchemy.orm", "sqlalchemy.orm"),
    ],
)
def test_relative_imports_resolve_like_python_does(
    module: str, is_package: bool, level: int, target: str | None, expected: str
) -> None:
    assert _resolve(module, is_package, level, target) == expected
