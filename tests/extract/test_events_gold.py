"""Quality gate of the event extractor on the seed and dev gold (reads ../shared).

Floors are the figures measured when the gate was set (scripts/dev_events.py, 2026-11-21:
seeds event_f1 0.861 new_event_f1 0.698; dev event_f1 0.831 new_event_f1 0.727), less 0.05
for parser noise. Lowering a floor is an explicit, explained act.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FLOORS = {"seeds": {"event_f1": 0.81, "new_event_f1": 0.64},
          "dev": {"event_f1": 0.78, "new_event_f1": 0.67}}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("gold", sorted(FLOORS))
def test_event_quality_floor(gold, tmp_path):
    if not (SHARED / "tools" / "score.py").is_file():
        pytest.skip(f"../shared not found beside the repository: {SHARED}")
    out = tmp_path / "export.jsonl"
    res = subprocess.run([sys.executable, str(REPO / "scripts" / "dev_events.py"), gold, "--out", str(out)],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-2000:]
    figures = dict(line.split()[:2] for line in res.stdout.splitlines()
                   if line.startswith(("event_f1", "new_event_f1")))
    for key, floor in FLOORS[gold].items():
        assert float(figures[key]) >= floor, json.dumps(figures)
