"""The quality gate: measured figures against floors pinned in a file of the repository
(after trafilatura's eval gate). Raising a floor is a normal commit; lowering one needs a
reason stated in the commit message."""

from __future__ import annotations

import json
from pathlib import Path


def load_floors(path: str | Path) -> dict[str, dict[str, float]]:
    """{suite: {figure: floor}} from a JSON file; keys starting with '_' are comments."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {suite: {k: float(v) for k, v in figs.items() if not k.startswith("_")}
            for suite, figs in data.items() if not suite.startswith("_")}


def check_floors(suite: str, measured: dict[str, float], floors: dict[str, dict[str, float]]
                 ) -> list[str]:
    """Every figure of `suite` below its floor (or missing), as readable lines."""
    broken = []
    for key, floor in sorted(floors.get(suite, {}).items()):
        value = measured.get(key)
        if value is None:
            broken.append(f"{suite}.{key}: not measured (floor {floor})")
        elif value < floor - 1e-9:
            broken.append(f"{suite}.{key}: {value:.3f} < floor {floor:.3f}")
    return broken
