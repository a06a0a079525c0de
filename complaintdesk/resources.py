"""Files shipped with ComplaintDesk: rule sets, presets, translations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from complaintdesk.domain.errors import ComplaintDeskError


def resources_dir() -> Path:
    """Return the resources folder: packaged in a wheel, or beside the source tree."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise ComplaintDeskError("The resources of this installation are missing; reinstall it.")


def load_json(relative: str) -> Any:
    """Read a shipped JSON file, e.g. ``routing/cfpb.json``."""
    path = resources_dir() / relative
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ComplaintDeskError(f"No shipped resource named {relative!r}.") from None
