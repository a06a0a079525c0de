"""The main window's furniture: status bar facts, sync status, notifications and tray, the
command palette and cheat sheet, undo, layout kept between sessions, the Reports menu."""
