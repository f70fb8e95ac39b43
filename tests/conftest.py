"""Shared fixtures. Tests that need ../shared (the real articles and gold, which are not in
the repository because most are copyrighted news) skip with the reason when it is absent."""

from __future__ import annotations

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
