"""A social gateway on loopback speaking the protocol of ``channels/social/gateway.py``.

``GET /updates?cursor=N`` answers batch ``N`` (from 0) of the webhook payloads it was given,
with ``cursor`` ``N+1`` and ``more`` while batches remain; ``POST /replies`` records the
reply and answers a post id. Faults are switched on per test: a batch that fails (HTTP 500)
the first time it is asked for, replies refused while ``replies_down`` is set.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

TOKEN = "gateway-token-123"


class Gateway:
    """What the server serves and what it was sent."""

    def __init__(self) -> None:
        self.batches: list[list[Any]] = []
        self.fail_batch_once: set[int] = set()
        self.replies_down = False
        self.replies: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.url = ""


def _handler(gateway: Gateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if self.headers.get("Authorization") == f"Bearer {TOKEN}":
                return True
            self._answer(401, {"error": "bad token"})
            return False

        def do_GET(self) -> None:
            gateway.requests.append(self.path)
            if not self._authorised():
                return
            parts = urlsplit(self.path)
            if parts.path != "/updates":
                self._answer(404, {"error": "no such path"})
                return
            number = int(parse_qs(parts.query).get("cursor", ["0"])[0])
            if number in gateway.fail_batch_once:
                gateway.fail_batch_once.discard(number)
                self._answer(500, {"error": "upstream platform timed out"})
                return
            batch = gateway.batches[number] if number < len(gateway.batches) else []
            more = number + 1 < len(gateway.batches)
            next_cursor = str(number + 1) if batch else str(number)
            self._answer(200, {"payloads": batch, "cursor": next_cursor, "more": more})

        def do_POST(self) -> None:
            if not self._authorised():
                return
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            if gateway.replies_down:
                self._answer(503, {"error": "down"})
                return
            gateway.replies.append(body)
            self._answer(201, {"id": f"reply-{len(gateway.replies)}"})

    return Handler


@pytest.fixture
def social_gateway() -> Iterator[Gateway]:
    """A gateway server on a free loopback port, stopped after the test."""
    gateway = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gateway))
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield gateway
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
