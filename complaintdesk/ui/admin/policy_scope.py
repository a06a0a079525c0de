"""The scope of a policy: which complaints it applies to (sites, countries, channels…).

Lists of codes are typed comma-separated (the sites and categories this installation has
are listed in the tooltips); channels, segments and priorities are ticked. The services
check what is saved and a refusal is shown under the scope, with everything kept as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.vocabulary import Channel, Priority, Segment
from complaintdesk.services.promises import scopes
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import line_edit
from complaintdesk.ui.session.sign_in import ErrorLabel
from complaintdesk.ui.widgets import caption

TYPED = ("sites", "countries", "categories", "products")
TICKED = ("channels", "segments", "priorities")


class ScopeEditor(QWidget):
    """What a policy applies to; empty means "any". Emits :attr:`save_asked` on Save."""

    save_asked = Signal()
    """Save was pressed: the tab reads :meth:`conditions` and calls the service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {
            "sites": line_edit(placeholder=self.tr("any site, or e.g. LON01, PAR01")),
            "countries": line_edit(placeholder=self.tr("any country, or e.g. GB")),
            "categories": line_edit(placeholder=self.tr("any category, or e.g. cards.*")),
            "products": line_edit(placeholder=self.tr("any product")),
        }
        self.ticks: dict[str, dict[str, QCheckBox]] = {
            "channels": {c.value: QCheckBox(labels.channel_label(c)) for c in Channel},
            "segments": {s.value: QCheckBox(labels.segment_label(s.value)) for s in Segment},
            "priorities": {str(int(p)): QCheckBox(labels.priority_label(p)) for p in Priority},
        }
        form = QFormLayout()
        for key, text in (
            ("sites", self.tr("&Sites:")),
            ("countries", self.tr("Site &countries:")),
            ("channels", self.tr("C&hannels:")),
            ("categories", self.tr("Cate&gories:")),
            ("products", self.tr("Pro&ducts:")),
            ("segments", self.tr("Customer segme&nts:")),
            ("priorities", self.tr("Priorit&ies:")),
        ):
            form.addRow(text, self._field(key, text))
        self.error = ErrorLabel()
        self.save_button = QPushButton(self.tr("Save &scope"))
        self.save_button.clicked.connect(self.save_asked.emit)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addWidget(
            caption(
                self.tr(
                    "Empty means any. Of the active policies of a kind whose scope holds, the "
                    "one that sets the most kinds of condition wins; ties go to the first."
                )
            )
        )
        column.addLayout(form)
        column.addWidget(self.error)
        column.addLayout(footer)
        column.addStretch(1)

    def _field(self, key: str, text: str) -> QWidget:
        name = text.replace("&", "").rstrip(":")
        if key in self.fields:
            self.fields[key].setAccessibleName(name)
            return self.fields[key]
        holder = QWidget()
        holder.setAccessibleName(name)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        for box in self.ticks[key].values():
            line.addWidget(box)
        line.addStretch(1)
        return holder

    def set_options(self, options: scopes.ScopeOptions) -> None:
        """List the sites, countries and categories there are in the fields' tooltips."""
        sites = ", ".join(f"{s.code} ({s.country or '?'})" for s in options.sites)
        self.fields["sites"].setToolTip(self.tr("Sites: {sites}").format(sites=sites))
        self.fields["countries"].setToolTip(
            self.tr("Countries of the sites: {countries}").format(
                countries=", ".join(options.countries)
            )
        )
        codes = ", ".join(code for code, _ in options.categories[:40])
        self.fields["categories"].setToolTip(self.tr("Category codes: {codes}").format(codes=codes))

    def set_conditions(self, conditions: dict[str, Any]) -> None:
        """Show a policy's scope."""
        for key, field in self.fields.items():
            field.setText(", ".join(str(v) for v in conditions.get(key, [])))
        for key, boxes in self.ticks.items():
            chosen = {str(v) for v in conditions.get(key, [])}
            for value, box in boxes.items():
                box.setChecked(value in chosen)
        self.error.show_message("")

    def conditions(self) -> dict[str, list[Any]]:
        """Return the scope as typed and ticked."""
        found: dict[str, list[Any]] = {}
        for key, field in self.fields.items():
            found[key] = [v.strip() for v in field.text().split(",") if v.strip()]
        for key, boxes in self.ticks.items():
            found[key] = [value for value, box in boxes.items() if box.isChecked()]
        found["priorities"] = [int(v) for v in found["priorities"]]
        return {key: values for key, values in found.items() if values}
