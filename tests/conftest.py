"""Shared fixtures. Tests that need ../shared (the real articles and gold, which are not in
the repository because most are copyrighted news) skip with the reason when it is absent."""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data" / "seeds").is_dir():
        pytest.skip(f"{SHARED} not found beside the repository: the real articles and gold "
                    "live there and are not redistributed with eventdesk")
    return SHARED


# ---- a real PostgreSQL server, for the store and web tests that run on one ------------------
# scripts/test starts a throw-away cluster (scripts/pg) and passes its URL in EVENTDESK_TEST_PG
# (the password is in PGPASSFILE, never in the URL); run alone, these tests start one the same
# way. Where no server can start they skip with the reason, except in CI (CI=true), where
# PostgreSQL must be tested: they fail.
def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason} (scripts/test starts one)")


@pytest.fixture(scope="session")
def pg_server():
    url = os.environ.get("EVENTDESK_TEST_PG")
    if url:
        yield url
        return
    folder = tempfile.mkdtemp(prefix="eventdesk-pg.")
    started = subprocess.run([str(REPO / "scripts" / "pg"), "start", folder],
                             capture_output=True, text=True)
    if started.returncode != 0:
        _unavailable(started.stderr.strip().splitlines()[-1] if started.stderr.strip()
                     else "scripts/pg failed")
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = os.path.join(folder, "pgpass")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(REPO / "scripts" / "pg"), "stop", folder], capture_output=True)
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old


@pytest.fixture
def pg_url(pg_server):
    """A URL (without password) of a new, empty database on the test server."""
    from sqlalchemy import create_engine, text

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))  # name made here: [0-9a-f_t]
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server is "unavailable"
        admin.dispose()
        _unavailable(str(exc).splitlines()[0])
    url = pg_server.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
