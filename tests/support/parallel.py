"""Real parallel processes for the tests of what many workstations do at once.

Threads share one interpreter and one engine; workstations do not. Each job here runs in a
process of its own (``spawn``: nothing inherited but the environment), opens its own engine,
then waits at a barrier for the others, so their transactions really overlap.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol


class Start(Protocol):
    """The barrier every job waits at once it is ready, so that all start together."""

    def wait(self) -> int: ...


def at_once(job: Callable[..., Any], arguments: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Run ``job(start, *args)`` in one process per ``args``, all starting together.

    ``job`` must be a module-level function (it is pickled by name) and call
    ``start.wait()`` when it is ready. Returns the results in the order of ``arguments``; an
    exception in a job is raised here.
    """
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(len(arguments)) as pool:
        start = manager.Barrier(len(arguments), timeout=240)
        pending = [pool.apply_async(job, (start, *args)) for args in arguments]
        return [p.get(timeout=300) for p in pending]


def wrong_password(start: Start, url: str, login: str) -> str:
    """Sign in with a wrong password from a process of its own; return what the person read."""
    from complaintdesk.domain.errors import SignInFailed
    from complaintdesk.services.admin import auth
    from complaintdesk.storage.database import create_database_engine
    from complaintdesk.storage.unit_of_work import unit_of_work_factory

    engine = create_database_engine(url)
    try:
        factory = unit_of_work_factory(engine)
        start.wait()
        try:
            auth.sign_in(factory, login, "not the password")
        except SignInFailed as refused:
            return str(refused)
        return "signed in"
    finally:
        engine.dispose()


def first_start(start: Start, url: str, data_dir: str) -> str:
    """Open a database as the application does at start; return "ok" or the error shown."""
    from complaintdesk.app import Settings, open_backend
    from complaintdesk.domain.errors import ComplaintDeskError

    start.wait()
    try:
        backend = open_backend(Settings(url, Path(data_dir)))
    except ComplaintDeskError as error:
        return f"refused: {error}"
    except Exception as error:  # what the test must never see: a raw driver error
        return f"crashed: {type(error).__name__}: {error}"
    backend.close()
    return "ok"
