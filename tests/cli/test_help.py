"""Every option and argument of every command says what it does in ``--help``."""

from __future__ import annotations

import argparse

from complaintdesk.cli import main as cli


def without_help(parser: argparse.ArgumentParser, path: str | None = None) -> list[str]:
    """Return the options, arguments and sub-commands of ``parser`` and below that lack help."""
    path = path or parser.prog
    missing = []
    for action in parser._actions:  # argparse keeps its actions private
        if isinstance(action, argparse._SubParsersAction):
            # A sub-command gets a line in its parent's help only when it was given a help.
            described = {line.dest for line in action._choices_actions if _described(line)}
            for word, child in action.choices.items():
                missing += [] if word in described else [f"{path} {word}"]
                missing += without_help(child, f"{path} {word}")
        elif not _described(action):
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


def _described(action: argparse.Action) -> bool:
    return bool(action.help) and action.help != argparse.SUPPRESS


def test_every_option_and_argument_of_every_command_has_help() -> None:
    missing = without_help(cli._parser())

    assert not missing, "no help text:\n" + "\n".join(missing)


def test_the_walk_reaches_every_command_and_option() -> None:
    parser = argparse.ArgumentParser(prog="example")
    parser.add_argument("--top", help="has help")
    group = parser.add_subparsers().add_parser("group", help="has help").add_subparsers()
    leaf = group.add_parser("leaf")
    leaf.add_argument("file")
    leaf.add_argument("--flag", action="store_true", help=argparse.SUPPRESS)
    leaf.add_argument("-n", "--number", help="")

    assert without_help(parser) == [
        "example group leaf",
        "example group leaf file",
        "example group leaf --flag",
        "example group leaf -n/--number",
    ]
