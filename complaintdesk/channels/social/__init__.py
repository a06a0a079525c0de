"""The social channel: webhook payloads, exported files and the company's social gateway."""

from complaintdesk.channels.social.files import read_file, repair_mojibake
from complaintdesk.channels.social.gateway import poll_gateways, send_replies
from complaintdesk.channels.social.intake import SocialSummary, ingest_items
from complaintdesk.channels.social.items import Item
from complaintdesk.channels.social.webhooks import parse_payload

__all__ = [
    "Item",
    "SocialSummary",
    "ingest_items",
    "parse_payload",
    "poll_gateways",
    "read_file",
    "repair_mojibake",
    "send_replies",
]
