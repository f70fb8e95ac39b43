"""A pipeline is data: an ordered list of named stages with their options.

`StageSpec`s are small and picklable, so an executor can ship them to workers and build the
stages there; the resolved list is written to the store with every run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eventdesk.errors import ConfigError, Errors
from eventdesk.pipeline.base import Stage


@dataclass(frozen=True)
class StageSpec:
    name: str
    target: str  # "module:Class"
    options: dict = field(default_factory=dict)

    def build(self) -> Stage:
        module, _, cls = self.target.partition(":")
        stage_cls = getattr(importlib.import_module(module), cls)
        return stage_cls(**self.options) if self.options else stage_cls()


DEFAULT_PIPELINE: tuple[StageSpec, ...] = (
    StageSpec("clean", "eventdesk.clean:CleanStage"),
    StageSpec("relevance", "eventdesk.relevance:RelevanceStage"),
    StageSpec("understand", "eventdesk.understand.stage:UnderstandStage"),
    StageSpec("events", "eventdesk.extract.events.extractor:EventStage"),
    StageSpec("claims", "eventdesk.extract.claims.extractor:ClaimStage"),
)
# `eventdesk ingest` stores documents cleaned but not analysed.
INGEST_PIPELINE: tuple[StageSpec, ...] = DEFAULT_PIPELINE[:1]


def load_pipeline(path: str | Path | None, skip: tuple[str, ...] = ()) -> list[StageSpec]:
    """The default pipeline, or the one in a YAML file: `stages: [{name, target, options}]`."""
    specs = list(DEFAULT_PIPELINE)
    if path is not None:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            specs = [StageSpec(s["name"], s["target"], dict(s.get("options") or {}))
                     for s in data["stages"]]
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise ConfigError(Errors.E004.format(path=path, reason=exc)) from exc
    return [s for s in specs if s.name not in skip]
