"""Table models of the Problems window: problems, their complaints, candidates, scores.

Each list is short (hundreds of rows at most, read by one service call), so a model keeps
the tuple of read models it was given and builds cells on demand from a column table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.insight.clusters import Cluster, ClusterComplaint
from complaintdesk.services.insight.problems import LinkedComplaint, ProblemStatus, ProblemSummary
from complaintdesk.services.insight.satisfaction import ScoreLine
from complaintdesk.ui import labels
from complaintdesk.ui.row_models import Column, RowsModel


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


class ProblemsModel(RowsModel[ProblemSummary]):
    """The problems list: title, status, owner, function, cause, complaints, last change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_t("Problem"), lambda p: p.title),
                Column(_t("Status"), lambda p: problem_status_label(p.status)),
                Column(_t("Owner"), lambda p: p.owner_name or "—"),
                Column(_t("Function"), lambda p: p.function_name or "—"),
                Column(_t("Root cause"), lambda p: p.root_cause_name or "—"),
                Column(_t("Complaints"), lambda p: str(p.complaints)),
                Column(_t("Changed"), lambda p: labels.local_time(p.updated_at)),
            ],
            parent,
        )


class LinkedModel(RowsModel[LinkedComplaint]):
    """The complaints attached to the problem shown: reference, subject, status, channel…"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_t("Reference"), lambda c: c.reference),
                Column(_t("Subject"), lambda c: c.subject),
                Column(_t("Status"), lambda c: status_text(c.status)),
                Column(_t("Channel"), lambda c: channel_text(c.channel)),
                Column(_t("Site"), lambda c: c.site_code),
                Column(_t("Received"), lambda c: labels.local_date(c.received_at)),
            ],
            parent,
        )


class ClustersModel(RowsModel[Cluster]):
    """Candidate problems: recurring clusters of similar complaints."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_t("Complaints"), lambda c: str(c.size)),
                Column(_t("Common subject"), lambda c: c.subject),
                Column(_t("Theme"), lambda c: ", ".join(c.theme)),
                Column(_t("Product"), lambda c: c.product or c.category or "—"),
                Column(_t("Channels"), lambda c: ", ".join(channel_text(x) for x in c.channels)),
                Column(_t("Sites"), lambda c: ", ".join(c.sites)),
                Column(_t("Period"), _period),
            ],
            parent,
        )


def _period(cluster: Cluster) -> str:
    return f"{labels.local_date(cluster.first_at)} – {labels.local_date(cluster.last_at)}"


class ClusterComplaintsModel(RowsModel[ClusterComplaint]):
    """The complaints of the candidate selected: reference, subject, channel, site…"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_t("Reference"), lambda c: c.reference),
                Column(_t("Subject"), lambda c: c.subject),
                Column(_t("Channel"), lambda c: channel_text(c.channel)),
                Column(_t("Site"), lambda c: c.site_code),
                Column(_t("Received"), lambda c: labels.local_date(c.received_at)),
                Column(_t("Status"), lambda c: status_text(c.status)),
            ],
            parent,
        )


class ScoresModel(RowsModel[ScoreLine]):
    """Satisfaction of functions, channels or agents.

    Args:
        first: the header of the first column (Function, Channel or Agent).
        label: turns the line's label into what the person reads (a channel's name).
        parent: the owning object.
    """

    def __init__(
        self, first: str, label: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        super().__init__(
            [
                Column(first, lambda s: label(s.label)),
                Column(_t("Responses"), lambda s: str(s.responses)),
                Column(_t("Satisfaction /10"), lambda s: _number(s.satisfaction)),
                Column(_t("Recommendations"), lambda s: str(s.recommendations)),
                Column(_t("Net promoter"), lambda s: _number(s.net_promoter)),
            ],
            parent,
        )
