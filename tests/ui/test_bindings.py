"""The Qt bindings the project installs keep Python's reference counts right."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_lose_references_to_none() -> None:
    # shiboken6 6.12.0 on Python 3.11 lowers None's count on every void call until the
    # interpreter aborts ("deallocating None"); pyproject keeps PySide6 below 6.12.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")

    assert sys.getrefcount(None) >= before
