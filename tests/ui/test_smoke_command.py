"""``complaintdesk smoke-test``: what the bundle's CI step runs, run here from the source."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from complaintdesk import cli


def test_the_smoke_test_shows_the_main_window_in_french_and_exits_0(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.run(["smoke-test", "--complaints", "20", "--json"])

    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert summary["shown"] is True
    assert summary["title"] == "ComplaintDesk — Alex Martin"
    assert summary["first_queue"].startswith("Mes réclamations")
    assert summary["catalogues"] == 2  # ComplaintDesk's and Qt's
