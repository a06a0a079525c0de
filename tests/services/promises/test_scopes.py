"""Scopes set by administrators, checked; a new site takes its country's preset."""

from __future__ import annotations

import pytest

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.vocabulary import Channel, SiteKind
from complaintdesk.services.admin import organisation
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue, scopes


@pytest.mark.parametrize(
    ("scope", "words"),
    [
        ({"sites": ["NOWHERE"]}, "Unknown site: NOWHERE"),
        ({"countries": ["GBR"]}, "Unknown country: GBR"),
        ({"channels": ["fax"]}, "Unknown channel: fax"),
        ({"segments": ["gold"]}, "Unknown segment: gold"),
        ({"priorities": [9]}, "Unknown priority: 9"),
        ({"categories": ["nope"]}, "Unknown category: nope"),
        ({"regions": ["EU"]}, "Unknown scope regions"),
    ],
)
def test_a_scope_that_cannot_be_right_is_refused_naming_what_is_wrong(
    admin_ctx: ServiceContext, scope: dict[str, list[object]], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        scopes.set_scope(admin_ctx, "uk-fca", scope)
    assert scopes.show_policy(admin_ctx, "uk-fca").conditions == {"countries": ["GB"]}


def test_a_scope_is_stored_cleaned(admin_ctx: ServiceContext) -> None:
    organisation.add_site(admin_ctx, "LON01", "London", SiteKind.BRANCH, "Europe/London")
    scopes.set_scope(
        admin_ctx,
        "uk-fca-payment",
        {"sites": ["lon01 "], "countries": ["gb"], "categories": ["payments.*"],
         "products": ["  Current   account "], "priorities": ["1", 2], "channels": []},
    )  # fmt: skip

    assert scopes.show_policy(admin_ctx, "uk-fca-payment").conditions == {
        "sites": ["LON01"],
        "countries": ["GB"],
        "categories": ["payments.*"],
        "products": ["Current account"],
        "priorities": [1, 2],
    }
    with pytest.raises(NotFound):
        scopes.set_scope(admin_ctx, "nope", {})


def test_a_new_site_follows_its_country_and_no_preset_is_forced_on_a_covered_one(
    admin_ctx: ServiceContext,
) -> None:
    catalogue.set_active(admin_ctx, "us-cfpb", False)

    organisation.add_site(admin_ctx, "NYC01", "New York", SiteKind.BRANCH, "America/New_York")
    organisation.add_site(admin_ctx, "LYO01", "Lyon", SiteKind.BRANCH, "Europe/Paris")
    organisation.add_site(admin_ctx, "BER01", "Berlin", SiteKind.BRANCH, "Europe/Berlin")

    active = {p.code for p in catalogue.list_policies(admin_ctx) if p.active}
    assert "us-cfpb" in active  # activated again for the US site
    _, nyc = scopes.which_policy(admin_ctx, "NYC01", Channel.EMAIL)
    _, berlin = scopes.which_policy(admin_ctx, "BER01", Channel.EMAIL)
    assert nyc.code == "us-cfpb"
    assert berlin.code is None  # no regulator of ours in Germany
    assert dict(berlin.passed_over)["fr-acpr"] == ("countries",)


def test_an_unknown_zone_or_malformed_country_is_refused(admin_ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="Unknown time zone"):
        organisation.add_site(admin_ctx, "XX1", "X", SiteKind.BRANCH, "Mars/Olympus")
    with pytest.raises(ValidationError, match="two letters"):
        organisation.add_site(admin_ctx, "XX1", "X", SiteKind.BRANCH, "Europe/Paris", "FRA")
