"""Why two customer records may be one person, in words: "same phone …; nickname: Bob / Rob".

The evidence comes from the duplicate rules (:mod:`complaintdesk.domain.customers.duplicates`);
contact points read as people write them (``x:@janed`` is "X @janed").
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

from complaintdesk.domain.customers.duplicates import Evidence, Reason
from complaintdesk.ui.contacts import contact_text


def duplicate_reasons(reasons: Iterable[Reason]) -> str:
    """Why two customer records look like one person, in the user's language."""
    return "; ".join(_duplicate_reason(reason) for reason in reasons)


def _duplicate_reason(reason: Reason) -> str:
    kinds = {
        "phone": QCoreApplication.translate("Labels", "phone"),
        "email": QCoreApplication.translate("Labels", "email"),
        "social": QCoreApplication.translate("Labels", "social handle"),
        "postal": QCoreApplication.translate("Labels", "address"),
    }
    kind = kinds.get(reason.contact_kind or "", reason.contact_kind or "")
    texts = {
        Evidence.SAME_CONTACT: QCoreApplication.translate("Labels", "same {kind} {value}"),
        Evidence.SIMILAR_CONTACT: QCoreApplication.translate(
            "Labels", "similar {kind}: {value} / {other}"
        ),
        Evidence.CONTACT_ALIKE: QCoreApplication.translate(
            "Labels", "{value} and {other} look alike"
        ),
        Evidence.CONTACT_SPELLS_NAME: QCoreApplication.translate(
            "Labels", "{value} spells the name {other}"
        ),
        Evidence.SAME_HANDLE: QCoreApplication.translate(
            "Labels", "the same handle on two services: {value} / {other}"
        ),
        Evidence.ACCOUNT_NAME: QCoreApplication.translate(
            "Labels", "{value} is the name the account {other} gives"
        ),
        Evidence.SAME_NAME: QCoreApplication.translate("Labels", "same name {value}"),
        Evidence.NICKNAME: QCoreApplication.translate("Labels", "nickname: {value} / {other}"),
        Evidence.INITIAL: QCoreApplication.translate("Labels", "initial: {value} / {other}"),
        Evidence.CLOSE_NAME: QCoreApplication.translate(
            "Labels", "close name ({score}%): {value} / {other}"
        ),
        Evidence.SAME_POSTCODE: QCoreApplication.translate("Labels", "same postcode {value}"),
        Evidence.SAME_ADDRESS: QCoreApplication.translate("Labels", "same address {value}"),
    }
    return texts[reason.kind].format(
        kind=kind,
        value=contact_text(reason.value),
        other=contact_text(reason.other),
        score=QLocale().toString(round(reason.score or 0)),
    )
