"""Every reason two records look like one person is worded, in English and in French."""

from __future__ import annotations

import pytest

from complaintdesk.domain.customers.duplicates import Evidence, Reason
from complaintdesk.ui import duplicate_words
from complaintdesk.ui.i18n import install


@pytest.mark.parametrize("kind", list(Evidence), ids=lambda e: e.value)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_reason_reads_as_a_sentence(kind: Evidence, language: str, qapp: object) -> None:
    install(language)
    reason = Reason(kind, "x:@leamartin", "Léa Martin", contact_kind="social", score=92.0)

    text = duplicate_words.duplicate_reasons([reason])

    assert text
    assert "{" not in text
    assert "_" not in text.replace("x:@leamartin", ""), "no field key on screen"
