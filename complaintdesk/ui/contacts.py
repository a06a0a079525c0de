"""Contact points as people read them: a social handle by its platform's name, never a code.

``instagram:@lea`` reads "Instagram @lea"; a value with no handle ("instagram:") reads as
the platform's name alone; addresses, numbers and postal addresses read as they are.
"""

from __future__ import annotations

PLATFORMS = {
    "x": "X",
    "twitter": "X (Twitter)",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "trustpilot": "Trustpilot",
}
"""How social platforms are spelt (their own brand names, the same in every language)."""


def contact_text(value: str | None) -> str:
    """Return a contact point or sender as people read it: ``instagram:@lea`` → "Instagram @lea".

    A social value without a handle ("instagram:") reads as the platform's name alone.
    """
    if not value:
        return ""
    platform, colon, handle = value.partition(":")
    if not colon or "@" in platform or " " in platform or handle.startswith("//"):
        return value  # an email address, a phone number, a postal address
    known = PLATFORMS.get(platform.lower())
    if known is None:
        return value
    handle = handle.strip()
    return f"{known} {handle}" if handle and handle != "@" else known


__all__ = ["PLATFORMS", "contact_text"]
