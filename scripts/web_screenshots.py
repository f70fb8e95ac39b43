"""Take the README's pictures of each page: the demo articles (invented) run through the
pipeline, served by `eventdesk serve`'s app, shot by Debian's Chromium at 1366x768 into
docs/screenshots/. Run: .venv/bin/python scripts/web_screenshots.py"""

from __future__ import annotations

import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    import uvicorn
    from fastapi.testclient import TestClient
    from playwright.sync_api import sync_playwright

    from eventdesk.pipeline.spec import load_pipeline
    from eventdesk.run import RunOptions, run_pipeline
    from eventdesk.web import WebSettings, create_app

    db = REPO / "out" / "screenshots.db"
    db.parent.mkdir(exist_ok=True)
    if not db.exists():
        run_pipeline(RunOptions(inputs=[str(REPO / "demo")], db=str(db),
                                stages=load_pipeline(None, ())))
    app = create_app(WebSettings(db=str(db)))
    api = TestClient(app)
    palmyra = api.get("/api/events", params={"text": "convoy"}).json()["items"][0]
    line = api.get("/api/ledger", params={"subject": "West Africa", "measure": "fighters"}).json()["items"][0]
    pages = {"map": "/", "events": "/events", "event": f"/events/{palmyra['id']}",
             "document": f"/documents/{palmyra['sources'][0]['document']}",
             "timeline": "/timeline", "ledger": f"/ledger/{line['ledger_id']}",
             "dossier": "/actors/islamic-state", "change": "/change?period=month&baseline=12",
             "search": "/search?q=baghuz", "api": "/docs"}
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8799, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        for name, path in pages.items():
            page.goto("http://127.0.0.1:8799" + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(800)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
