"""A readable PDF of a subject access export, laid out by Qt's rich-text engine.

The JSON export is complete but meant for machines; the person who asked gets this: who
they are to us, each complaint with its messages in order, then every other row we hold,
table by table. Rendered with ``QTextDocument`` into a ``QPdfWriter`` (no browser, no
extra dependency); works on the offscreen platform, so the command line can call it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

SHOWN_FIRST = ("customer", "contact_point", "complaint", "message")
SCREEN_DPI = 96
HIDDEN_COLUMNS = frozenset({"id", "customer_id", "complaint_id", "version", "body_original"})


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubjectReport", text)


def ensure_gui_application() -> QGuiApplication:
    """Return the running Qt application, starting an offscreen one for the command line.

    A QApplication (not a bare QGuiApplication), so that widgets can still be made later
    in the same process (the GUI, or a test run).
    """
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([])


def report_html(export: Mapping[str, Any]) -> str:
    """Return the export as one HTML page (every value escaped)."""
    tables: Mapping[str, Sequence[Mapping[str, Any]]] = export["tables"]
    parts = [
        f"<h1>{escape(_tr('Personal data held about'))} {escape(export['display_name'])}</h1>",
        f"<p>{escape(_tr('Exported at'))} {escape(export['exported_at'])} — "
        f"{escape(_tr('customer id'))} {escape(export['customer_id'])}</p>",
    ]
    messages = tables.get("message", [])
    for complaint in tables.get("complaint", []):
        parts.append(_complaint_html(complaint, messages))
    for name in [*SHOWN_FIRST, *sorted(set(tables) - set(SHOWN_FIRST))]:
        if name in ("complaint", "message") or not tables.get(name):
            continue
        parts.append(_table_html(name, tables[name]))
    return "\n".join(parts)


def _complaint_html(complaint: Mapping[str, Any], messages: Sequence[Mapping[str, Any]]) -> str:
    own = sorted(
        (m for m in messages if m.get("complaint_id") == complaint["id"]),
        key=lambda m: str(m.get("occurred_at")),
    )
    lines = [
        f"<h2>{escape(str(complaint['reference']))} — {escape(str(complaint['subject']))}</h2>",
        f"<p>{escape(_tr('Received'))} {escape(str(complaint['received_at']))}, "
        f"{escape(_tr('status'))} {escape(str(complaint['status']))}</p>",
        f"<p>{escape(str(complaint.get('description') or ''))}</p>",
    ]
    for message in own:
        who = message.get("sender") or message.get("direction")
        lines.append(
            f"<h3>{escape(str(message.get('occurred_at')))} · {escape(str(who))}</h3>"
            f"<p style='white-space: pre-wrap'>{escape(str(message.get('body_text') or ''))}</p>"
        )
    return "\n".join(lines)


def _table_html(name: str, rows: Sequence[Mapping[str, Any]]) -> str:
    columns = [c for c in rows[0] if c not in HIDDEN_COLUMNS]
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return (
        f"<h2>{escape(name.replace('_', ' '))}</h2>"
        f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def write_pdf(export: Mapping[str, Any], path: Path) -> Path:
    """Write the export as an A4 PDF at ``path`` and return it."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(SCREEN_DPI)  # text sized as on screen, not at the writer's 1200 dpi
    writer.setTitle(_tr("Personal data export"))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(report_html(export))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    return path
