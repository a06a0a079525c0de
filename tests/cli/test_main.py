"""The command line imports only the modules of the command it runs, and still parses the same."""

from __future__ import annotations

import argparse

import pytest

from complaintdesk.cli import main as cli


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
