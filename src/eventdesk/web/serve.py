"""`eventdesk serve`: settings from the command line and the environment, then uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

from eventdesk.errors import ConfigError, Errors

TOKEN_ENV = "EVENTDESK_TOKEN"


def read_token(token_file: Path | None) -> str | None:
    """The operator's token: the file's first line, else EVENTDESK_TOKEN; None = read-only."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip().splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as exc:
            raise ConfigError(Errors.E706.format(path=token_file, reason=exc or "empty")) from exc
        if not token:
            raise ConfigError(Errors.E706.format(path=token_file, reason="empty"))
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


def serve(db: str, host: str, port: int, token_file: Path | None) -> None:
    import uvicorn

    from eventdesk.web import WebSettings, create_app

    app = create_app(WebSettings(db=db, token=read_token(token_file)))
    uvicorn.run(app, host=host, port=port, log_level="info")
