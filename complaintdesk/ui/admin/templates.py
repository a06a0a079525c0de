"""The templates tab: every template, edited with its allowed variables and a live preview.

A template is checked as it is previewed and before it is saved (it parses, uses only the
variables of its kind, renders on English and French sample values, and a regulated letter
keeps its preset's sections); a refusal is shown under the field at fault with the
variables allowed, and nothing typed is lost. Saving runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import TemplateRefused
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import template_admin, template_kinds, templates
from complaintdesk.services.outbound.template_admin import TemplateView
from complaintdesk.ui import labels
from complaintdesk.ui.admin.template_words import kind_title, template_name, variable_text
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit, text_edit
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.session.sign_in import ErrorLabel
from complaintdesk.ui.widgets import caption, rows_table

_NAME = Qt.ItemDataRole.UserRole


class TemplatesModel(RowsModel[TemplateView]):
    """The templates: kind, which one, language, shipped or edited."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(self.tr("Kind"), lambda t: kind_title(t.kind)),
                Column(self.tr("Template"), self._name),
                Column(self.tr("Language"), lambda t: labels.language_label(t.language)),
                Column(self.tr("State"), self._state),
            ]
        )

    def _name(self, view: TemplateView) -> str:
        if view.kind == template_admin.CANNED:
            return view.subject or template_name(view.code)
        return template_name(view.code) or self.tr("(one per language)")

    def _state(self, view: TemplateView) -> str:
        if view.edited and view.shipped:
            return self.tr("Edited")
        return self.tr("Added") if view.edited else self.tr("As shipped")


class TemplatesTab(QWidget):
    """The list of templates and the editor of the one selected.

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations.
        reload: reads the configuration again (the dialog's).
    """

    def __init__(
        self, ctx: ServiceContext, operations: Operations, reload: Callable[[], None]
    ) -> None:
        super().__init__()
        self._ctx, self._ops, self._reload = ctx, operations, reload
        self._pending: tuple[str, str] | None = None
        self.form: FormDialog | None = None
        self.model = TemplatesModel()
        self.table = rows_table(self.model, self.tr("Templates"))
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.new_button = QPushButton(self.tr("&New canned response…"))
        self.new_button.clicked.connect(self._new_canned)
        self.remove_button = QPushButton(self.tr("Re&move canned response"))
        self.remove_button.clicked.connect(self._remove)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        holder = QWidget()
        holder.setLayout(left)
        splitter = QSplitter()
        splitter.addWidget(holder)
        splitter.addWidget(self._editor())
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([470, 760])
        QVBoxLayout(self).addWidget(splitter)
        self._selected()

    def _editor(self) -> QWidget:
        self.subject = line_edit()
        self.subject.setAccessibleName(self.tr("Subject or title"))
        self.subject_error = ErrorLabel()
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Template text"))
        self.body.setTabChangesFocus(True)
        self.body_error = ErrorLabel()
        self.variables = QListWidget()
        self.variables.setAccessibleName(self.tr("Variables this template may use"))
        self.variables.itemActivated.connect(self._insert)
        self.english = QRadioButton(self.tr("&English"))
        self.french = QRadioButton(self.tr("&French"))
        self.english.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.english, self.french):
            group.addButton(button)
            button.toggled.connect(self.preview)
        self.rendered = QPlainTextEdit()
        self.rendered.setReadOnly(True)
        self.rendered.setAccessibleName(self.tr("Preview with sample values"))
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.clicked.connect(self.preview)
        self.reset_button = QPushButton(self.tr("Put back the shipped te&xt"))
        self.reset_button.clicked.connect(self._reset)
        self.save_button = QPushButton(self.tr("&Save template"))
        self.save_button.clicked.connect(self._save)
        return self._editor_layout()

    def _editor_layout(self) -> QWidget:
        editor = QWidget()
        column = QVBoxLayout(editor)
        self.title = QLabel()
        column.addWidget(self.title)
        subject_label = QLabel(self.tr("Su&bject:"))
        subject_label.setBuddy(self.subject)
        column.addWidget(subject_label)
        column.addWidget(self.subject)
        column.addWidget(self.subject_error)
        body_label = QLabel(self.tr("Te&xt:"))
        body_label.setBuddy(self.body)
        column.addWidget(body_label)
        row = QHBoxLayout()
        row.addWidget(self.body, 3)
        side = QVBoxLayout()
        side.addWidget(caption(self.tr("Variables (Enter inserts one):")))
        side.addWidget(self.variables, 1)
        row.addLayout(side, 2)
        column.addLayout(row, 3)
        column.addWidget(self.body_error)
        languages = QHBoxLayout()
        languages.addWidget(caption(self.tr("Preview with sample values in:")))
        languages.addWidget(self.english)
        languages.addWidget(self.french)
        languages.addStretch(1)
        languages.addWidget(self.preview_button)
        column.addLayout(languages)
        column.addWidget(self.rendered, 2)
        footer = QHBoxLayout()
        footer.addWidget(self.reset_button)
        footer.addStretch(1)
        footer.addWidget(self.save_button)
        column.addLayout(footer)
        return editor

    def show_templates(self, views: tuple[TemplateView, ...]) -> None:
        """List ``views``, keeping the one selected."""
        current = self.current()
        wanted = self._pending or ((current.code, current.language) if current else None)
        self._pending = None
        self.model.set_rows(views)
        row = next(
            (n for n, v in enumerate(views) if (v.code, v.language) == wanted),
            0 if views else -1,
        )
        if row >= 0:
            self.table.selectRow(row)
        self._selected()

    def current(self) -> TemplateView | None:
        """Return the template selected."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, code: str, language: str) -> None:
        """Select the template ``code`` in ``language``."""
        for row, view in enumerate(self.model.rows()):
            if (view.code, view.language) == (code, language):
                self.table.selectRow(row)

    def _selected(self, *_args: object) -> None:
        view = self.current()
        for widget in (self.subject, self.body, self.save_button, self.preview_button):
            widget.setEnabled(view is not None)
        self.reset_button.setEnabled(view is not None and view.shipped and view.edited)
        self.remove_button.setEnabled(view is not None and view.kind == template_admin.CANNED)
        self._clear_errors()
        self.variables.clear()
        if view is None:
            self.title.setText(self.tr("Select a template."))
            self.subject.clear()
            self.body.clear()
            self.rendered.clear()
            return
        self.title.setText(
            f"<b>{kind_title(view.kind)}</b> — {template_name(view.code) or view.code} "
            f"({labels.language_label(view.language)})"
        )
        self.subject.setText(view.subject)
        self.body.setPlainText(view.body)
        for name in self._kind(view).variables:
            item = QListWidgetItem(f"{name} — {variable_text(name)}")
            item.setData(_NAME, name)
            self.variables.addItem(item)
        (self.french if view.language == "fr" else self.english).setChecked(True)
        self.preview()

    def _kind(self, view: TemplateView) -> template_kinds.TemplateKind:
        return template_kinds.kind_of(view.code)

    def _insert(self, item: QListWidgetItem) -> None:
        self.body.insertPlainText("{{ " + str(item.data(_NAME)) + " }}")
        self.body.setFocus()

    def _clear_errors(self) -> None:
        self.subject_error.show_message("")
        self.body_error.show_message("")

    def _checked(self) -> bool:
        """Check the template as typed; show a refusal under its field."""
        view = self.current()
        if view is None:
            return False
        self._clear_errors()
        try:
            templates.check_source(
                self._kind(view),
                view.code,
                self.subject.text(),
                self.body.toPlainText(),
                view.language,
            )
        except TemplateRefused as error:
            label = self.subject_error if error.field == "subject" else self.body_error
            label.show_message(self._refusal(error))
            return False
        return True

    def _refusal(self, error: TemplateRefused) -> str:
        if not error.unknown:
            return str(error)  # the template engine's own words on where it stops reading
        return self.tr(
            "This kind of template is not given {unknown}. Allowed variables: {allowed}."
        ).format(unknown=", ".join(error.unknown), allowed=", ".join(error.allowed))

    def preview(self, *_args: object) -> None:
        """Render the template as typed on the sample values of the chosen language."""
        view = self.current()
        if view is None or not self._checked():
            self.rendered.clear()
            return
        language = "fr" if self.french.isChecked() else "en"
        shown = templates.preview(
            self._kind(view), view.code, language, self.subject.text(), self.body.toPlainText()
        )
        header = self.tr("Subject: {subject}").format(subject=shown.subject)
        self.rendered.setPlainText(f"{header}\n\n{shown.body}" if shown.subject else shown.body)

    def _save(self) -> None:
        view = self.current()
        if view is None or not self._checked():
            return
        self._pending = (view.code, view.language)
        work = partial(
            template_admin.save_template,
            self._ctx,
            view.code,
            view.language,
            self.subject.text(),
            self.body.toPlainText(),
        )
        self._ops.run(work, Changes(configuration=True), done=lambda _r: self._reload())

    def _reset(self) -> None:
        view = self.current()
        if view is not None:
            self._pending = (view.code, view.language)
            work = partial(template_admin.reset_template, self._ctx, view.code, view.language)
            self._ops.run(work, Changes(configuration=True), done=lambda _r: self._reload())

    def _remove(self) -> None:
        view = self.current()
        if view is not None and view.kind == template_admin.CANNED:
            work = partial(
                template_admin.remove_canned_response, self._ctx, view.code, view.language
            )
            self._ops.run(work, Changes(configuration=True), done=lambda _r: self._reload())

    def _new_canned(self) -> None:
        form = CannedDialog(self)
        ctx = self._ctx

        def submit() -> None:
            title, language = form.title.text(), str(form.language.currentData())
            work = partial(
                template_admin.add_canned_response, ctx, title, language, form.text.toPlainText()
            )
            self._ops.run(work, Changes(configuration=True), form=form, done=self._added)

        form.submitted.connect(submit)
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.open()

    def _added(self, code: object) -> None:
        form = self.form
        language = str(form.language.currentData()) if isinstance(form, CannedDialog) else "en"
        self._pending = (str(code), language)
        self._reload()


class CannedDialog(FormDialog):
    """A new canned response: its title, language and text (variables allowed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("New canned response"),
            self.tr("&Add"),
            intro=self.tr(
                "Agents find it by its title or words in it, in the customer's language."
            ),
            parent=parent,
        )
        self.title = self.add_field(self.tr("&Title:"), line_edit())
        choices = [(labels.language_label(code), code) for code in ("en", "fr")]
        self.language = self.add_field(self.tr("&Language:"), combo(choices, "en"))
        self.text = self.add_field(
            self.tr("Te&xt:"), text_edit(self.tr("Dear {{ customer_name }}, …"), lines=6),
            error_key="body",
        )  # fmt: skip
        self.title.setFocus()

    def check(self) -> str:
        """A title and a text are needed."""
        if not self.title.text().strip() or not self.text.toPlainText().strip():
            return self.tr("Type a title and the text of the canned response.")
        return ""
