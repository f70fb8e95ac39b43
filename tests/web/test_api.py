"""The JSON API over a store built by the real pipeline from the demo articles."""

from __future__ import annotations

import csv
import io
import json

import pytest



def _events(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_event_list_is_paged_with_a_total_and_a_next_address(client):
    everything = _events(client, limit=500)
    assert everything["total"] == len(everything["items"]) >= 6
    first = _events(client, limit=2)
    assert first["total"] == everything["total"] and len(first["items"]) == 2
    second = client.get(first["next"]).json()
    assert second["offset"] == 2
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])


def test_newest_first_by_default_and_sortable_by_fatalities(client):
    dates = [e["date"] for e in _events(client, limit=500)["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    deadly = _events(client, sort="-fatalities", limit=1)["items"][0]
    assert deadly["fatalities"] == max(e["fatalities"] or 0 for e in _events(client, limit=500)["items"])


@pytest.mark.parametrize("params, check", [
    ({"type": "Strategic developments"}, lambda e: e["event_type"] == "Strategic developments"),
    ({"sub_type": "Arrests"}, lambda e: e["sub_event_type"] == "Arrests"),
    ({"country": "Nigeria"}, lambda e: e["country"] == "Nigeria"),
    ({"min_fatalities": 9}, lambda e: (e["fatalities"] or 0) >= 9),
    ({"historical": "true"}, lambda e: e["historical"]),
    ({"historical": "false"}, lambda e: not e["historical"]),
    ({"bbox": "43,35,45,36"}, lambda e: 35 <= e["latitude"] <= 36 and 43 <= e["longitude"] <= 45),
    ({"text": "convoy"}, lambda e: any("convoy" in s["text"].lower() for s in e["sources"])),
])
def test_each_filter_keeps_only_what_it_names(client, params, check):
    page = _events(client, limit=500, **params)
    assert page["items"], f"no event for {params}: the demo store should hold one"
    assert all(check(e) for e in page["items"])
    assert page["total"] < _events(client, limit=1)["total"]


def test_actor_filter_takes_a_registry_id_a_name_or_an_alias_on_either_side(client):
    by_id = _events(client, actor="islamic-state", limit=500)
    by_alias = _events(client, actor="ISIS", limit=500)
    assert by_id["total"] == by_alias["total"] >= 3
    assert all("Islamic State" in (e["actor1"], e["actor2"]) for e in by_id["items"])
    sides = {("Islamic State" == e["actor1"], "Islamic State" == e["actor2"]) for e in by_id["items"]}
    assert (True, False) in sides and (False, True) in sides  # both sides are searched


def test_radius_filter_finds_palmyra_but_not_kirkuk(client):
    near = _events(client, near="34.56,38.28", km=30, limit=500)
    assert near["items"] and all(e["country"] == "Syria" for e in near["items"])
    assert not any(e["location"] == "Kirkuk" for e in near["items"])


def test_date_range_keeps_coarser_dates_that_overlap_it(client):
    jan = _events(client, since="2025-01-01", until="2025-01-31", limit=500)["items"]
    assert {e["date"] for e in jan} >= {"2025-01", "2025-01-20"}  # a month-dated event too
    assert all(e["date"][:7] == "2025-01" for e in jan)
    year = _events(client, since="2019-06-01", until="2019-06-30", limit=500)["items"]
    assert year and all(e["date"].startswith("2019") for e in year)


def test_an_event_carries_its_sources_with_offsets_and_its_merge_history(client):
    ev = next(e for e in _events(client, limit=500)["items"] if len(e["sources"]) >= 2)
    detail = client.get(f"/api/events/{ev['id']}").json()
    assert detail["merge_history"][0]["how"] == "first report"
    assert {h["how"] for h in detail["merge_history"][1:]} <= {"merged report", "syndicated copy"}
    for src in detail["sources"]:
        doc = client.get(f"/api/documents/{src['document']}").json()
        assert doc["body"][src["start"]:src["end"]] == src["text"]


def test_a_document_lists_every_extraction_at_its_offsets(client):
    docs = client.get("/api/documents", params={"limit": 50}).json()
    assert docs["total"] == len(docs["items"]) >= 6
    full = [client.get(f"/api/documents/{d['id']}").json() for d in docs["items"]]
    rich = next(d for d in full if d["events"] and d["claims"] and d["mentions"])
    for item in rich["mentions"] + rich["events"] + rich["claims"]:
        assert rich["body"][item["start"]:item["end"]] == item["text"]
    assert {m["kind"] for m in rich["mentions"]} >= {"actor", "place", "date"}


def test_ledger_lines_hold_ranges_hedges_sources_and_dates(client):
    lines = client.get("/api/ledger", params={"subject": "West Africa"}).json()["items"]
    fighters = next(ln for ln in lines if ln["measure"] == "fighters")
    entry = fighters["entries"][0]
    assert (entry["low"], entry["high"], entry["qualifier"]) == (None, 5000, "as many as")
    assert entry["as_of"] and entry["attributed_to"] and "5,000" in entry["text"]
    one = client.get(f"/api/ledger/{fighters['ledger_id']}").json()
    assert one["entries"] == fighters["entries"]
    claims = client.get("/api/claims", params={"ledger": fighters["ledger_id"]}).json()
    assert claims["total"] == 1 and claims["items"][0]["sources"][0]["outlet"]


def test_actor_registry_entry_and_dossier(client):
    entry = client.get("/api/actors/ISIS").json()
    assert entry["id"] == "islamic-state" and "Daesh" in entry["aliases"]
    assert any(a["id"] == "iswap" for a in entry["affiliates"])
    assert [s["name"] for s in entry["lineage"]][-1] == "Islamic State"
    d = client.get("/api/dossier/islamic-state").json()
    assert d["events"] >= 3 and d["last_event"] >= "2025-03"
    assert sum(c["events"] for c in d["tempo"]) <= d["events"]
    assert {c["country"] for c in d["now"]["countries"]} >= {"Syria", "Iraq"}
    iswap = next(a for a in d["affiliates"] if a["id"] == "iswap")
    assert iswap["events"] >= 1
    wap = client.get("/api/dossier/iswap").json()
    assert any(ln["kind"] == "strength" for ln in wap["ledgers"])


def test_unknown_things_are_404_with_a_coded_json_error(client):
    for path in ("/api/events/e-nope", "/api/documents/d-nope", "/api/ledger/l-nope",
                 "/api/actors/Nobody%20At%20All", "/api/dossier/Nobody"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "E704", path


def test_bad_filter_values_are_422_with_code_e701(client):
    for params in ({"since": "last week"}, {"bbox": "1,2,3"}, {"near": "95,10"},
                   {"sort": "secret"}, {"limit": 0}, {"km": -1}):
        r = client.get("/api/events", params=params)
        assert r.status_code == 422 and r.json()["error"]["code"] == "E701", params


def test_exports_hold_the_filtered_list_in_each_format(client):
    params = {"country": "Syria"}
    total = _events(client, **params)["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={**params, "format": "csv"}).text)))
    assert len(rows) == total
    palmyra = next(r for r in rows if r["location"] == "Tadmur")
    assert (palmyra["iso"], palmyra["region"], palmyra["admin1"]) == ("760", "Middle East", "Homs")
    geo = json.loads(client.get("/api/export", params={**params, "format": "geojson"}).text)
    assert len(geo["features"]) == total
    assert all(f["properties"]["country"] == "Syria" for f in geo["features"])
    lines = client.get("/api/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(lines) == total and all(json.loads(x)["kind"] == "event" for x in lines)


def test_timeline_counts_day_dated_events_per_week(client):
    t = client.get("/api/timeline").json()
    weeks = [w["week"] for w in t["weeks"]]
    assert weeks == sorted(weeks) and len(set(weeks)) == len(weeks)
    day_dated = sum(1 for e in _events(client, limit=500)["items"] if e["date_precision"] == "day")
    assert sum(w["total"] for w in t["weeks"]) == day_dated
    assert t["not_shown"]["coarser_than_a_day"] >= 1


def test_change_view_bands_and_emerging_actors(client):
    c = client.get("/api/change", params={"period": "month", "baseline": 4}).json()
    assert c["current"]["start"].endswith("-01")
    assert {r["band"] for r in c["rows"]} <= {"large increase", "moderate increase",
                                             "limited change", "large decrease"}
    assert all(r["band"] == "limited change" for r in c["rows"] if r["low_baseline"])
    region = client.get("/api/change", params={"period": "month", "level": "admin1"}).json()
    assert any(" / " in r["place"] and "(unknown)" not in r["place"] for r in region["rows"])


def test_search_finds_actors_places_and_evidence(client):
    r = client.get("/api/search", params={"q": "baghuz"}).json()
    assert any(p["location"] == "Baghuz" for p in r["places"])
    assert r["evidence"] and all("baghuz" in e["text"].lower() for e in r["evidence"])
    assert any(a["id"] == "islamic-state" for a in client.get("/api/search", params={"q": "daesh"}).json()["actors"])


def test_writing_without_the_token_is_refused(client):
    doc = {"text": "Invented: gunmen attacked a police post in Kirkuk on Monday."}
    assert client.post("/api/documents", json=doc).status_code == 401
    r = client.post("/api/documents", json=doc, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "E702"
    r = client.post("/api/documents", json=doc, headers={"Authorization": "test-token-123"})
    assert r.status_code == 401  # the scheme is part of it


def test_a_server_without_a_token_refuses_every_write(store_path):
    from fastapi.testclient import TestClient

    from eventdesk.web import WebSettings, create_app

    ro = TestClient(create_app(WebSettings(db=str(store_path))))
    r = ro.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer "})
    assert r.status_code == 401 and r.json()["error"]["code"] == "E703"


def test_posting_documents_with_the_token_runs_the_pipeline(client):
    before = client.get("/api/documents").json()["total"]
    batch = {"documents": [{
        "text": "Invented for the tests. Gunmen ambushed an army patrol near Tikrit on "
                "Sunday, killing three soldiers, security officials said.",
        "url": "https://example.org/invented-tikrit", "published": "2025-04-07"}]}
    r = client.post("/api/documents", json=batch, headers={"Authorization": "Bearer test-token-123"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 1 and r.json()["events_new"] >= 1
    assert client.get("/api/documents").json()["total"] == before + 1
    assert _events(client, text="near Tikrit")["total"] >= 1


@pytest.mark.parametrize("words", ["convoy", "CONVOY", "killed in", "al", 'a "b', "50%"])
def test_text_filter_from_the_full_text_index_finds_what_a_plain_scan_finds(client, words):
    everything = _events(client, limit=500)["items"]
    expected = [e["id"] for e in everything
                if any(words.lower() in s["text"].lower() for s in e["sources"])]
    found = _events(client, text=words, limit=500)
    assert [e["id"] for e in found["items"]] == expected and found["total"] == len(expected)


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities"])
def test_actor_filter_pages_in_list_order_from_both_sides(client, sort):
    everything = _events(client, limit=500, sort=sort)["items"]
    expected = [e["id"] for e in everything if "Islamic State" in (e["actor1"], e["actor2"])]
    pages = [_events(client, actor="islamic-state", sort=sort, limit=2, offset=k)
             for k in range(0, len(expected) + 2, 2)]
    assert [e["id"] for p in pages for e in p["items"]] == expected
    assert all(p["total"] == len(expected) for p in pages)


def test_every_actor_on_an_event_opens_its_registry_entry_and_dossier(client):
    """Generic actors of a country that the registry makes from its country table (here
    "Unidentified Armed Group (Syria)", from an invented demo article) have ids too."""
    from eventdesk.understand.actors.registry import ActorRegistry

    registry = ActorRegistry.default()
    seen = client.get("/api/actors", params={"limit": 500}).json()["items"]
    known = [(a, registry.resolve_name(a["name"], fuzzy=False)) for a in seen]
    known = [(a, ref) for a, ref in known if ref is not None]
    assert any(registry.get(ref.id) is None for _a, ref in known), "no generic actor in the store"
    for a, ref in known:
        entry = client.get(f"/api/actors/{ref.id}")
        assert entry.status_code == 200 and entry.json()["name"] == a["name"], ref.id
        dossier = client.get(f"/api/dossier/{ref.id}")
        assert dossier.status_code == 200 and dossier.json()["events"] == a["events"], ref.id
        assert client.get(f"/actors/{ref.id}").status_code == 200, ref.id
        assert _events(client, actor=ref.id, limit=1)["total"] == a["events"], ref.id
        assert a["id"] == ref.id, a  # the actor list links to it
    for _a, ref in known:  # and the entry says which are generic
        generic = client.get(f"/api/actors/{ref.id}").json()["generic"]
        assert generic == (registry.get(ref.id) is None), ref.id
