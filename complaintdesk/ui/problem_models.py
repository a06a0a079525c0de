"""Table models of the Problems window: problems, their complaints, candidates, scores.

Each list is short (hundreds of rows at most, read by one service call), so a model keeps
the tuple of read models it was given and builds cells on demand from a column table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.clusters import Cluster, ClusterComplaint
from complaintdesk.services.problems import LinkedComplaint, ProblemStatus, ProblemSummary
from complaintdesk.services.satisfaction import ScoreLine
from complaintdesk.ui import labels

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], str]]


def _t(text: str) -> str:
    return QCoreApplication.translate("Problems", text)


def problem_status_label(status: ProblemStatus) -> str:
    """Return the label of where a problem's fix stands."""
    return {
        ProblemStatus.OPEN: _t("Open"),
        ProblemStatus.INVESTIGATING: _t("Investigating"),
        ProblemStatus.FIXED: _t("Fixed"),
        ProblemStatus.CLOSED: _t("Closed"),
    }[status]


def channel_text(code: str) -> str:
    """Return the label of a channel code (the code itself if unknown)."""
    try:
        return labels.channel_label(Channel(code))
    except ValueError:
        return code


def status_text(code: str) -> str:
    """Return the label of a complaint status code."""
    try:
        return labels.status_label(Status(code))
    except ValueError:
        return code


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


class RecordsModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table of frozen read models, one column per entry of :meth:`columns`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowT, ...] = ()
        self._columns = self.columns()

    def columns(self) -> Sequence[Column]:
        """Return (header, cell text) per column; subclasses say what they show."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show ``rows`` instead of what was shown."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        """Return the read model at ``row`` (None outside the table)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> tuple[RowT, ...]:
        """Return every row shown."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        return self._columns[index.column()][1](row)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None


class ProblemsModel(RecordsModel[ProblemSummary]):
    """The problems list."""

    def columns(self) -> Sequence[Column]:
        """Title, status, owner, function, cause, complaints, last change."""
        return [
            (_t("Problem"), lambda p: p.title),
            (_t("Status"), lambda p: problem_status_label(p.status)),
            (_t("Owner"), lambda p: p.owner_name or "—"),
            (_t("Function"), lambda p: p.function_name or "—"),
            (_t("Root cause"), lambda p: p.root_cause_name or "—"),
            (_t("Complaints"), lambda p: str(p.complaints)),
            (_t("Changed"), lambda p: labels.local_time(p.updated_at)),
        ]


class LinkedModel(RecordsModel[LinkedComplaint]):
    """The complaints attached to the problem shown."""

    def columns(self) -> Sequence[Column]:
        """Reference, subject, status, channel, site, received."""
        return [
            (_t("Reference"), lambda c: c.reference),
            (_t("Subject"), lambda c: c.subject),
            (_t("Status"), lambda c: status_text(c.status)),
            (_t("Channel"), lambda c: channel_text(c.channel)),
            (_t("Site"), lambda c: c.site_code),
            (_t("Received"), lambda c: labels.local_date(c.received_at)),
        ]


class ClustersModel(RecordsModel[Cluster]):
    """Candidate problems: recurring clusters of similar complaints."""

    def columns(self) -> Sequence[Column]:
        """Size, common subject, theme, product, channels, sites, period."""
        return [
            (_t("Complaints"), lambda c: str(c.size)),
            (_t("Common subject"), lambda c: c.subject),
            (_t("Theme"), lambda c: ", ".join(c.theme)),
            (_t("Product"), lambda c: c.product or c.category or "—"),
            (_t("Channels"), lambda c: ", ".join(channel_text(x) for x in c.channels)),
            (_t("Sites"), lambda c: ", ".join(c.sites)),
            (
                _t("Period"),
                lambda c: f"{labels.local_date(c.first_at)} – {labels.local_date(c.last_at)}",
            ),
        ]


class ClusterComplaintsModel(RecordsModel[ClusterComplaint]):
    """The complaints of the candidate selected."""

    def columns(self) -> Sequence[Column]:
        """Reference, subject, channel, site, received, status."""
        return [
            (_t("Reference"), lambda c: c.reference),
            (_t("Subject"), lambda c: c.subject),
            (_t("Channel"), lambda c: channel_text(c.channel)),
            (_t("Site"), lambda c: c.site_code),
            (_t("Received"), lambda c: labels.local_date(c.received_at)),
            (_t("Status"), lambda c: status_text(c.status)),
        ]


class ScoresModel(RecordsModel[ScoreLine]):
    """Satisfaction of functions, channels or agents.

    Args:
        first: the header of the first column (Function, Channel or Agent).
        label: turns the line's label into what the person reads (a channel's name).
    """

    def __init__(self, first: str, label: Callable[[str], str] = str, parent: Any = None) -> None:
        self._first = first
        self._label = label
        super().__init__(parent)

    def columns(self) -> Sequence[Column]:
        """Who, responses, mean satisfaction, recommendation answers, net promoter score."""
        return [
            (self._first, lambda s: self._label(s.label)),
            (_t("Responses"), lambda s: str(s.responses)),
            (_t("Satisfaction /10"), lambda s: _number(s.satisfaction)),
            (_t("Recommendations"), lambda s: str(s.recommendations)),
            (_t("Net promoter"), lambda s: _number(s.net_promoter)),
        ]
