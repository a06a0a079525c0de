"""Templates: the registry of kinds, checks on save, and every template rendered for real.

Every template shipped in ``resources/templates`` is rendered with the real values its kind
gets for a real complaint (each regulatory preset's, and one without a regulator); a seeded
demo database's templates are rendered the same way.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.errors import TemplateRefused, ValidationError
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import (
    Channel,
    ContactKind,
    LetterKind,
    Outcome,
    Role,
    SiteKind,
)
from complaintdesk.resources import resources_dir
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import detail, intake, letters, lifecycle
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.outbound import (
    template_admin,
    template_kinds,
    template_values,
    templates,
)
from complaintdesk.services.promises import catalogue, scopes
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.models import Complaint, Template
from tests.conftest import command_line_actor

SITES = {
    "uk-fca": ("LON01", "Europe/London", None),
    "uk-fca-payment": ("LON01", "Europe/London", "payments.card"),
    "fr-acpr": ("HQ", "Europe/Paris", None),
    "fr-payment": ("HQ", "Europe/Paris", "payments.card"),
    "us-cfpb": ("NYC01", "America/New_York", None),
    "generic": ("BER01", "Europe/Berlin", None),
}
"""Where a complaint of each preset is recorded (Berlin: no regulator of ours)."""


def _world(ctx: ServiceContext) -> None:
    organisation.add_site(ctx, "LON01", "London", SiteKind.BRANCH, "Europe/London")
    organisation.add_site(ctx, "NYC01", "New York", SiteKind.BRANCH, "America/New_York")
    organisation.add_site(ctx, "BER01", "Berlin", SiteKind.BRANCH, "Europe/Berlin", "DE")
    organisation.add_category(ctx, "payments.card", "Card payments")
    organisation.add_root_cause(ctx, "process", "Process failure", None)
    for code in ("fr-payment", "uk-fca-payment"):
        country = "FR" if code.startswith("fr") else "GB"
        scopes.set_scope(ctx, code, {"countries": [country], "categories": ["payments.*"]})
        catalogue.set_active(ctx, code, True)


def _complaint(ctx: ServiceContext, preset: str, language: str) -> object:
    site, _zone, category = SITES[preset]
    new = intake.NewComplaint(
        channel=Channel.PHONE,
        subject="Card payment taken twice",
        description="Taken twice on 2 February.",
        customer=CustomerInput(
            f"Customer {preset} {language}",
            [(ContactKind.EMAIL, f"{preset}.{language}@example.org")],
            language=language,
        ),
        site_code=site,
        category_code=category,
    )
    return intake.record_complaint(ctx, new).complaint_id


@pytest.fixture
def world(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    """An agent (who owns what they record by phone) in a world of every preset's sites."""
    _world(admin_ctx)
    users.add_user(admin_ctx, "ann", "correct horse", role=Role.AGENT, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", "correct horse"))


def test_every_kind_declares_variables_that_are_described_and_sampled() -> None:
    for kind in template_kinds.KINDS:
        for name in kind.variables:
            assert name in template_kinds.VARIABLES, (kind.name, name)
            for language in ("en", "fr"):
                assert name in template_kinds.SAMPLES[language], (language, name)


@pytest.mark.parametrize(
    ("subject", "body", "field", "words"),
    [
        ("[{{ reference }", "Dear {{ customer_name }}", "subject", "does not read as a template"),
        ("Re {{ reference }}", "Dear {{ owner_name }}", "body", "uses owner_name"),
        ("Re", "{{ reference.__class__.__mro__ }}", "body", "cannot be rendered"),
        ("Re", "{% for x in range(10**9) %}{% endfor %}", "body", "range"),
    ],
)
def test_a_template_that_cannot_be_right_is_refused_at_its_field(
    subject: str, body: str, field: str, words: str
) -> None:
    kind = template_kinds.kind_of("acknowledgement")

    with pytest.raises(TemplateRefused, match=words) as refused:
        templates.check_source(kind, "acknowledgement", subject, body)

    assert refused.value.field == field
    if "uses" in words:
        assert "reference" in refused.value.allowed


def test_a_letter_template_must_keep_every_section_its_preset_requires() -> None:
    kind = template_kinds.kind_of("final_response.fr-acpr")
    subject, body = templates.shipped("final_response.fr-acpr", "fr") or ("", "")
    without = body.replace("Délai pour saisir le médiateur\n", "")

    templates.check_source(kind, "final_response.fr-acpr", subject, body, "fr")
    with pytest.raises(TemplateRefused, match="Délai pour saisir le médiateur"):
        templates.check_source(kind, "final_response.fr-acpr", subject, without, "fr")


def test_an_unknown_kind_of_code_is_refused_naming_the_kinds() -> None:
    with pytest.raises(ValidationError, match="kinds: acknowledgement, receipt"):
        template_kinds.kind_of("reminder")


def test_the_preview_renders_the_sample_in_each_language() -> None:
    kind = template_kinds.kind_of("holding_reply.fr-payment")
    subject, body = templates.shipped("holding_reply.fr-payment", "fr") or ("", "")

    shown = templates.preview(kind, "holding_reply.fr-payment", "fr", subject, body)

    assert shown.subject == "[PAR01-26-00042] Nous avons besoin de plus de temps pour vous répondre"
    assert "au plus tard le 16 mars 2026" in shown.body


def _resolved(ctx: ServiceContext, cid: object) -> None:
    version = detail.get_detail(ctx, cid).version  # type: ignore[arg-type]
    resolution = Resolution(
        Outcome.PARTLY_UPHELD, "We refunded the second payment.", "process",
        amount=Decimal("42.10"), currency="GBP",
    )  # fmt: skip
    lifecycle.resolve(ctx, cid, resolution, version)  # type: ignore[arg-type]


def _render_for_real(ctx: ServiceContext, code: str, language: str) -> templates.Rendered:
    kind = template_kinds.kind_of(code)
    preset = template_kinds.preset_of_code(code) or "generic"
    cid = _complaint(ctx, preset if preset in SITES else "generic", language)
    if kind.letter is not None:
        _resolved(ctx, cid)
        waive = code.endswith("uk-fca")
        return template_admin.draft_letter(
            ctx, cid, kind.letter, language=language, waives_time_limits=waive,  # type: ignore[arg-type]
            final_response_by=_in_days(20) if kind.letter is LetterKind.HOLDING_REPLY else None,
        )  # fmt: skip
    if kind.name == template_admin.CANNED:
        return template_admin.render_canned_response(ctx, cid, code, language)  # type: ignore[arg-type]
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, cid)  # type: ignore[arg-type]
        assert complaint is not None
        values = template_values.complaint_values(uow, complaint, language)
        return templates.render(uow, code, language, template_values.for_kind(kind, values))


def _in_days(days: int) -> object:
    from datetime import date, timedelta

    return date.today() + timedelta(days=days)


@pytest.mark.parametrize(("code", "language"), templates.shipped_templates())
def test_every_shipped_template_renders_with_its_kind_s_real_values(
    world: ServiceContext, code: str, language: str
) -> None:
    rendered = _render_for_real(world, code, language)

    assert rendered.body.strip()
    assert "{{" not in rendered.body
    assert "{%" not in rendered.body
    kind = template_kinds.kind_of(code)
    if kind.letter is not None and kind.letter is not LetterKind.HOLDING_REPLY:
        # A final answer drafted for a decided complaint leaves as drafted.
        with world.uow() as uow:
            complaint = uow.scalars(select(Complaint).order_by(Complaint.received_at.desc()))[0]
            letters.check(uow, complaint, kind.letter, rendered.body, language)


def test_canned_responses_are_found_by_words_in_a_language(
    world: ServiceContext, admin_ctx: ServiceContext
) -> None:
    found = template_admin.canned_responses(world, "remboursement", "fr")
    everything = template_admin.canned_responses(world, "", "en")
    template_admin.remove_canned_response(admin_ctx, "canned.refund-sent", "en")
    left = template_admin.canned_responses(world, "", "en")

    assert [c.code for c in found] == ["canned.refund-sent"]
    shipped = sorted((resources_dir() / "templates").glob("canned.*.en.txt"))
    assert len(everything) == len(shipped) > 0
    assert "canned.refund-sent" not in [c.code for c in left]
    assert [c.code for c in template_admin.canned_responses(world, "", "fr")].count(
        "canned.refund-sent"
    ) == 1  # removed in English only


# --- the demo database's templates ------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """A demo database as a newcomer gets it (seeded small)."""
    from complaintdesk.demo import seed

    folder = tmp_path_factory.mktemp("demo")
    shutil.copyfile(sqlite_template, folder / "demo.db")
    backend = open_backend(Settings(sqlite_url(folder / "demo.db"), folder))
    seed.seed(backend.uow, complaints=30, seed=1)
    yield backend
    backend.engine.dispose()


def _demo_templates(backend: Backend) -> list[tuple[str, str]]:
    with backend.uow() as uow:
        rows: list[Template] = uow.scalars(select(Template).order_by(Template.code))
        return [(row.code, row.language) for row in rows]


def _render_demo(backend: Backend, code: str, language: str) -> templates.Rendered:
    kind = template_kinds.kind_of(code)
    with backend.uow() as uow:
        complaint = uow.scalars(select(Complaint).order_by(Complaint.received_at))[0]
        values = template_values.complaint_values(uow, complaint, language)
        return templates.render(uow, code, language, template_values.for_kind(kind, values))


def test_every_demo_template_renders_with_real_values(demo: Backend) -> None:
    held = _demo_templates(demo)

    assert held  # the demo seeds templates of its own
    for code, language in held:
        assert _render_demo(demo, code, language).body.strip(), (code, language)


def test_draft_letters_need_a_visible_complaint(world: ServiceContext) -> None:
    cid = _complaint(world, "uk-fca", "en")
    ctx = ServiceContext(world.uow, command_line_actor())

    letter = template_admin.draft_letter(ctx, cid, LetterKind.SUMMARY_RESOLUTION)  # type: ignore[arg-type]

    assert letter.subject.endswith("Your complaint is resolved")
    assert "www.financial-ombudsman.org.uk" in letter.body
