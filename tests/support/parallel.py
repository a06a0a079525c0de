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


def agent_at_work(
    start: Start, url: str, login: str, password: str, shared: list[str], rounds: int
) -> dict[str, Any]:
    """An agent's process: take, answer, hand over and record, as fast as it can.

    Every call goes through ``retrying``, as the window's operations do. Returns what the agent
    was told: ``outcomes`` (ok, refused — someone else first — or the error a person would
    read), the responses recorded and, per complaint, the version and owner of each change
    that succeeded.
    """
    import uuid

    from complaintdesk.domain.errors import ComplaintDeskError, ConcurrentEditError, SchemaChanged
    from complaintdesk.domain.vocabulary import Channel, ContactKind
    from complaintdesk.services.admin import auth
    from complaintdesk.services.complaints import intake, messages, ownership
    from complaintdesk.services.context import ServiceContext, retrying
    from complaintdesk.services.customers.matching import CustomerInput
    from complaintdesk.storage.database import create_database_engine
    from complaintdesk.storage.models import Complaint
    from complaintdesk.storage.unit_of_work import unit_of_work_factory

    engine = create_database_engine(url)
    factory = unit_of_work_factory(engine)
    ctx = ServiceContext(factory, auth.sign_in(factory, login, password))
    told: dict[str, Any] = {"outcomes": [], "responses": [], "changes": []}

    def version(complaint: str) -> int:
        with factory() as uow:
            found = uow.get(Complaint, uuid.UUID(complaint))
            assert found is not None
            return found.version

    def attempt(what: str, service: Any, *arguments: Any) -> Any:
        try:
            result = retrying(lambda: service(ctx, *arguments))
        except (ConcurrentEditError, SchemaChanged):
            told["outcomes"].append((what, "refused"))
            return None
        except ComplaintDeskError as error:
            kind = "refused" if "owns" in str(error) else f"error: {error}"
            told["outcomes"].append((what, kind))
            return None
        except Exception as error:  # what a person must never see: a raw failure
            told["outcomes"].append((what, f"crash: {type(error).__name__}: {error}"))
            return None
        told["outcomes"].append((what, "ok"))
        return result

    start.wait()
    for number in range(rounds):
        picked = shared[(number * 7 + len(login)) % len(shared)]
        complaint = uuid.UUID(picked)
        taken = attempt("take", ownership.take, complaint, version(picked))
        if taken is not None:
            told["changes"].append((picked, taken, str(ctx.actor.user_id)))
            answer = (complaint, Channel.PHONE, f"Answer {number}", version(picked))
            answered = attempt("respond", messages.record_response, *answer)
            if answered is not None:
                told["responses"].append(str(answered))
        # Every other complaint is for a customer every agent records for at the same time.
        email = "everyone@example.org" if number % 2 else f"{login}-{number}@example.org"
        new = intake.NewComplaint(
            channel=Channel.PHONE,
            subject=f"Charged twice ({login} {number})",
            description="The customer was charged twice.",
            customer=CustomerInput(display_name="Pat Doe", contacts=[(ContactKind.EMAIL, email)]),
        )
        attempt("record", intake.record_complaint, new)
    engine.dispose()
    return told
