"""The FastAPI application: settings, store access, errors as JSON with the project's codes,
security headers, and the static files (ours, and the browser libraries npm installed)."""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventdesk.errors import Errors
from eventdesk.store import Store
from eventdesk.web.queries.events import QueryError

log = logging.getLogger("eventdesk.web")
HERE = Path(__file__).parent
# npm packages and the folder of each that the pages load (package.json pins them)
ASSETS = {"leaflet": "leaflet/dist", "markercluster": "leaflet.markercluster/dist",
          "topojson": "topojson-client/dist", "world-atlas": "world-atlas",
          "swagger-ui": "swagger-ui-dist"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def node_modules() -> Path:
    """EVENTDESK_ASSETS, else node_modules at the repository root (scripts/setup runs npm ci)."""
    env = os.environ.get("EVENTDESK_ASSETS")
    return Path(env) if env else HERE.parents[2] / "node_modules"


@dataclass
class WebSettings:
    db: str
    token: str | None = None  # bearer token that allows POST /api/documents
    assets: Path = field(default_factory=node_modules)

    @cached_property
    def store(self) -> Store:
        return Store(self.db, create=False)

    @cached_property
    def registry(self):
        from eventdesk.understand.actors.registry import ActorRegistry

        return ActorRegistry.default()


def coded(message: str) -> tuple[str, str]:
    """('E701', '[E701] ...') from a message of errors.Errors."""
    code = message[1:5] if message.startswith("[E") else "E705"
    return code, message


def error_json(status: int, message: str, detail: list | None = None,
               headers: dict | None = None) -> JSONResponse:
    code, msg = coded(message)
    body = {"error": {"code": code, "message": msg}}
    if detail:
        body["error"]["detail"] = detail
    return JSONResponse(body, status_code=status, headers=headers)


class ApiError(HTTPException):
    """An HTTP error whose detail is a coded message."""

    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


def get_session(settings: WebSettings = Depends(get_settings)) -> Iterator[Session]:
    with Session(settings.store.engine) as session:
        yield session


def require_token(request: Request, settings: WebSettings = Depends(get_settings)) -> None:
    if not settings.token:
        raise ApiError(401, Errors.E703, {"WWW-Authenticate": "Bearer"})
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                               settings.token.encode()):
        raise ApiError(401, Errors.E702, {"WWW-Authenticate": "Bearer"})


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message,
                                       "title": f"Error {status}"}, status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
                  for e in exc.errors()]
        reason = "; ".join(f"{'.'.join(d['loc'][1:]) or d['loc'][0]}: {d['msg']}" for d in detail)
        message = Errors.E701.format(reason=reason or "malformed request")
        if not _is_api(request):
            return _error_page(request, 422, message)
        return error_json(422, message, detail)

    @app.exception_handler(QueryError)
    async def bad_filter(request: Request, exc: QueryError):
        if not _is_api(request):
            return _error_page(request, 422, str(exc))
        return error_json(422, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) and exc.detail.startswith("[E") else (
            Errors.E704.format(kind="address", id=request.url.path) if exc.status_code == 404
            else Errors.E701.format(reason=exc.detail))
        if not _is_api(request):
            return _error_page(request, exc.status_code, message)
        return error_json(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(SQLAlchemyError)
    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.error("error on %s", request.url.path, exc_info=exc)
        message = Errors.E705.format(path=request.url.path)
        return error_json(500, message) if _is_api(request) else _error_page(request, 500, message)


def create_app(settings: WebSettings) -> FastAPI:
    from eventdesk.web import api, pages

    settings.store  # opens the store now: a wrong --db or an old schema fails at start
    app = FastAPI(title="eventdesk", version="1", docs_url=None, redoc_url=None,
                  description="Sourced conflict events and claims: every field points at "
                              "the sentence that supports it. Read-only except POST "
                              "/api/documents, which needs the operator's bearer token.")
    app.state.settings = settings
    app.state.templates = pages.templates()
    _install_errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        # An empty form field means "no filter": the filter forms submit every field.
        query = request.scope.get("query_string", b"")
        if query:
            request.scope["query_string"] = b"&".join(
                part for part in query.split(b"&") if part.partition(b"=")[2])
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if not settings.assets.is_dir():
        log.warning(Errors.E707.format(path=settings.assets))
    for name, folder in ASSETS.items():
        app.mount(f"/assets/{name}", StaticFiles(directory=settings.assets / folder,
                                                 check_dir=False), name=f"assets-{name}")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
