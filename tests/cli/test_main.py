"""The command line imports only the modules of the command it runs, and still parses the same.

Its modules share ``common`` (with the argument types and the passwords) and nothing else:
none imports ``main`` or another command module.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from complaintdesk.cli import main as cli
from tests.test_dependency_rule import import_graph


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its sub-parser actions private
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _helps(parser: argparse.ArgumentParser, path: str = "") -> dict[str, str]:
    """Every help text of ``parser`` and of its sub-commands, by command path."""
    found = {path: parser.format_help()}
    for word, child in _commands(parser).items():
        found.update(_helps(child, f"{path} {word}"))
    return found


FULL = cli._parser()


@pytest.mark.parametrize("word", sorted(_commands(FULL)))
def test_a_command_parses_as_with_every_module(word: str) -> None:
    partial = cli._parser([word, "--json"])
    assert _helps(_commands(partial)[word]) == _helps(_commands(FULL)[word])


@pytest.mark.parametrize("argv", [["--help"], ["-vh"], ["--he"], ["no-such-command"]])
def test_help_and_mistakes_see_every_command(argv: list[str]) -> None:
    assert _helps(cli._parser(argv)) == _helps(FULL)


def test_the_gui_imports_no_command_module() -> None:
    assert cli._command_modules(["--database", "sqlite:///x.db", "-v"]) == {}


def test_command_modules_share_only_common_and_arguments_nothing_imports_main() -> None:
    graph = import_graph()
    command_line = {module for module in graph if module.startswith("complaintdesk.cli.")}
    shared = {
        "complaintdesk.cli.common",
        "complaintdesk.cli.arguments",
        "complaintdesk.cli.passwords",
    }

    for module in command_line - {"complaintdesk.cli.main"}:
        assert graph[module] & command_line <= shared, module
    importers = {
        module for module, imported in graph.items() if "complaintdesk.cli.main" in imported
    }
    assert importers == {"complaintdesk.cli", "complaintdesk.__main__"}


def test_no_command_line_module_imports_a_private_name() -> None:
    private = [
        f"{path.name}:{node.lineno} imports {alias.name} from {node.module}"
        for path in Path(cli.__file__).parent.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.endswith("__")
    ]

    assert not private, "\n".join(private)
