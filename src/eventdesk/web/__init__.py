"""`eventdesk serve`: the HTTP API and the web pages over the store (FastAPI on uvicorn).

`create_app(WebSettings(db=...))` builds the application; nothing runs at import time."""

from eventdesk.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
