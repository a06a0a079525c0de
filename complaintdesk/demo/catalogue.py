"""The demo organisation as data: sites, calendars, functions, taxonomy, policies, staff…"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from complaintdesk.services.promises.catalogue import PRESET_KEYS, preset_data
from complaintdesk.storage.models import BusinessCalendar, Function


@dataclass(frozen=True)
class DemoUser:
    """A demo account the README lists (and, with the same shape, the generated staff)."""

    login: str
    password: str
    role: str
    site_code: str
    display_name: str
    team_queue: str | None = None
    function: str | None = None
    """Code of the function this user is a member of, if any."""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("agent", "demo-agent", "agent", "HQ", "Alex Martin", "care-hq"),
    DemoUser("supervisor", "demo-supervisor", "supervisor", "HQ", "Sophie Laurent"),
    DemoUser("admin", "demo-admin", "admin", "HQ", "Nadia Benali"),
    DemoUser("clerk", "demo-clerk", "branch_clerk", "PAR01", "Julien Petit", "shop-par01"),
    DemoUser("billing", "demo-billing", "function_member", "HQ", "Marc Dubois", None, "billing"),
)
BUSY_LOGINS = frozenset({"agent", "clerk"})
"""Demo accounts that own a bigger share of their queue, so their own queue is never empty."""

STAFF_PASSWORD = "demo-staff"
"""Password of every generated member of staff (``camille.martin`` and so on)."""

STAFF: tuple[tuple[str, str, str | None, str | None, int], ...] = (
    ("agent", "HQ", "care-hq", None, 8),
    ("agent", "CC", "care-cc", None, 16),
    ("branch_clerk", "PAR01", "shop-par01", None, 3),
    ("branch_clerk", "LYO01", "shop-lyo01", None, 3),
    ("branch_clerk", "BOR01", "shop-bor01", None, 3),
    ("branch_clerk", "LON01", "shop-lon01", None, 3),
    ("supervisor", "CC", None, None, 1),
    ("supervisor", "LON01", None, None, 1),
    ("function_member", "HQ", None, "billing", 2),
    ("function_member", "CC", None, "logistics", 2),
    ("function_member", "HQ", None, "it", 2),
    ("function_member", "HQ", None, "quality", 1),
    ("function_member", "HQ", None, "legal", 1),
    ("function_member", "HQ", None, "claims", 1),
    ("function_member", "CC", None, "care", 1),
)
"""Generated staff: role, site, team queue, function, how many."""

SITE_CODES = ("HQ", "CC", "PAR01", "LYO01", "BOR01", "LON01")
SITE_TRAITS: dict[str, tuple[str, str, str]] = {
    "HQ": ("care-hq", "reclamations@complaintdesk.example", "EUR"),
    "CC": ("care-cc", "service.client@complaintdesk.example", "EUR"),
    "PAR01": ("shop-par01", "paris.opera@complaintdesk.example", "EUR"),
    "LYO01": ("shop-lyo01", "lyon.partdieu@complaintdesk.example", "EUR"),
    "BOR01": ("shop-bor01", "bordeaux@complaintdesk.example", "EUR"),
    "LON01": ("shop-lon01", "london@complaintdesk.example", "GBP"),
}
"""Site code to (team queue, mailbox, currency)."""

PARENTS: dict[str, tuple[str, str, str]] = {
    "billing": ("Billing", "Facturation", "billing"),
    "cards": ("Cards", "Cartes", "banking"),
    "accounts": ("Accounts", "Comptes", "banking"),
    "loans": ("Loans", "Crédits", "banking"),
    "insurance": ("Insurance", "Assurance", "insurance"),
    "delivery": ("Delivery", "Livraison", "logistics"),
    "service": ("Service quality", "Qualité de service", "service"),
    "digital": ("App and website", "Application et site web", "digital"),
    "telecom": ("Mobile and internet", "Mobile et internet", "telecom"),
}
"""Top-level category code to (English name, French name, product group)."""

ROOT_CAUSES: dict[str, tuple[str, str, str]] = {
    "billing_system_error": ("Billing system error", "Erreur du système de facturation", "it"),
    "manual_error": ("Manual processing error", "Erreur de traitement manuel", "care"),
    "carrier_delay": ("Carrier delay", "Retard du transporteur", "logistics"),
    "warehouse_error": ("Warehouse picking error", "Erreur de préparation", "logistics"),
    "fraud_rule": ("Fraud rule false positive", "Faux positif anti-fraude", "it"),
    "staff_behaviour": ("Staff behaviour", "Comportement du personnel", "quality"),
    "unclear_information": ("Unclear product information", "Information peu claire", "quality"),
    "release_defect": ("Software release defect", "Défaut de mise en production", "it"),
    "network_incident": ("Network incident", "Incident réseau", "it"),
    "contract_exclusion": ("Contract exclusion applied", "Exclusion contractuelle", "legal"),
    "claims_backlog": ("Claims backlog", "Retard de gestion des sinistres", "claims"),
    "pricing_change": ("Price change not announced", "Hausse tarifaire non annoncée", "billing"),
    "customer_error": ("No fault found", "Aucune faute constatée", "care"),
    "third_party": ("Third-party failure", "Défaillance d'un partenaire", "quality"),
}
"""Root-cause code to (English name, French name, responsible function code)."""

_WEEK = {str(day): ["09:00-12:30", "13:30-18:00"] for day in range(5)}
_SHOPS = {str(day): ["09:30-19:00"] for day in range(6)}
_CALL_CENTRE = {str(day): ["08:00-20:00"] for day in range(6)}
_LONDON = {**{str(day): ["09:00-17:30"] for day in range(5)}, "5": ["09:00-13:00"]}
"""Opening hours: weekday (0 is Monday) to ``HH:MM-HH:MM`` intervals, as promises reads them."""


def calendars() -> list[dict[str, Any]]:
    """Return the business calendars: French offices, shops and call centre; London."""
    closure = {"from": "2025-12-24", "to": "2025-12-24", "reason": "Stocktaking"}
    return [
        _calendar("FR-OFFICE", "France — head office", "Europe/Paris", "FR", None, _WEEK, []),
        _calendar("FR-SHOPS", "France — shops", "Europe/Paris", "FR", None, _SHOPS, [closure]),
        _calendar("FR-CC", "France — call centre", "Europe/Paris", "FR", None, _CALL_CENTRE, []),
        _calendar("GB-ENG", "England — London shop", "Europe/London", "GB", "ENG", _LONDON, []),
    ]


def _calendar(
    code: str,
    name: str,
    zone: str,
    country: str,
    subdivision: str | None,
    hours: dict[str, Any],
    closures: list[Any],
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "timezone": zone,
        "opening_hours": hours,
        "holiday_country": country,
        "holiday_subdivision": subdivision,
        "closures": closures,
    }


SITE_CALENDARS = {
    "HQ": "FR-OFFICE",
    "CC": "FR-CC",
    "PAR01": "FR-SHOPS",
    "LYO01": "FR-SHOPS",
    "BOR01": "FR-SHOPS",
    "LON01": "GB-ENG",
}
"""The opening hours each site keeps: its staff work within them."""


def sites(cals: Mapping[str, BusinessCalendar]) -> list[dict[str, Any]]:
    """Return the sites: head office, call centre and four branch shops."""
    rows = (
        ("HQ", "Headquarters Paris", "hq", "FR-OFFICE", "12 avenue de l'Opéra, 75001 Paris"),
        ("CC", "Call centre Lille", "call_centre", "FR-CC", "40 rue Nationale, 59000 Lille"),
        ("PAR01", "Paris Opéra shop", "branch", "FR-SHOPS", "3 rue Auber, 75009 Paris"),
        ("LYO01", "Lyon Part-Dieu shop", "branch", "FR-SHOPS", "17 rue du Docteur Bouchut, Lyon"),
        (
            "BOR01",
            "Bordeaux Sainte-Catherine shop",
            "branch",
            "FR-SHOPS",
            "80 rue Sainte-Catherine",
        ),
        ("LON01", "London Moorgate shop", "branch", "GB-ENG", "21 Moorgate, London EC2R 6AR"),
    )
    return [
        {
            "code": code,
            "name": name,
            "kind": kind,
            "timezone": cals[calendar].timezone,
            "country": "GB" if calendar == "GB-ENG" else "FR",
            "calendar_id": cals[calendar].id,
            "address": address,
        }
        for code, name, kind, calendar, address in rows
    ]


def functions(cals: Mapping[str, BusinessCalendar]) -> list[dict[str, Any]]:
    """Return the functions owners ask for contributions, with their internal service level."""
    rows = (
        ("billing", "Billing", "Facturation", 16, "Invoices, direct debits, refunds"),
        ("logistics", "Logistics", "Logistique", 24, "Orders, carriers, warehouses"),
        ("it", "IT", "Informatique", 8, "Apps, cards platform, network"),
        ("quality", "Quality", "Qualité", 40, "Call and shop quality, staff coaching"),
        ("legal", "Legal", "Juridique", 40, "Contracts, exclusions, personal data"),
        ("claims", "Insurance claims", "Sinistres", 24, "Insurance claim handling"),
        ("care", "Customer care", "Service client", 8, "Accounts and customer records"),
    )
    office = cals["FR-OFFICE"].id
    return [
        {
            "code": code,
            "name": name,
            "name_fr": name_fr,
            "answer_within_hours": hours,
            "description": text,
            "calendar_id": office,
        }
        for code, name, name_fr, hours, text in rows
    ]


LONDON_POLICIES = (
    ("demo-uk-fca", "uk-fca", "FCA DISP 1 at the London shop"),
    ("demo-london", "iso-10002", "Company promises at the London shop"),
)
"""Demo policies: (code, shipped preset copied, name). The French sites keep the presets
a new installation activates (the generic promises and ACPR 2022-R-01)."""


def policies(cals: Mapping[str, BusinessCalendar]) -> list[dict[str, Any]]:
    """Return the London shop's policies, copied from the shipped presets (rows only)."""
    rows = []
    for code, preset, name in LONDON_POLICIES:
        data = preset_data(preset)
        targets = {key: data[key] for key in PRESET_KEYS if key in data}
        rows.append(
            {
                "code": code,
                "name": name,
                "kind": data.get("kind", "service"),
                "preset": preset,
                "position": 5,
                "conditions": {"sites": ["LON01"]},
                "targets": {**targets, "calendar": "GB-ENG"},
                "calendar_id": cals["GB-ENG"].id,
                "pauses_on_customer": data.get("kind") != "regulatory",
                "escalation": {"warning": "owner", "breach": "supervisor"},
                "compensation": None,
            }
        )
    return rows


RULES: tuple[tuple[int, str, dict[str, Any], str, int | None, str | None, str], ...] = (
    (10, "Vulnerable customers first", {"segments": ["vulnerable"]}, "care", 2, "care-hq",
     "least_load"),
    (20, "Double charges to billing", {"keywords": ["charged twice", "double charge",
     "facturé deux fois", "prélevé deux fois"]}, "billing", None, "care-hq", "least_load"),
    (30, "Deliveries to logistics", {"categories": ["delivery.*"]}, "logistics", None, "care-cc",
     "round_robin"),
    (31, "Invoices, fees and disputed payments", {"categories": ["billing.*", "loans.*",
     "cards.disputed_payment"]}, "billing", None, None, "least_load"),
    (32, "Cards, apps and network to IT", {"categories": ["cards.blocked", "digital.*",
     "telecom.network"]}, "it", None, None, "least_load"),
    (33, "Claims in progress", {"categories": ["insurance.claim_delay"]}, "claims", None, None,
     "least_load"),
    (34, "Refusals, cancellations and personal data to legal", {"categories": [
     "insurance.claim_refused", "telecom.cancellation", "accounts.personal_data"]}, "legal",
     None, None, "least_load"),
    (35, "Service quality", {"categories": ["service.*"]}, "quality", None, None, "least_load"),
    (40, "Shop complaints stay with the clerk", {"channels": ["shop"]}, "care", None, None,
     "none"),
    (1000, "Default: customer care", {}, "care", None, "care-cc", "least_load"),
)  # fmt: skip
"""Routing rules: position, name, conditions, function, priority, team queue, assignment.

A rule without a priority or a team queue leaves them as they are (the complaint's own
priority, the queue of the site that received it)."""


def routing_rules(funcs: Mapping[str, Function]) -> Iterable[dict[str, Any]]:
    """Return the ordered routing rules, the last one being the default."""
    for position, name, conditions, function, priority, queue, assignment in RULES:
        yield {
            "position": position,
            "name": name,
            "conditions": conditions,
            "function_id": funcs[function].id,
            "priority": priority,
            "team_queue": queue,
            "assignment": assignment,
            "is_default": position == RULES[-1][0],
        }


def templates() -> list[dict[str, Any]]:
    """Return the acknowledgement and shop receipt templates in English and French.

    The acknowledgements use only the values the acknowledgement supplies (``reference``,
    ``customer_name``, ``subject``, ``received``, ``acknowledge_due``, ``resolution_due``,
    ``regulatory_due``, ``site_name``); a promise not made (no due date) is left out rather
    than printed empty. The receipts use the receipt's (``received_at``, ``due``).
    """
    ack_en = (
        "Dear {{ customer_name }},\n\nWe have received your complaint, reference "
        "{{ reference }}.{% if resolution_due %} We will answer by {{ resolution_due }}."
        "{% endif %}\n\nCustomer care{% if site_name %} — {{ site_name }}{% endif %}"
    )
    ack_fr = (
        "Bonjour {{ customer_name }},\n\nNous avons bien reçu votre réclamation, référence "
        "{{ reference }}.{% if resolution_due %} Nous vous répondrons au plus tard le "
        "{{ resolution_due }}.{% endif %}\n\nLe service clients"
        "{% if site_name %} — {{ site_name }}{% endif %}"
    )
    receipt_en = "Complaint {{ reference }} received on {{ received_at }}. Answer by {{ due }}."
    receipt_fr = (
        "Réclamation {{ reference }} reçue le {{ received_at }}. Réponse avant le {{ due }}."
    )
    return [
        _template("acknowledgement", "en", "email", "Your complaint {{ reference }}", ack_en),
        _template("acknowledgement", "fr", "email", "Votre réclamation {{ reference }}", ack_fr),
        _template("shop_receipt", "en", "receipt", None, receipt_en),
        _template("shop_receipt", "fr", "receipt", None, receipt_fr),
    ]


def _template(
    code: str, language: str, kind: str, subject: str | None, body: str
) -> dict[str, Any]:
    return {"code": code, "language": language, "kind": kind, "subject": subject, "body": body}
