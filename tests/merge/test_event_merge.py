"""Cross-document event merging on hand-made (invented) event records."""

from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.merge.events import (
    EventIndex,
    EventMerger,
    MergeConfig,
    candidate_keys,
    combine,
    events_compatible,
)
from eventdesk.merge.event_rules import actors_agree
from eventdesk.record import Event, Evidence

TOWN = dict(location="Kelbara", country="Syria", latitude=35.30, longitude=40.10, geo_precision=1)
PROVINCE = dict(location="Deir ez-Zor", country="Syria", latitude=35.0, longitude=40.5, geo_precision=3)
COUNTRY = dict(location="Syria", country="Syria", latitude=35.0, longitude=38.5, geo_precision=3)


def ev(doc="d-1", start=0, sub="Armed clash", etype="Battles", date="2022-12-11", prec="day",
       place=TOWN, a1="Military Forces of United States", a2="Islamic State", dead=None, high=None, **kw):
    return Event(event_type=etype, sub_event_type=sub, actor1=a1, actor2=a2, date=date,
                 date_precision=prec, fatalities=dead, fatalities_high=high,
                 sources=[Evidence(doc, start, start + 10, "0123456789")], **place, **kw)


def no_registry():
    return EventMerger(registry=None)


# ------------------------------------------------------------------ same event, many reports


def test_same_raid_told_by_two_outlets_a_day_apart_merges():
    a = ev("d-1", dead=2, high=2)
    b = ev("d-2", date="2022-12-12", place=PROVINCE, sub="Attack", etype="Violence against civilians")
    assert events_compatible(a, b)


def test_day_date_falls_inside_a_month_date_and_country_level_place_matches_a_town():
    a = ev("d-1")
    b = ev("d-2", date="2022-12", prec="month", place=COUNTRY, a2=None)
    assert events_compatible(a, b)


def test_affiliate_and_unknown_actors_are_compatible():
    a = ev(a1="Islamic State", a2="Civilians (Russia)")
    b = ev("d-2", a1="Islamic State (Khorasan Province)", a2=None)
    assert events_compatible(a, b)
    # the fight told from the other side
    assert events_compatible(ev(a1="Islamic State", a2="Military Forces of Iraq"),
                             ev("d-2", a1="Military Forces of Iraq", a2="Islamic State"))
    # army and police of one state are told apart unreliably by reporters
    assert actors_agree("Military Forces of Iraq", "Police Forces of Iraq")


# ------------------------------------------------------------------ keep apart


def test_raid_two_months_earlier_same_actor_and_tactic_is_apart():
    assert not events_compatible(ev("d-1", date="2022-12-11"), ev("d-2", date="2022-10-06"))


def test_riot_in_the_same_prison_two_years_earlier_is_apart():
    prison = dict(location="Ghwayran prison", country="Syria", latitude=36.48, longitude=40.75, geo_precision=1)
    riot = dict(sub="Violent demonstration", etype="Riots", place=prison, a1="Rioters (Syria)", a2=None)
    assert events_compatible(ev("d-1", date="2022-01-20", **riot), ev("d-2", date="2022-01-21", **riot))
    assert not events_compatible(ev("d-1", date="2022-01-20", **riot), ev("d-2", date="2020-03-30", **riot))


def test_second_ambush_on_a_bus_in_the_same_province_three_years_later_is_apart():
    amb = dict(sub="Attack", etype="Violence against civilians", place=PROVINCE, a1="Islamic State", a2="Civilians (Syria)")
    assert not events_compatible(ev("d-1", date="2020-12-30", **amb), ev("d-2", date="2023-12-30", **amb))


def test_arrests_never_merge_with_an_attack():
    arrests = ev("d-2", sub="Arrests", etype="Strategic developments", date="2022-12-11")
    assert not events_compatible(ev("d-1", sub="Attack", etype="Violence against civilians"), arrests)
    assert not events_compatible(ev("d-1"), arrests)


def test_two_different_state_forces_are_apart():
    assert not events_compatible(ev(a1="Military Forces of Iraq"), ev("d-2", a1="Military Forces of Syria"))
    assert not events_compatible(ev(a1="Islamic State"), ev("d-2", a1="HTS: Hayat Tahrir al-Sham"))


def test_places_apart_by_more_than_their_precision_allows_or_other_country():
    near_town = dict(TOWN, location="Sorin", latitude=35.60, longitude=40.30)  # ~38 km away
    assert not events_compatible(ev(), ev("d-2", place=near_town))
    assert not events_compatible(ev(), ev("d-2", place=dict(TOWN, country="Iraq")))
    # a province centroid ~50 km from the town it holds
    assert events_compatible(ev(), ev("d-2", place=PROVINCE))
    # an event with no place at all merges with nothing
    nowhere = dict(location=None, country=None, latitude=None, longitude=None, geo_precision=None)
    assert not events_compatible(ev(place=nowhere), ev("d-2", place=nowhere))


def test_dates_two_days_apart_or_in_other_months_or_year_only_are_apart():
    assert not events_compatible(ev(date="2022-12-11"), ev("d-2", date="2022-12-13"))
    assert not events_compatible(ev(date="2022-11", prec="month"), ev("d-2", date="2022-12", prec="month"))
    assert not events_compatible(ev(date="2022", prec="year"), ev("d-2", date="2022-12-11"))
    assert events_compatible(ev(date="2022-11-30"), ev("d-2", date="2022-12", prec="month"))


# ------------------------------------------------------------------ combine


def test_combine_keeps_lowest_and_highest_toll_and_each_source_figure():
    first = ev("d-1", a1="Islamic State", a2=None, dead=40, date="2024-03-22")
    second = ev("d-2", a1="Islamic State", a2="Civilians (Russia)", dead=115, high=115, date="2024-03-23")
    third = ev("d-3", a1="Islamic State", dead=60, date="2024-03-22")
    first.id = "e-1"
    merged = combine(combine(first, second), third)
    assert merged.id == "e-1"
    assert [s.document for s in merged.sources] == ["d-1", "d-2", "d-3"]
    assert (merged.fatalities, merged.fatalities_high) == (40, 115)
    assert merged.extra["source_fatalities"] == {"d-1": (40, None), "d-2": (115, 115), "d-3": (60, None)}
    assert merged.actor2 == "Civilians (Russia)"
    assert merged.date == "2024-03-22"  # two reports against one


def test_combine_is_idempotent_and_prefers_the_more_precise_place_and_date():
    base = ev("d-1", place=COUNTRY, date="2022-12", prec="month")
    base.id = "e-1"
    merged = combine(base, ev("d-2"))
    assert (merged.location, merged.geo_precision, merged.date, merged.date_precision) == ("Kelbara", 1, "2022-12-11", "day")
    again = combine(merged, ev("d-2"))
    assert len(again.sources) == 2 and again.extra == merged.extra


# ------------------------------------------------------------------ blocking and the merger


def test_candidate_keys_block_by_month_and_country():
    keys = candidate_keys(ev(date="2022-12-31"))
    assert "2022-12|c:syria" in keys and "2023-01|c:syria" in keys
    dated = {k for k in keys if not k.startswith("U|")}  # U|: the undated reports' lookup key
    assert not dated & set(candidate_keys(ev(date="2022-06-01")))
    assert not set(keys) & set(candidate_keys(ev(place=dict(TOWN, country="Iraq"))))
    assert candidate_keys(ev(date=None)) == []


def test_merger_matches_each_new_event_to_the_closest_compatible_one():
    old = ev("d-1", date="2022-10-06")
    old.id = "e-old"
    cur = ev("d-2", date="2022-12-11")
    cur.id = "e-cur"
    arrests = ev("d-3", sub="Arrests", etype="Strategic developments", date="2022-12-20")
    arrests.id = "e-arr"
    new = [ev("d-9", date="2022-12-12"), ev("d-9", start=50, sub="Arrests", etype="Strategic developments",
                                            date="2022-12-19"), ev("d-9", start=99, date="2021-01-01")]
    assert no_registry().match([old, cur, arrests], new) == ["e-cur", "e-arr", None]


def test_index_merges_in_arrival_order_and_a_rerun_adds_nothing():
    index = EventIndex(no_registry())
    reports = [ev("d-1", dead=40), ev("d-2", date="2022-12-12", dead=60), ev("d-3", date="2022-10-06")]
    for _ in range(2):
        results = [index.add(r) for r in reports]
    assert len(index.events) == 2
    assert [joined for _, joined in results] == [True, True, True]
    merged = results[0][0]
    assert len(merged.sources) == 2 and (merged.fatalities, merged.fatalities_high) == (40, 60)
    # a duplicate document adds its sources but no new event
    assert index.add(ev("d-4", date="2019-05-05"), allow_new=False) == (None, False)
    assert len(index.events) == 2


_subs = st.sampled_from(["Armed clash", "Attack", "Arrests", "Air/drone strike", "Suicide bomb"])
_dates = st.one_of(
    st.dates(min_value=__import__("datetime").date(2020, 1, 1), max_value=__import__("datetime").date(2021, 12, 31))
    .map(lambda d: (d.isoformat(), "day")),
    st.tuples(st.integers(2020, 2021), st.integers(1, 12)).map(lambda t: (f"{t[0]}-{t[1]:02d}", "month")),
    st.integers(2020, 2021).map(lambda y: (str(y), "year")))
_places = st.sampled_from([TOWN, PROVINCE, COUNTRY, dict(TOWN, country="Iraq", latitude=35.3, longitude=40.0)])


@settings(max_examples=300, deadline=None)
@given(_subs, _dates, _places, _subs, _dates, _places)
def test_compatible_events_always_share_a_blocking_key(s1, d1, p1, s2, d2, p2):
    a = ev(sub=s1, date=d1[0], prec=d1[1], place=p1)
    b = ev("d-2", sub=s2, date=d2[0], prec=d2[1], place=p2)
    cfg = MergeConfig()
    if events_compatible(a, b, None, cfg):
        assert set(candidate_keys(a, cfg)) & set(candidate_keys(b, cfg))


def test_registry_relates_affiliates_and_lineage_names():
    from eventdesk.merge.events import default_registry

    registry = default_registry()
    if registry is None:
        import pytest
        pytest.skip("the actor registry is not installed")
    assert actors_agree("Islamic State", "Islamic State (Khorasan Province)", registry)
    assert actors_agree("Islamic State", "ISIS", registry)
    assert not actors_agree("Islamic State (Khorasan Province)", "Islamic State (West Africa Province)", registry)
    assert not actors_agree("Military Forces of Iraq", "Military Forces of Syria", registry)


def test_unresolved_places_merge_by_equal_names_and_unidentified_actors_are_unknown():
    moscow = dict(location="Moscow", country=None, latitude=None, longitude=None, geo_precision=1)
    a = ev(place=moscow, a1="Islamic State", a2=None, date="2024-03-22")
    b = ev("d-2", place=moscow, a1="Unidentified Armed Group (Russia)", a2=None, date="2024-03", prec="month")
    assert events_compatible(a, b)
    assert set(candidate_keys(a)) & set(candidate_keys(b))
    assert not events_compatible(a, ev("d-3", place=dict(moscow, location="Bryansk"), a1="Islamic State", a2=None,
                                       date="2024-03-22"))


# ------------------------------------------------------------------ undated reports


def _undated(doc="d-9", weekday=None, **kw):
    cue = {} if weekday is None else {"weekday": weekday}
    return ev(doc, date=None, prec=None, extra={"undated": cue}, **kw)


def test_undated_report_naming_the_weekday_joins_the_one_dated_raid():
    raid = ev("d-1", dead=2)  # 2022-12-11 was a Sunday
    raid.id = "e-raid"
    older = ev("d-2", date="2022-10-05", dead=1)  # a Wednesday
    older.id = "e-older"
    merger = no_registry()
    assert merger.best_match([older, raid], _undated(weekday=6)) is raid
    assert merger.best_match([older, raid], _undated(dead=2)) is raid  # "today", the same toll
    assert "U|c:syria" in candidate_keys(_undated(weekday=6))


def test_undated_report_without_corroboration_or_with_two_candidates_stays_alone():
    raid = ev("d-1", dead=2)
    raid.id = "e-raid"
    merger = no_registry()
    assert merger.best_match([raid], _undated()) is None  # no weekday, no toll: nothing agrees
    assert merger.best_match([raid], _undated(weekday=2)) is None  # "on Wednesday": another day
    assert merger.best_match([raid], _undated(dead=7)) is None  # "today", another toll
    twin = ev("d-3", date="2022-12-11", dead=2, place=PROVINCE)
    twin.id = "e-twin"
    assert merger.best_match([raid, twin], _undated(weekday=6)) is None  # which one? neither
    arrests = ev("d-4", sub="Arrests", etype="Strategic developments")
    arrests.id = "e-arr"
    assert merger.best_match([arrests], _undated(weekday=6, sub="Arrests", etype="Strategic developments")) is arrests
    assert merger.best_match([raid], _undated(a1=None, dead=2)) is None  # unnamed and no weekday
    far = dict(location="Idlib", country="Syria", latitude=35.93, longitude=36.63, geo_precision=3)
    assert merger.best_match([raid], _undated(weekday=6, a1=None, place=far)) is None  # another province
    assert merger.best_match([raid], _undated(weekday=6, a1=None, place=COUNTRY)) is None  # only the country
    assert merger.best_match([raid], _undated(weekday=6, a1=None, place=PROVINCE)) is raid  # the town's province
    assert merger.best_match([raid], ev("d-9", date=None, prec=None, dead=2)) is None  # no cue from the extractor


# ------------------------------------------------------------------ one document's own events


def test_events_the_extractor_kept_apart_in_one_document_are_not_merged_by_the_store():
    index = EventIndex(no_registry())
    retaken = ev("d-1", start=0, sub="Government regains territory")
    clashes = ev("d-1", start=200, sub="Armed clash")  # same day and town, another sub-type
    index.add(retaken)
    _, joined = index.add(clashes)
    assert not joined and len(index.events) == 2


def test_two_places_of_one_sentence_stay_two_events():
    index = EventIndex(no_registry())
    index.add(ev("d-1", start=0, sub="Non-state actor overtakes territory", place=TOWN))
    _, joined = index.add(ev("d-1", start=0, sub="Non-state actor overtakes territory", place=PROVINCE))
    assert not joined


def test_another_report_of_the_same_sub_type_in_the_same_document_may_join():
    index = EventIndex(no_registry())
    index.add(ev("d-1", start=0))
    _, joined = index.add(ev("d-1", start=300))
    assert joined


def test_a_report_does_not_tell_what_happened_after_it_was_published():
    later = ev("d-1", date="2024-03-23", sub="Arrests", etype="Strategic developments")
    earlier_report = ev("d-2", date="2024-03", prec="month", sub="Arrests", etype="Strategic developments",
                        place=PROVINCE, extra={"reported": "2024-03-07"})
    assert not events_compatible(later, earlier_report)
    same_week = ev("d-3", date="2024-03", prec="month", sub="Arrests", etype="Strategic developments",
                   place=PROVINCE, extra={"reported": "2024-03-24"})
    assert events_compatible(later, same_week)


def test_the_first_report_bounds_the_merged_event():
    index = EventIndex(no_registry())
    index.add(ev("d-1", extra={"reported": "2022-12-12"}))
    merged, joined = index.add(ev("d-2", extra={"reported": "2022-12-11"}))
    assert joined and merged.extra["reported"] == "2022-12-11"


def test_an_undated_report_read_first_joins_the_event_once_a_report_gives_its_day():
    index = EventIndex(no_registry())
    undated = ev("d-1", date=None, prec=None, dead=2, extra={"undated": {"weekday": 6}})  # "on Sunday"
    index.add(undated)
    assert len(index.events) == 1
    merged, _ = index.add(ev("d-2", date="2022-12-11", dead=2))  # 11 Dec 2022 was a Sunday
    assert len(index.events) == 1 and {s.document for s in merged.sources} == {"d-1", "d-2"}


def test_the_store_adopts_an_earlier_undated_report(tmp_path):
    from eventdesk.record import Document
    from eventdesk.store import Store
    from eventdesk.store.writer import DocumentWriter

    store = Store(str(tmp_path / "x.db"))
    writer = DocumentWriter(store, no_registry())
    first = Document(id="d-1", source="a.txt", body="x" * 40)
    first.events = [ev("d-1", date=None, prec=None, dead=2, extra={"undated": {"weekday": 6}})]
    second = Document(id="d-2", source="b.txt", body="y" * 40)
    second.events = [ev("d-2", date="2022-12-11", dead=2)]
    for doc in (first, second):
        writer.write(doc, "r-1")
    [event] = store.events()
    assert {s.document for s in event.sources} == {"d-1", "d-2"}


def test_an_undated_first_report_that_names_no_perpetrator_joins_on_its_weekday_and_town():
    # "a powerful bomb tore through a rally in Khar on Sunday": no perpetrator named yet
    blast = ev("d-1", sub="Suicide bomb", etype="Explosions/Remote violence", a1="Islamic State", a2=None)
    blast.id = "e-blast"
    merger = no_registry()
    first = _undated(weekday=6, sub="Remote explosive/landmine/IED", etype="Explosions/Remote violence",
                     a1="Unidentified Armed Group (Pakistan)", a2=None)
    assert merger.best_match([blast], first) is blast
    clash = _undated(weekday=6, a1="Unidentified Armed Group (Pakistan)", a2=None)  # another event type
    assert merger.best_match([blast], clash) is None


def test_two_reports_that_know_only_their_publication_month_need_agreeing_tolls():
    # a plot foiled on the 7th and a massacre on the 22nd, both told by pages dated only "2024-03"
    plot = ev("d-1", date="2024-03", prec="month", dead=None, extra={"soft_date": True})
    massacre = ev("d-2", date="2024-03", prec="month", dead=60, extra={"soft_date": True})
    assert not events_compatible(plot, massacre)
    retold = ev("d-3", date="2024-03", prec="month", dead=60, extra={"soft_date": True})
    assert events_compatible(massacre, retold)  # the same toll: the same massacre
    dated = ev("d-4", date="2024-03-07", dead=None)
    assert events_compatible(plot, dated)  # one side knows the day


def test_merged_reports_take_the_sub_type_the_codebook_decides_first():
    # invented: one outlet calls the bombing of a market "an attack", another names the
    # suicide bomber; whichever arrives first, the event is a Suicide bomb
    attack = ev("d-1", sub="Attack", etype="Violence against civilians", a2="Civilians (Syria)")
    bomb = ev("d-2", start=40, sub="Suicide bomb", etype="Explosions/Remote violence", a2="Civilians (Syria)")
    for first, then in ((attack, bomb), (bomb, attack)):
        merged = combine(first, then)
        assert (merged.event_type, merged.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    # the recapture of a town outranks "fighting" there; two weapons of one step keep the first
    regained = ev("d-2", start=40, sub="Government regains territory", a1="Military Forces of Syria")
    assert combine(ev("d-1"), regained).sub_event_type == "Government regains territory"
    ied = ev("d-2", start=40, sub="Remote explosive/landmine/IED", etype="Explosions/Remote violence")
    assert combine(bomb, ied).sub_event_type == "Suicide bomb"


def test_a_report_joins_an_event_when_it_fits_any_type_the_reports_gave_it():
    # invented: "gunmen attacked a checkpoint" (clash), "gunmen killed guards" (attack), then
    # "a suicide bomber hit the checkpoint": the bombing fits the attack, not the clash
    merged = combine(ev("d-1"), ev("d-2", start=40, sub="Attack", etype="Violence against civilians"))
    assert merged.sub_event_type == "Armed clash"  # whether they fought back: the first report stands
    bomb = ev("d-3", start=80, sub="Suicide bomb", etype="Explosions/Remote violence")
    assert not events_compatible(ev("d-1"), bomb, registry=None)
    assert events_compatible(merged, bomb, registry=None)


def test_a_day_a_report_gives_beats_a_day_borrowed_from_the_publication():
    # invented: "Turkish forces have killed the IS chief" (no day: the publication's) and
    # "killed him last week in Aleppo province" (a week the text gives)
    borrowed = ev("d-1", date="2023-05-01", extra={"soft_date": True}, place=COUNTRY)
    told = ev("d-1", start=40, date="2023-04", prec="month", place=PROVINCE)
    merged = combine(borrowed, told)
    assert (merged.date, merged.location) == ("2023-04", "Deir ez-Zor")
    assert "soft_date" not in merged.extra


def test_of_days_borrowed_from_publications_the_earliest_stands_however_many_repeat_a_later_one():
    # invented: one report published on Sunday, three on Monday, none telling the day itself
    merged = ev("d-1", date="2023-04-30", extra={"soft_date": True}, place=COUNTRY)
    for n in (2, 3, 4):
        merged = combine(merged, ev(f"d-{n}", date="2023-05-01", extra={"soft_date": True}, place=COUNTRY))
    assert merged.date == "2023-04-30"


def test_two_reports_at_one_unlisted_village_merge_by_name_and_two_villages_stay_apart():
    village = dict(location="Kolofata", country="Cameroon", latitude=None, longitude=None, geo_precision=1)
    other = dict(village, location="Mora")
    assert events_compatible(ev("d-1", place=village), ev("d-2", place=village))
    assert not events_compatible(ev("d-1", place=village), ev("d-2", place=other))


def test_a_year_estimated_from_an_undated_page_neither_joins_nor_blocks():
    raid = ev("d-1", dead=2)
    raid.id = "e-raid"
    merger = no_registry()
    # the page names no date; its text's latest year (2021) is only a guess at the raid's year
    guessed = _undated(weekday=6)
    guessed.date, guessed.date_precision = "2021", "year"
    guessed.extra.update(date_estimated=True, soft_date=True)
    assert merger.best_match([raid], guessed) is raid  # as undated: the weekday corroborates
    assert "U|c:syria" in candidate_keys(guessed)
    merged = combine(raid, guessed)
    assert merged.date == "2022-12-11" and "date_estimated" not in merged.extra
    other_guess = ev("d-5", date="2022", prec="year", extra={"date_estimated": True})
    assert not events_compatible(ev("d-6", date="2022", prec="year"), other_guess)
