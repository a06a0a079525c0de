"""Start ComplaintDesk on a database and report when the main window is usable.

Run by ``bench.py`` in a fresh process, so the figure includes Python's start-up and the
imports a person waits for: ``python -m tests.benchmarks.start_probe URL LOGIN PASSWORD``.
Prints one JSON object: seconds to a shown window with its first queue page, and the
resident memory at that point.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from complaintdesk.app import connect, settings_for  # noqa: E402
from complaintdesk.services.admin import auth  # noqa: E402
from complaintdesk.ui.main_window import MainWindow  # noqa: E402


def main(url: str, login: str, password: str) -> None:
    """Open, sign in (without the dialog), show the window, wait for the first rows."""
    app = QApplication.instance() or QApplication([])
    connection = connect(settings_for(url))
    opened = time.perf_counter()
    actor = auth.sign_in(connection.uow, login, password)
    signed_in = time.perf_counter()
    window = MainWindow(connection, actor)
    window.show()
    while window.queue_model.rowCount() == 0:
        app.processEvents()
        if time.perf_counter() - STARTED > 60:
            break
    usable = time.perf_counter()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "start_to_usable_window_s": round(usable - STARTED, 3),
                "open_database_s": round(opened - STARTED, 3),
                "sign_in_s": round(signed_in - opened, 3),
                "window_and_first_page_s": round(usable - signed_in, 3),
                "first_page_rows": window.queue_model.rowCount(),
                "resident_memory_mb": round(rss_kib / 1024, 1),
            }
        )
    )
    window.close()
    window.tasks.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
