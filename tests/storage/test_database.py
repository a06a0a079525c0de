"""Naming a database for people (status bar, messages) and choosing its driver."""

from __future__ import annotations

import pytest

from complaintdesk.domain.errors import ValidationError
from complaintdesk.storage.database import describe, normalise_url

SECRET = "s3cret-Pa55word"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            f"postgresql://alice:{SECRET}@db.example:5433/desk",
            "PostgreSQL alice@db.example:5433/desk",
        ),
        (
            f"postgresql+psycopg://alice:{SECRET}@db.example/desk",
            "PostgreSQL alice@db.example/desk",
        ),
        ("postgresql:///desk", "PostgreSQL localhost/desk"),
        ("sqlite:////home/alice/desk.db", "SQLite /home/alice/desk.db"),
        ("sqlite://", "SQLite :memory:"),
    ],
)
def test_a_database_is_named_without_its_password(url: str, shown: str) -> None:
    assert describe(url) == shown


def test_an_unsupported_url_is_shown_with_its_password_hidden() -> None:
    shown = describe(f"mysql://root:{SECRET}@db.example/desk")

    assert SECRET not in shown
    assert "db.example" in shown


def test_text_that_is_not_a_url_is_named_as_such() -> None:
    assert describe(f"{SECRET} is not a url") == "<invalid database URL>"


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@h/d", "postgresql+psycopg"),
        ("postgresql+psycopg2://u@h/d", "postgresql+psycopg"),
        ("sqlite:///desk.db", "sqlite+pysqlite"),
    ],
)
def test_the_driver_is_chosen_by_complaintdesk(url: str, driver: str) -> None:
    assert normalise_url(url).drivername == driver


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (f"mysql://root:{SECRET}@db.example/desk", "Unsupported database 'mysql'"),
        (f"oracle://root:{SECRET}@db.example/desk", "Unsupported database 'oracle'"),
        (f"{SECRET}", "Not a database URL"),
    ],
)
def test_an_unusable_url_is_refused_without_showing_the_password(url: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        normalise_url(url)

    assert SECRET not in str(refused.value)
