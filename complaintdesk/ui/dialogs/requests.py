"""Contribution requests: asking functions, and answering or declining what was asked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from complaintdesk.services.admin.organisation import FunctionView
from complaintdesk.services.read_models import RequestView
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, text_edit
from complaintdesk.ui.widgets import text_label


class AskDialog(FormDialog):
    """Pick one or more functions and write the question; each answers within its own time.

    Args:
        reference: the complaint's reference (in the title).
        functions: the functions that can be asked.
        parent: the main window.
    """

    def __init__(
        self, reference: str, functions: tuple[FunctionView, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Ask a function about {reference}").format(reference=reference),
            self.tr("&Ask"),
            intro=self.tr("You stay the owner: the functions answer you. Space ticks a function."),
            parent=parent,
        )
        self.functions = QListWidget()
        for function in functions:
            hours = self.tr("answers within {hours} h").format(hours=function.answer_within_hours)
            item = QListWidgetItem(f"{function.name} — {hours}")
            item.setData(Qt.ItemDataRole.UserRole, function.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.functions.addItem(item)
        if functions:
            self.functions.setCurrentRow(0)
        rows = max(min(len(functions), 6), 2)
        self.functions.setMaximumHeight(self.functions.sizeHintForRow(0) * rows + 8)
        self.add_field(self.tr("&Functions:"), self.functions)
        self.question = self.add_field(
            self.tr("&Question:"), text_edit(self.tr("What do you need to know?"), lines=4)
        )
        self.functions.setFocus()

    def check_function(self, code: str) -> None:
        """Tick the function ``code`` (as Space on its line would)."""
        for row in range(self.functions.count()):
            item = self.functions.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        """Return the codes of the ticked functions."""
        items = (self.functions.item(row) for row in range(self.functions.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def check(self) -> str:
        """At least one function must be ticked."""
        return "" if self.chosen() else self.tr("Tick at least one function to ask.")


class ReplyDialog(FormDialog):
    """Answer or decline a request asked of the person's function.

    Args:
        request: the request being answered.
        declining: True to decline it (the text is then the reason).
        parent: the main window.
    """

    def __init__(
        self, request: RequestView, *, declining: bool, parent: QWidget | None = None
    ) -> None:
        title = self.tr("Decline the request") if declining else self.tr("Answer the request")
        ok_text = self.tr("&Decline") if declining else self.tr("&Send answer")
        super().__init__(title, ok_text, parent=parent)
        asked = self.tr("{reference} — {subject}").format(
            reference=request.complaint_reference, subject=request.complaint_subject
        )
        self.add_field(self.tr("Complaint:"), text_label(asked))
        due = self.tr("{function}, due {when}").format(
            function=request.function_name, when=labels.local_time(request.due_at)
        )
        self.add_field(self.tr("Asked of:"), text_label(due))
        self.add_field(self.tr("Question:"), text_label(request.question))
        placeholder = (
            self.tr("Why your function cannot answer (not ours, need more information…)")
            if declining
            else self.tr("Your function's answer: the owner is notified")
        )
        label = self.tr("&Reason:") if declining else self.tr("&Answer:")
        self.text = self.add_field(label, text_edit(placeholder, lines=4))
        self.text.setFocus()
