"""Preferences kept between sessions: language, theme, and the idle lock's delay.

Everything lives in one QSettings file (INI format on every system, so a support person
can read it and tests can point it at a temporary folder with ``QSettings.setPath``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStyleFactory,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.ui import i18n

ORGANISATION = "ComplaintDesk"
APPLICATION = "ComplaintDesk"
THEME_KEY = "ui/theme"
THEMES = ("system", "light", "dark")
IDLE_MINUTES_KEY = "security/idle_minutes"
"""Minutes without input before the window locks; 0 never locks (read by the security code)."""
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240


def app_settings() -> QSettings:
    """Return the person's settings (``~/.config/ComplaintDesk/ComplaintDesk.ini`` on Linux)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def theme(settings: QSettings) -> str:
    """Return the stored theme: ``system``, ``light`` or ``dark``."""
    value = str(settings.value(THEME_KEY, "system"))
    return value if value in THEMES else "system"


def idle_minutes(settings: QSettings) -> int:
    """Return the idle lock's delay in minutes (0: never)."""
    try:
        value = int(str(settings.value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return max(0, min(value, MAX_IDLE_MINUTES))


def apply(settings: QSettings) -> None:
    """Put the stored language and theme in place (at start-up, before any window)."""
    i18n.install(i18n.chosen_language(settings))
    apply_theme(theme(settings))


def apply_theme(name: str) -> bool:
    """Show the application light or dark; ``system`` follows the system's colour scheme.

    Returns:
        True when the application is now dark.
    """
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    hints = QGuiApplication.styleHints()
    if name == "system":
        hints.unsetColorScheme()
        QGuiApplication.setPalette(QPalette())  # the platform's own, light or dark
        return hints.colorScheme() == Qt.ColorScheme.Dark
    dark = name == "dark"
    hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    # Platforms without a colour scheme of their own (X11 without a portal, offscreen)
    # ignore the hint: the palette says it for them.
    QGuiApplication.setPalette(dark_palette() if dark else light_palette())
    return dark


def light_palette() -> QPalette:
    """Return Fusion's light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def dark_palette() -> QPalette:
    """Return a dark palette with contrast of at least 4.5:1 for text (WCAG AA)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e8e8e8",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#282828",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9a9a",
        role.Text: "#e8e8e8",
        role.Button: "#353535",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4a",
        role.Midlight: "#404040",
        role.Mid: "#303030",
        role.Dark: "#202020",
        role.Shadow: "#101010",
        role.Highlight: "#3d7cc9",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb6ff",
        role.LinkVisited: "#c59bff",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#808080"))
    return palette


class PreferencesDialog(QDialog):
    """Language, theme and idle lock; the theme applies at once, the language at next start.

    Args:
        settings: where the choices are kept.
        parent: the main window.
    """

    idle_minutes_changed = Signal(int)
    """Emitted on OK with the idle lock's delay, so a running lock follows it at once."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        self.language.addItem(
            self.tr("As the system ({language})").format(language=_system_name()), "system"
        )
        self.language.addItem("English", "en")  # each language in its own words
        self.language.addItem("Français", "fr")
        self.theme = QComboBox()
        for code, text in (
            ("system", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(text, code)
        self.idle = QSpinBox()
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setAccessibleName(self.tr("Lock after minutes without use"))
        self._select(self.language, i18n.preferred_language(settings))
        self._select(self.theme, theme(settings))
        self.idle.setValue(idle_minutes(settings))
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        note = QLabel(self.tr("A new language shows the next time ComplaintDesk starts."))
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("&Lock after:"), self.idle)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _select(box: QComboBox, code: str) -> None:
        box.setCurrentIndex(max(0, box.findData(code)))

    def accept(self) -> None:
        """Keep the choices and show the theme at once."""
        self._settings.setValue(i18n.LANGUAGE_KEY, self.language.currentData())
        self._settings.setValue(THEME_KEY, self.theme.currentData())
        self._settings.setValue(IDLE_MINUTES_KEY, self.idle.value())
        self._settings.sync()
        apply_theme(str(self.theme.currentData()))
        self.idle_minutes_changed.emit(self.idle.value())
        super().accept()


def _system_name() -> str:
    return "Français" if i18n.system_language() == "fr" else "English"
