"""The Starlette application: routes, each a store query and a template (see the package docstring).

The one module that imports the web libraries: without them, importing it raises a
:class:`~newsfuse.errors.UsageError` that says how to install them.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsfuse.errors import AmbiguousId, StoreError, UsageError
from newsfuse.export.markdown import byline
from newsfuse.store import Store

try:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup, escape
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route
except ImportError as exc:  # pragma: no cover - the test extras install them
    raise UsageError(f"the web app needs {exc.name}: pip install 'newsfuse[web]'") from exc

PAGE_SIZE = 50  # articles a list page shows
SEARCH_LIMIT = 50  # search hits shown
MAX_PAGE = 1_000_000  # a page number past any store (SQLite's offsets are 64-bit)
# where a search snippet's match starts and ends: private-use characters, which article text
# practically never holds (one that it does gives a stray highlight, never markup: the text is escaped)
_MARK = ("\ue000", "\ue001")


def create_app(db: str | Path) -> Starlette:
    """The app serving the store at ``db``; a missing or unreadable store is a UsageError/StoreError now,
    not on the first request."""
    with Store(db, readonly=True):
        pass
    env = Environment(loader=PackageLoader("newsfuse.web"), autoescape=select_autoescape(default=True))
    env.filters.update(marked=_marked, web_url=_web_url, shown=_shown)
    pages = _Pages(Path(db), env)
    return Starlette(routes=[
        Route("/", pages.index), Route("/articles/{article_id}", pages.article),
        Route("/api/articles", pages.api_list), Route("/api/articles/{article_id}", pages.api_article),
    ])


def serve(app: Starlette, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[], None] | None = None) -> None:
    """Serve ``app`` (:func:`create_app`) until interrupted, calling ``ready`` once the port is
    known to be free; a port that cannot be had is a UsageError."""
    import uvicorn

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    if ready is not None:
        ready()
    uvicorn.run(app, host=host, port=port, log_level="warning")


class _Pages:
    """The route handlers. They are plain functions: Starlette runs them in its thread pool, so a
    slow query holds up no other request; each request reads the store afresh (read-only)."""

    def __init__(self, db: Path, env: Environment) -> None:
        self.db, self.env = db, env

    def index(self, request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        try:
            with Store(self.db, readonly=True) as store:
                total = store.count("articles")
                pages = max(1, -(-total // PAGE_SIZE))
                page = min(_page_number(request), pages)
                hits = store.search(query, SEARCH_LIMIT, marks=_MARK) if query else []
                listed = [] if query else store.article_summaries(PAGE_SIZE * (page - 1), PAGE_SIZE)
        except UsageError as exc:  # a query FTS5 cannot read even with its words quoted
            return self._page("index.html", status=400, query=query, error=str(exc))
        except StoreError as exc:
            return self._page("index.html", status=503, query=query, error=str(exc))
        return self._page("index.html", query=query, hits=hits, listed=listed, total=total, page=page,
                          pages=pages, limit=SEARCH_LIMIT)

    def article(self, request: Request) -> Response:
        article_id = request.path_params["article_id"]
        try:
            record = self._record(article_id)
        except (UsageError, StoreError) as exc:
            return self._page("missing.html", status=_status(exc), article_id=article_id, error=str(exc))
        captures = {c.get("id"): c for c in record.get("captures") or []}
        return self._page("article.html", a=record, byline=byline(record), captures=captures)

    def api_list(self, request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        try:
            with Store(self.db, readonly=True) as store:
                if query:
                    return JSONResponse(store.search(query, SEARCH_LIMIT))
                page = _page_number(request)
                return JSONResponse(store.article_summaries(PAGE_SIZE * (page - 1), PAGE_SIZE))
        except (UsageError, StoreError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400 if isinstance(exc, UsageError) else 503)

    def api_article(self, request: Request) -> Response:
        try:
            return JSONResponse(self._record(request.path_params["article_id"]))
        except (UsageError, StoreError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=_status(exc))

    def _record(self, article_id: str) -> dict[str, Any]:
        """The fused record of an id or a unique prefix of one (UsageError: none, or several)."""
        with Store(self.db, readonly=True) as store:
            return store.article(article_id)

    def _page(self, template: str, status: int = 200, **values: Any) -> Response:
        return HTMLResponse(self.env.get_template(template).render(**values), status_code=status)


def _status(error: Exception) -> int:
    """404 for no such article, 400 for an ambiguous prefix, 503 for a store that cannot be read."""
    if isinstance(error, StoreError):
        return 503
    return 400 if isinstance(error, AmbiguousId) else 404


def _page_number(request: Request) -> int:
    try:
        return min(max(1, int(request.query_params.get("page", "1"))), MAX_PAGE)
    except ValueError:
        return 1


def _marked(snippet: str) -> Markup:
    """A search snippet as HTML: escaped, its matches in <mark>."""
    start, end = _MARK
    return Markup(str(escape(snippet)).replace(start, "<mark>").replace(end, "</mark>"))


def _web_url(url: str | None) -> str:
    """A link target only when it is a web address (a page's ``javascript:`` URL is not one)."""
    return url if url and url.strip().lower().startswith(("http://", "https://")) else "#"


def _shown(value: Any) -> str:
    """A conflicting value as text: a list of names joined."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
