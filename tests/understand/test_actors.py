"""Actor registry, descriptions and the ruler/resolver components, on invented sentences."""

from __future__ import annotations

import pytest
import spacy

from eventdesk.errors import KnowledgeError
from eventdesk.knowledge import load_all
from eventdesk.understand.actors.registry import (
    INTER_TYPES,
    ActorRegistry,
    ResolveContext,
    validate_actor,
)
from eventdesk.understand.actors import components as actors  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.default()


@pytest.fixture(scope="module")
def nlp():
    """A blank English pipeline with only the actor components: no model needed."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("eventdesk_actor_ruler_v1")
    pipeline.add_pipe("eventdesk_actor_resolver_v1")
    return pipeline


def actors_of(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.actor.name) for s in doc.spans["actors"]]


# ---- registry data ----------------------------------------------------------------------------
def test_registry_has_150_actors_with_unique_ids_and_valid_inter(registry):
    assert len(registry) >= 150
    ids = [e["id"] for _, content in load_all("actors.yaml") for e in content["actors"]]
    assert len(ids) == len(set(ids))
    assert {a.inter for a in registry.actors.values()} <= INTER_TYPES
    for actor in registry.actors.values():
        assert actor.affiliation is None or actor.affiliation in registry.actors, actor.id


def test_lineage_stages_name_known_actors(registry):
    for stages in registry.lineages.values():
        assert all(stage.actor in registry.actors for stage in stages)


def test_schema_error_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: bad-group, name: Bad Group, inter: bandits}\n", encoding="utf-8")
    monkeypatch.setenv("EVENTDESK_KNOWLEDGE", str(tmp_path))
    load_all.cache_clear()
    try:
        with pytest.raises(KnowledgeError) as err:
            ActorRegistry.from_knowledge()
        assert str(tmp_path / "actors.yaml") in str(err.value)
        assert "E301" in str(err.value) and "bandits" in str(err.value)
    finally:
        monkeypatch.delenv("EVENTDESK_KNOWLEDGE")
        load_all.cache_clear()


def test_user_folder_extends_the_registry(tmp_path, monkeypatch):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: red-hand, name: Red Hand Brigade, inter: rebels, country: Iraq,"
        " aliases: [RHB, Red Hand]}\n", encoding="utf-8")
    monkeypatch.setenv("EVENTDESK_KNOWLEDGE", str(tmp_path))
    load_all.cache_clear()
    try:
        extended = ActorRegistry.from_knowledge()
        assert extended.resolve("RHB").name == "Red Hand Brigade"
    finally:
        monkeypatch.delenv("EVENTDESK_KNOWLEDGE")
        load_all.cache_clear()


def test_validate_rejects_unknown_fields():
    with pytest.raises(ValueError, match="unknown fields"):
        validate_actor({"id": "x", "name": "X", "inter": "rebels", "nick": "y"}, None)


# ---- resolve() without a Doc ---------------------------------------------------------------------
@pytest.mark.parametrize("text", ["ISIS", "ISIL", "Isis", "IS", "Daesh", "Da’esh", "Da'esh",
                                  "the Islamic State group", "Islamic State of Iraq and the Levant"])
def test_islamic_state_aliases(registry, text):
    assert registry.resolve(text).name == "Islamic State"


@pytest.mark.parametrize("text,name", [
    ("Nigerien soldiers", "Military Forces of Niger"),
    ("Iraqi police officers", "Police Forces of Iraq"),
    ("Sri Lankan army", "Military Forces of Sri Lanka"),
    ("US special forces", "Military Forces of the United States"),
    ("the government of Iraq", "Government of Iraq"),
    ("Turkish-backed rebels", "Opposition Rebels (Syria)"),
    ("Shia militiamen", "Iraqi Shia militias"),
    ("the Americans", "Military Forces of the United States"),
])
def test_descriptions_resolve_from_data(registry, text, name):
    assert registry.resolve(text).name == name


def test_context_country_fills_bare_descriptions(registry):
    assert registry.resolve("regime forces", ResolveContext(country="Syria")).name == \
        "Military Forces of Syria"
    assert registry.resolve("soldiers", ResolveContext(country="Mali")).name == "Military Forces of Mali"
    assert registry.resolve("rebels", ResolveContext(country="Yemen")).name == "Opposition Rebels (Yemen)"
    assert registry.resolve("soldiers") is None  # no country, no guess


def test_shared_alias_picks_the_context_country(registry):
    assert registry.resolve("Ansar al-Islam", ResolveContext(country="Egypt")).country == "Egypt"
    assert registry.resolve("Ansar al-Islam", ResolveContext(country="Iraq")).country == "Iraq"


def test_fuzzy_spelling_variants_but_not_neighbouring_groups(registry):
    assert registry.resolve("Jabhat al-Nosra").name == "Jabhat al-Nusra"
    assert registry.resolve("Kataib Hizbollah").name == "Kataib Hezbollah"
    assert registry.resolve("Jaish al-Izzat") is None or registry.resolve("Jaish al-Izzat").id != "jaish-al-islam"


def test_the_verb_is_is_not_an_actor(registry):
    assert registry.resolve("is") is None


def test_lineage_lookups(registry):
    ids = [stage.actor for stage in registry.lineage("aqi")]
    assert ids.index("aqi") < ids.index("isi") < ids.index("islamic-state")
    assert registry.name_at("islamic-state", "2005-06").name == "AQI: Al Qaeda in Iraq"
    assert registry.name_at("islamic-state", "2016").name == "Islamic State"
    assert registry.name_at("hts", "2016-09").name == "Jabhat Fateh al-Sham"
    assert "iswap" in {a.id for a in registry.affiliates("islamic-state")}


# ---- the components on Docs --------------------------------------------------------------------
def test_is_verb_and_shouted_headline_are_not_actors(nlp):
    assert actors_of(nlp, "The road is closed and it is quiet.") == []
    assert actors_of(nlp, "WHAT IS NEXT FOR THE TOWN?") == []
    assert actors_of(nlp, "IS claimed the attack.") == [("IS", "Islamic State")]


def test_member_nouns_extend_named_groups(nlp):
    found = actors_of(nlp, "Isis gunmen stormed the checkpoint while SDF fighters watched.")
    assert ("Isis gunmen", "Islamic State") in found
    assert ("SDF fighters", "SDF: Syrian Democratic Forces") in found


def test_daesh_becomes_an_organisation(nlp):
    doc = nlp("Daesh lost the town last spring.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Daesh", "ORG")]


def test_anaphors_go_to_the_main_armed_group(nlp):
    text = ("ISWAP fighters raided a base in Borno. Nigerian troops repelled ISWAP. "
            "The militants then fled toward the lake.")
    found = dict((t.lower().removeprefix("the "), n) for t, n in actors_of(nlp, text))
    assert found["militants"] == "Islamic State (West Africa Province)"
    assert found["nigerian troops"] == "Military Forces of Nigeria"


def test_anaphor_left_alone_when_two_groups_tie(nlp):
    found = actors_of(nlp, "Hamas and Hezbollah issued statements. The militants said nothing else.")
    assert all(text != "militants" for text, _ in found)


def test_bare_force_noun_takes_the_article_country(nlp):
    found = actors_of(nlp, "In Syria, regime forces shelled a village and police closed the road.")
    assert ("regime forces", "Military Forces of Syria") in found
    assert ("police", "Police Forces of Syria") in found


def test_a_splinter_group_of_a_named_group_is_the_articles_main_group(nlp):
    found = actors_of(nlp, "An al Qaeda splinter group seized Mosul on Tuesday. ISIL fighters raised "
                           "their flag. ISIL now holds the city.")
    assert ("al Qaeda splinter group", "Islamic State") in found
    assert not [name for _, name in found if name == "Al-Qaeda"]
