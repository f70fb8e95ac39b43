"""Fourth-pass rules of the event extractor (periods, taken ground, participles, onsets,
unrealised plans), on invented sentences with hand-made understanding."""

from __future__ import annotations

from eventdesk.extract.events.when import duration_unit
from tests.extract.test_events import events_of


def _events_with(nlp, text: str, **extra_actors):
    """Events of `text` with the shared hand-made understanding plus `extra_actors`."""
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from tests.extract.test_events import ACTORS, DATES, PLACES, _group

    sdoc = nlp(text)
    sdoc.user_data["published"] = ("2017-11-09", "day")
    sdoc.spans["actors"] = _group(sdoc, {**ACTORS, **extra_actors}, "actor")
    sdoc.spans["places"] = _group(sdoc, PLACES, "place")
    sdoc.spans["dates"] = _group(sdoc, DATES, "date")
    return extract_events(Document(id="d", source="t.txt", body=text, analysis=sdoc), EventConfig())


def _token(sdoc, word):
    return next(t for t in sdoc if t.text == word)


def test_counted_days_of_fighting_name_a_period_and_a_single_day_does_not(nlp):
    assert duration_unit(_token(nlp("It followed four days of heavy fighting in Rawa."), "fighting")) == "day"
    assert duration_unit(_token(nlp("After months of clashes the town fell."), "clashes")) == "month"
    assert duration_unit(_token(nlp("On the day of the attack, the town was quiet."), "attack")) is None


def test_days_of_fighting_before_a_capture_stay_a_separate_week_long_event(nlp):
    evs = events_of(nlp, "IS seized Rawa on Friday. The capture followed four days of heavy fighting in Rawa.")
    clash = [e for e in evs if e.sub_event_type == "Armed clash"]
    assert clash and clash[0].date_precision == "week" and clash[0].date == "2017-11"
    assert any("territory" in e.sub_event_type and e.date == "2017-11-03" for e in evs)


def test_years_of_fighting_are_background_not_an_event(nlp):
    evs = events_of(nlp, "Rawa, a town scarred by years of sectarian fighting, was quiet on Friday.")
    assert not [e for e in evs if e.event_type == "Battles"]


def test_an_operation_that_began_with_a_force_was_launched_by_it(nlp):
    evs = events_of(nlp, "The assault on Rawa began on Friday, with Iraqi forces supported by Russian warplanes.")
    assert evs and evs[0].actor1 == "Military Forces of Iraq"


def test_an_aim_a_delay_and_an_open_way_are_not_occurrences(nlp):
    for text in ("Their immediate aim had been to take Rawa on Friday.",
                 "Squabbling among the allies has delayed the offensive on Rawa.",
                 "Iraqi forces won in Qaim on Friday, leaving the way open to attack Rawa."):
        evs = events_of(nlp, text)
        assert not [e for e in evs if e.location == "Rawa"], text


def test_an_offensive_being_carried_out_is_ongoing_not_an_occurrence(nlp):
    assert not events_of(nlp, "The offensive on Rawa was being carried out by Iraqi forces.")


def test_ground_recaptured_as_a_running_tally_is_no_event(nlp):
    assert not events_of(nlp, "Fighters fled to Idlib from parts of the country where Syrian forces "
                              "have recaptured ground.")


def test_a_clause_n_units_after_another_is_dated_back_from_it(nlp):
    evs = events_of(nlp, "The militants released a video in March 2015. The video was released a month "
                         "after Iraqi forces drove the militants out of Rawa.")
    driven = [e for e in evs if e.location == "Rawa"]
    assert driven and driven[0].date == "2015-02" and driven[0].date_precision == "month"


def test_years_after_counts_back_from_the_publication(nlp):
    evs = events_of(nlp, "The announcement, two years after IS declared itself a caliphate, surprised Rawa.",
                    published=("2017-11-09", "day"))
    declared = [e for e in evs if e.sub_event_type == "Change to group/activity"]
    assert declared and declared[0].date == "2015" and declared[0].historical


def test_a_since_clause_is_told_as_fact_under_a_negated_main_clause(nlp):
    evs = events_of(nlp, "The leader has not been seen since he proclaimed a caliphate in Rawa in March 2015.")
    assert [e for e in evs if e.sub_event_type == "Change to group/activity" and e.date == "2015-03"]


def test_a_fight_to_take_a_town_is_a_fight_not_a_capture(nlp):
    evs = events_of(nlp, "On Friday Iraqi forces battled to take back Rawa.")
    assert evs and not [e for e in evs if "territory" in e.sub_event_type]


def test_a_date_of_a_relative_clause_in_the_previous_paragraph_is_background(nlp):
    evs = events_of(nlp, "The ambush occurred near Rawa, where the militants killed four soldiers in March 2015.\n"
                         "The gunmen attacked a prison in Qaim.", published=None)
    prison = [e for e in evs if e.location == "Al-Qaim"]
    assert prison and prison[0].date is None


def test_the_subject_nearest_the_verb_acts_when_the_parser_gives_two(nlp):
    evs = events_of(nlp, "The announcement, 10 years after IS declared itself a caliphate, surprised Rawa.")
    declared = [e for e in evs if e.sub_event_type == "Change to group/activity"]
    assert declared and declared[0].actor1 == "Islamic State"


def test_a_borrowed_place_in_another_country_gives_way_to_the_armed_groups_home(nlp):
    from tests.extract.test_events import _Actor

    evs = _events_with(nlp, "The leader was last seen in Rawa in March 2015. Last month the SDF said it "
                            "attacked the militants. Syrian forces shelled Tadmur on Friday.",
                       **{"the SDF": _Actor("sdf", "SDF: Syrian Democratic Forces", "rebels", "Syria")})
    captured = [e for e in evs if e.actor1 == "SDF: Syrian Democratic Forces"]
    assert captured and captured[0].country == "Syria"


def test_attacks_listed_as_a_cells_task_are_not_occurrences(nlp):
    evs = events_of(nlp, "The task of the ISIS cell was to gather information on Rawa security forces, "
                         "help get four suicide bombers into the city and carry out attacks.")
    assert not evs


def test_a_quoted_paragraph_ends_its_paragraph(nlp):
    from eventdesk.extract.events.extractor import _paragraphs

    sdoc = nlp('Iraqi forces retook Rawa on Friday.\n"We have won," said an officer.\n'
               "The militants attacked Qaim.")
    last = list(sdoc.sents)[-1]
    assert [s.text.strip() for s in _paragraphs(sdoc)[last.start]] == ['"We have won," said an officer.']


def test_the_first_part_of_a_hyphenated_modifier_is_no_trigger(nlp):
    assert not events_of(nlp, "Hundreds of battle-hardened militants moved to Rawa on Friday.")


def test_that_fighting_is_the_fight_told_before_even_when_the_speaker_has_a_date(nlp):
    evs = events_of(nlp, "Iraqi forces clashed with the militants in Rawa on Friday. That fighting has "
                         "diverted resources from the war, an officer said on Monday.")
    assert len([e for e in evs if e.event_type == "Battles"]) == 1


def test_attacks_prepared_for_have_not_happened(nlp):
    assert not events_of(nlp, "The militants melted back into Rawa to prepare for attacks.")


def test_a_suicide_vest_set_off_in_a_raid_is_part_of_the_raid(nlp):
    from eventdesk.extract.events.extractor import fold_blasts_into_battles
    from eventdesk.record import Event, Evidence

    def event(etype, sub, a1, a2, place, prec, text):
        return Event(etype, sub, a1, a2, location=place, country="Syria", geo_precision=prec, date="2019-10-26",
                     date_precision="day", sources=[Evidence("d", 0, len(text), text)])

    raid = event("Battles", "Armed clash", "Military Forces of the United States", None, "Idlib", 1,
                 "US forces raided a compound in Idlib.")
    vest = event("Explosions/Remote violence", "Suicide bomb", "Islamic State", None, "Syria", 3,
                 "He detonated a suicide vest.")
    elsewhere = event("Explosions/Remote violence", "Suicide bomb", "Islamic State", None, "Damascus", 1,
                      "A suicide attack hit a police station in Damascus.")
    out = fold_blasts_into_battles([raid, vest, elsewhere])
    assert out == [raid, elsewhere]
    assert len(raid.sources) == 2 and raid.actor2 == "Islamic State"


def test_ground_an_armed_group_took_was_held_by_the_state_unless_told(nlp):
    evs = events_of(nlp, "IS seized Rawa on Friday.")
    assert evs and evs[0].sub_event_type == "Non-state actor overtakes territory"
    assert evs[0].actor2 == "Military Forces of Iraq"


def test_a_battle_of_state_forces_with_no_named_foe_is_with_the_articles_armed_group(nlp):
    evs = events_of(nlp, "Last year IS fled Qaim. On Friday Iraqi forces clashed in Rawa.")
    clash = [e for e in evs if e.sub_event_type == "Armed clash" and e.location == "Rawa"]
    assert clash and clash[0].actor1 == "Military Forces of Iraq" and clash[0].actor2 == "Islamic State"


def test_another_armed_group_with_no_named_foe_fought_the_articles_armed_group(nlp):
    from tests.extract.test_events import _Actor

    evs = _events_with(nlp, "Last year IS held Tadmur. IS fled Qaim. On Friday SDF fighters clashed in Tadmur.",
                       **{"SDF fighters": _Actor("sdf", "SDF: Syrian Democratic Forces", "rebels", "Syria")})
    clash = [e for e in evs if e.actor1 == "SDF: Syrian Democratic Forces"]
    assert clash and clash[0].actor2 == "Islamic State"


def test_deaths_in_an_accident_are_no_political_violence(nlp):
    assert not events_of(nlp, "Two soldiers were killed in a helicopter crash near Rawa on Friday.")


def test_alleged_assaults_are_an_accusation_not_an_event(nlp):
    assert not events_of(nlp, "The police summoned two senators over alleged assaults on its men in Rawa.")


def test_a_running_tally_of_deaths_is_no_event(nlp):
    assert not events_of(nlp, "More than 2,500 civilians have been killed in the fighting in Rawa so far this year.")


def test_arrests_threatened_have_not_happened(nlp):
    assert not events_of(nlp, "Politicians in Rawa were threatened with arrests on Friday.")


def test_a_resolved_n_years_after_dates_the_governing_clause_and_the_event_counts_back(nlp):
    from datetime import date

    from tests.extract.test_events import DATES, _Date
    import tests.extract.test_events as shared

    extra = {"18 years after": _Date("2019", "year", date(2019, 1, 1), date(2019, 12, 31))}
    saved = dict(DATES)
    DATES.update(extra)
    try:
        evs = shared.events_of(nlp, "Iraqi forces remain in Rawa, 18 years after IS attacked Qaim.")
    finally:
        DATES.clear()
        DATES.update(saved)
    attack = [e for e in evs if e.location == "Al-Qaim"]
    assert attack and attack[0].date == "2001" and attack[0].historical


def test_forces_trained_to_fight_have_not_fought_yet(nlp):
    assert not events_of(nlp, "Iraqi forces in Rawa have been training tribal fighters to fight against IS.")


def test_a_branch_and_its_group_in_one_undated_article_are_one_ambush(nlp):
    from eventdesk.extract.events.extractor import merge_mentions
    from eventdesk.record import Event, Evidence

    def ambush(actor, start, cue):
        return Event("Battles", "Armed clash", actor, None, location="Niger", country="Niger", geo_precision=3,
                     sources=[Evidence("d", start, start + 5, "x" * 5)], extra={"undated": cue})

    merged = merge_mentions([ambush("Islamic State (West Africa Province)", 0, {}),
                             ambush("Islamic State", 100, {"weekday": 1})])
    assert len(merged) == 1 and merged[0].actor1 == "Islamic State (West Africa Province)"
    apart = merge_mentions([ambush("Islamic State (West Africa Province)", 0, {}),
                            ambush("Boko Haram", 100, {"weekday": 1})])
    assert len(apart) == 2


def test_a_background_year_in_a_relative_clause_leaves_the_sentence_undated(nlp):
    from eventdesk.extract.events.context import undated_cue

    sdoc = nlp("Tuesday's ambush occurred near Rawa, where fighters killed four soldiers in October 2017.")
    assert undated_cue(next(sdoc.sents)) == {"weekday": 1}


def test_a_victory_told_with_an_unrealised_next_step_is_still_a_victory(nlp):
    evs = events_of(nlp, "Iraqi forces were triumphant in Qaim on Friday, leaving the way open to attack Rawa.")
    assert [e.location for e in evs] == ["Al-Qaim"]
    assert evs[0].sub_event_type == "Government regains territory"


def test_a_catalogue_of_kinds_of_violence_is_no_event(nlp):
    # invented: a bare "shelling" listed among plural kinds under the perfect is a habit
    assert not events_of(nlp, "Air strikes, artillery shelling, extrajudicial killings and arbitrary "
                              "arrests have become commonplace in Rawa.")
    # a determined one is told as one occurrence
    assert events_of(nlp, "The shelling and the arrests in Rawa on Friday drew protests.")


def test_a_count_of_places_taken_under_the_perfect_is_a_tally_even_when_dated(nlp):
    evs = events_of(nlp, "Twenty-three towns have been captured by IS since the offensive began on Friday.")
    assert not [e for e in evs if "territory" in e.sub_event_type]  # the offensive's start may stand
    assert [e for e in events_of(nlp, "IS captured Rawa on Friday.") if "territory" in e.sub_event_type]


def test_an_activity_running_over_a_stretch_under_the_perfect_is_no_occurrence(nlp):
    # invented sentences
    assert not events_of(nlp, "Fighting has been ongoing in Rawa since March 2015.")
    assert not events_of(nlp, "The Kurdish forces have fought against IS in Rawa for eight years.")
    assert events_of(nlp, "Fighting broke out in Rawa on Friday.")


def test_these_massacres_point_back_at_many_occurrences(nlp):
    assert not events_of(nlp, "Activists have reported on these massacres in Rawa.")


def test_what_a_side_is_accused_of_doing_is_no_occurrence(nlp):
    assert not [e for e in events_of(nlp, "Baghdad accuses the militants of using smugglers to plunder the oil of Rawa.")
                if e.sub_event_type.startswith("Looting")]


def test_reports_of_one_article_with_tolls_that_do_not_overlap_are_two_occasions():
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    # invented, on an undated page: the lead's bombing (16 dead) and a bombing in August (four)
    text = ("Militants targeted soldiers in southern Yemen on Friday, leaving at least 16 dead. The assault "
            "was carried out using an explosive-laden vehicle. The violence continued into August 2023, "
            "when a bombing in southern Yemen killed four soldiers.")
    doc = Document(id="d", source="t.txt", body=text, raw=text)
    doc.analysis = build_nlp(NlpConfig())(text)
    evs = extract_events(doc, EventConfig())
    assert sorted(e.fatalities for e in evs) == [4, 16]


def test_one_count_reached_by_two_paths_of_the_parse_is_counted_once(nlp):
    # invented: "16 dead" is the victim of "leaving" and the number of "dead"
    evs = events_of(nlp, "Militants attacked soldiers in Aden on Friday, leaving at least 16 dead.")
    assert evs and evs[0].fatalities == 16


def test_an_event_at_a_village_the_gazetteer_lacks_is_placed_there_by_name():
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    # invented
    text = "Boko Haram fighters attacked a village near the town of Kolofata in Cameroon on Tuesday, killing five."
    doc = Document(id="d", source="t.txt", body=text, raw=text)
    doc.analysis = build_nlp(NlpConfig())(text)
    evs = extract_events(doc, EventConfig())
    assert evs and (evs[0].location, evs[0].country, evs[0].latitude) == ("Kolofata", "Cameroon", None)
