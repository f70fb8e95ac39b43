"""Hostile input is inert: markup from articles is shown as text on every page, SQL and path
metacharacters in every parameter change nothing, writing needs the token (test_api)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

PAYLOADS = ["' OR '1'='1", "1; DROP TABLE events; --", "../../../../etc/passwd",
            "%00", "\\x00", '"><script>alert(1)</script>', "%' OR 1=1 --", "_%", "*",
            "ملف ../ خبيث"]
STRING_FILTERS = ["type", "sub_type", "actor", "country", "text"]
OTHER_PARAMS = ["since", "until", "bbox", "near", "km", "historical", "min_fatalities",
                "sort", "limit", "offset"]


def _pages(client) -> list[str]:
    from web.hostile import HOSTILE_DOC, HOSTILE_EVENT, HOSTILE_LEDGER, LONG_ACTOR, PAYLOAD

    return ["/", "/events", f"/events/{HOSTILE_EVENT}", "/documents", f"/documents/{HOSTILE_DOC}",
            "/timeline", "/change", "/change?level=admin1", "/ledger", f"/ledger/{HOSTILE_LEDGER}",
            "/actors", "/actors/" + quote(LONG_ACTOR + PAYLOAD, safe=""), "/search?q=script",
            "/search?q=" + quote(PAYLOAD), "/events?text=" + quote(PAYLOAD)]


def test_markup_from_articles_is_escaped_on_every_page(client):
    for path in _pages(client):
        r = client.get(path)
        assert r.status_code == 200, path
        html = r.text
        for raw in ("<script>window", "<img src=x", 'onerror="window', "<b>Very</b>"):
            assert raw not in html, (path, raw)
    doc = client.get("/documents/d-hostile0000000001").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in doc  # shown, as text


def test_markup_posted_through_the_pipeline_is_escaped_too(client):
    from web.hostile import PAYLOAD

    found = client.get("/api/search", params={"q": "Checkpoint attack"}).json()["documents"]
    assert found, "the hostile article went through the pipeline"
    page = client.get(f"/documents/{found[0]['id']}").text
    assert PAYLOAD not in page and "&lt;script&gt;" in page


def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text  # every script is a file


@pytest.mark.parametrize("payload", PAYLOADS)
def test_metacharacters_in_string_filters_match_nothing_and_break_nothing(client, payload):
    total = client.get("/api/events").json()["total"]
    for name in STRING_FILTERS:
        r = client.get("/api/events", params={name: payload})
        assert r.status_code in (200, 422), (name, payload, r.text)
        if r.status_code == 200:
            assert r.json()["total"] == 0, (name, payload)  # never "everything"
    for name in OTHER_PARAMS:
        r = client.get("/api/events", params={name: payload})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E701", (name, payload)
    for route, name in [("/api/documents", "text"), ("/api/claims", "subject"),
                        ("/api/claims", "measure"), ("/api/ledger", "subject"),
                        ("/api/search", "q"), ("/api/timeline", "country"),
                        ("/api/export", "actor"), ("/api/events/points", "text")]:
        r = client.get(route, params={name: payload})
        assert r.status_code in (200, 422), (route, name, payload)
    assert client.get("/api/events").json()["total"] == total  # the store is intact


@pytest.mark.parametrize("payload", PAYLOADS)
def test_metacharacters_in_paths_are_404_or_found_never_an_error(client, payload):
    for prefix in ("/api/events/", "/api/documents/", "/api/ledger/", "/api/actors/",
                   "/api/dossier/", "/events/", "/documents/", "/ledger/", "/actors/"):
        r = client.get(prefix + quote(payload, safe=""))
        assert r.status_code in (404, 422), (prefix, payload, r.status_code)
    for path in ("/static/" + payload, "/assets/leaflet/" + payload):
        assert client.get(path).status_code in (404, 400), path


def test_static_files_never_leave_their_folder(client):
    for path in ("/static/..%2f..%2fapp.py", "/static/%2e%2e/%2e%2e/app.py",
                 "/assets/leaflet/..%2f..%2fpackage.json", "/assets/world-atlas/../../pyproject.toml"):
        r = client.get(path)
        assert r.status_code in (400, 404) and "def create_app" not in r.text, path
