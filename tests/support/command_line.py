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


def signed_in(
    environment: dict[str, str],
    database: str | None,
    user: tuple[str, str] = (LOGIN, PASSWORD),
) -> dict[str, str]:
    """Return ``environment`` with a sign-in token for ``database`` (default: the data folder's).

    ``user`` (login, password) is added as the first administrator of an empty database;
    on a database that has users already it must be one of them (a demo database: its
    ``admin``).
    """
    if environment.get("COMPLAINTDESK_TOKEN"):
        return environment
    login_name, password = user
    where = ["--database", database] if database else []
    add = ["user", "add", login_name, "--role", "admin", "--site", "HQ", *where]
    _complaintdesk(add, environment, password, check=False)  # refused once it has users
    login = ["login", "--user", login_name, "--print-token", "--json", *where]
    token = json.loads(_complaintdesk(login, environment, password))["token"]
    return {**environment, "COMPLAINTDESK_TOKEN": token}


def _complaintdesk(
    argv: list[str], environment: dict[str, str], password: str = PASSWORD, *, check: bool = True
) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "complaintdesk", *argv],
        input=password + "\n",
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and check:
        raise SystemExit(f"complaintdesk {argv[0]} failed: {done.stderr.strip()}")
    return done.stdout
