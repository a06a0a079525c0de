"""Readable plain text from an HTML email body (the original is kept beside it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    re.findall(
        r"\S+",
        """address article aside blockquote div dl dt dd fieldset figure footer form h1 h2 h3
        h4 h5 h6 header hr li main nav ol p pre section table tr ul""",
    )
)
_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    """Collects text, turning block elements into line breaks and list items into bullets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.preformatted = 0
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "pre":
            self.preformatted += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS and tag != "li":  # the next item starts its own line
            self.parts.append("\n")
        if tag == "pre":
            self.preformatted = max(0, self.preformatted - 1)
        if tag == "a" and self.links:
            self._close_link(self.links.pop())

    def _close_link(self, href: str | None) -> None:
        """Show a link's address after its text unless the text already is the address."""
        if not href or not href.startswith(("http:", "https:")):
            return
        text = "".join(self.parts[-3:])
        if href not in text:
            self.parts.append(f" <{href}>")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.preformatted:
            self.parts.append(data)
        else:
            self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))


def html_to_text(html: str) -> str:
    """Return the text a person reads in ``html``: paragraphs, line breaks, bullets, links.

    Never raises on broken markup: the standard parser reads what it can.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (line.strip(" ") for line in "".join(collector.parts).split("\n"))
    text = "\n".join(line.rstrip() for line in lines)
    return _BLANK_LINES.sub("\n\n", text).strip()
