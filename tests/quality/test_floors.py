"""The gate itself: a figure under its floor fails the suite, with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.quality import check_floors, load_floors

HERE = Path(__file__).resolve().parent


def test_a_figure_below_its_floor_is_reported():
    floors = {"seeds": {"event_f1": 0.70, "claim_f1": 0.85}}
    assert check_floors("seeds", {"event_f1": 0.71, "claim_f1": 0.9}, floors) == []
    broken = check_floors("seeds", {"event_f1": 0.69, "claim_f1": 0.9}, floors)
    assert broken == ["seeds.event_f1: 0.690 < floor 0.700"]
    assert check_floors("seeds", {}, floors)[0].startswith("seeds.claim_f1: not measured")


def test_pinned_floors_cover_every_suite_and_issue_targets():
    floors = load_floors(HERE / "floors.json")
    assert set(floors) >= {"seeds", "dev", "clusters", "geowebnews", "re3d"}
    assert floors["seeds"]["body_f1"] >= 0.97 and floors["dev"]["body_f1"] >= 0.97


@pytest.mark.shared
@pytest.mark.slow
def test_the_gate_fails_the_suite_when_a_floor_is_broken(shared_dir, tmp_path):
    impossible = tmp_path / "floors.json"
    impossible.write_text('{"seeds": {"body_f1": 1.01}}')
    env = dict(os.environ, EVENTDESK_FLOORS=str(impossible))
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          str(HERE / "test_gate.py") + "::test_seeds"],
                         capture_output=True, text=True, env=env, cwd=HERE.parents[1])
    assert res.returncode == 1, res.stdout[-2000:]
    assert "seeds.body_f1" in res.stdout and "< floor 1.010" in res.stdout
