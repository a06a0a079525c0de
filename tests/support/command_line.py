"""Signing a script in, as an administrator would set up a scheduled job.

The benchmarks run the installed command line in processes of their own. On the new database
they work on, the first administrator is added (the first run needs no sign-in; later runs
find them there), signs in with
``complaintdesk login --print-token``, and the token goes in ``COMPLAINTDESK_TOKEN``. A token
already in the environment is kept (a database of the caller's, with its own people).
"""

from __future__ import annotations

import json
import subprocess
import sys

LOGIN = "bench-admin"
PASSWORD = "bench-admin-password"


def signed_in(environment: dict[str, str], database: str | None) -> dict[str, str]:
    """Return ``environment`` with a sign-in token for ``database`` (default: the data folder's)."""
    if environment.get("COMPLAINTDESK_TOKEN"):
        return environment
    where = ["--database", database] if database else []
    add = ["user", "add", LOGIN, "--role", "admin", "--site", "HQ", *where]
    _complaintdesk(add, environment, check=False)  # refused once the database has users
    login = ["login", "--user", LOGIN, "--print-token", "--json", *where]
    token = json.loads(_complaintdesk(login, environment))["token"]
    return {**environment, "COMPLAINTDESK_TOKEN": token}


def _complaintdesk(argv: list[str], environment: dict[str, str], *, check: bool = True) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "complaintdesk", *argv],
        input=PASSWORD + "\n",
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and check:
        raise SystemExit(f"complaintdesk {argv[0]} failed: {done.stderr.strip()}")
    return done.stdout
