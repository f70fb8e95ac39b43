"""The relevance gate: conflict reports pass, unrelated pages are skipped with E203."""

from __future__ import annotations

import pytest

from eventdesk.record import Document
from eventdesk.relevance import RelevanceConfig, RelevanceStage, Scorer, score_text

CONFLICT = ("Gunmen killed five soldiers in an ambush on an army convoy near the border town on "
            "Sunday, the defence ministry said. Militants linked to the Islamic State group claimed "
            "the attack, the third on security forces this month.")

RECIPE = ("Preheat the oven to 180 degrees. Whisk the eggs with the sugar until pale, fold in the "
          "flour and the melted butter, then pour the batter into a lined tin. Bake for 35 minutes, "
          "until a skewer comes out clean, and leave the cake to cool before icing it. ") * 3

FOOTBALL = ("United came from behind to beat City 2-1 on Saturday. The visitors took the lead after "
            "twenty minutes when their striker shot low past the keeper, but the home side's attack "
            "improved after the break and the captain headed in the equaliser before a late penalty "
            "sealed the win. The manager praised his defence, and the fans sang long after the final "
            "whistle. ") * 2

SPANISH = ("Los combatientes del Estado Islámico atacaron un concierto y mataron a decenas de personas; "
           "el atentado terrorista dejó 40 muertos y más de cien heridos, según las autoridades.")


def _doc(body: str, title: str | None = None) -> Document:
    return Document(id="d-1", source="x.txt", raw=body, body=body, title=title)


def test_short_conflict_report_passes():
    result = score_text(CONFLICT)
    assert result.passed and result.distinct >= 5


@pytest.mark.parametrize("text", [RECIPE, FOOTBALL])
def test_unrelated_articles_are_skipped_by_the_stage(text):
    stage = RelevanceStage()
    [doc] = stage.process_batch([_doc(text, title="Match report")])
    assert doc.status == "skipped" and doc.status_reason.startswith("[E203]")
    assert stage.stats.dropped[doc.status_reason] == 1


def test_conflict_document_stays_active_and_is_counted():
    stage = RelevanceStage()
    [doc] = stage.process_batch([_doc(CONFLICT)])
    assert doc.active and doc.meta["relevance"] > stage.config.threshold
    assert stage.stats.counts["relevant"] == 1


def test_other_languages_of_syndicated_news_pass():
    assert score_text(SPANISH).passed


def test_raw_html_is_scored_without_tags():
    stage = RelevanceStage()
    html = f"<html><script>var attack=1;</script><body><p>{CONFLICT}</p></body></html>"
    [doc] = stage.process_batch([Document(id="d-2", source="x.html", content_type="html", raw=html)])
    assert doc.active


def test_threshold_is_tunable_from_stage_options():
    assert RelevanceStage(threshold=1000.0).config.threshold == 1000.0
    [doc] = RelevanceStage(threshold=1000.0).process_batch([_doc(CONFLICT)])
    assert doc.status == "skipped"


def test_one_repeated_word_is_not_enough():
    text = "The war on sugar is a war we can win, a war of habits. " * 5
    assert not score_text(text).passed


def test_headline_terms_count():
    scorer = Scorer(RelevanceConfig(), entries=[{"weight": 2, "title": True, "forms": ["airstrike", "militant"]},
                                                {"weight": 1, "forms": ["forces"]}])
    plain = scorer.score("forces forces forces and more words " * 10)
    titled = scorer.score("forces forces forces and more words " * 10, title="Airstrike kills militants")
    assert titled.score == plain.score + 2 * scorer.config.title_bonus and titled.title_hits == 2


@pytest.mark.shared
def test_every_conflict_scrape_passes(shared_dir):
    paths = [*sorted((shared_dir / "data" / "seeds").glob("*.txt")),
             *sorted((shared_dir / "data" / "dev" / "raw").glob("*.txt")),
             *sorted((shared_dir / "data" / "clusters").glob("*/*.txt"))]
    assert paths
    lost = [p.name for p in paths if not score_text(p.read_text(encoding="utf-8", errors="replace")).passed]
    assert lost == []


# invented: a study of an armed group's membership names no attack, only numbers
STUDY = ("Almost a third of the Europeans who travelled to join jihadist groups abroad have come back, "
         "a new study of foreign fighters says. The researchers counted more than 5,000 recruits from "
         "the region, of whom about 15 percent were women; most returnees are in custody or in "
         "deradicalisation programmes, and officials warn that radicalised detainees could recruit "
         "others in prison. The study found that the group's affiliates still draw volunteers. ") * 2


def test_a_study_of_an_armed_groups_members_passes():
    assert score_text(STUDY).passed


def test_a_killing_by_unknown_attackers_passes():
    # invented: an assassination told with no conflict word but the killing's own
    text = ("Unknown attackers shot dead a local journalist outside his home in the city of Culiacan "
            "in Sinaloa state on Sunday, state prosecutors said. The killing was the second of a "
            "reporter in the state this year.")
    assert score_text(text, title="Journalist shot dead").passed


def test_a_protest_met_with_tear_gas_passes():
    # invented: a demonstration and a riot, with none of the armed-conflict vocabulary
    text = ("Kenyan police fired tear gas and water cannon at thousands of protesters who marched on "
            "parliament in Nairobi on Wednesday to oppose proposed tax increases. In the western town of "
            "Nakuru, protesters set fire to a police station and looted shops, a police official said.")
    assert score_text(text, title="Police fire tear gas at protesters").passed
