"""The Starlette application: routes, each a store query and a template (see the package docstring)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.errors import StoreError, UsageError
from newsfuse.export.markdown import byline
from newsfuse.store import Store

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

PAGE_SIZE = 50  # articles a list page shows
SEARCH_LIMIT = 50  # search hits shown
_MARK = ("\x02", "\x03")  # where a search snippet's match starts and ends (never in article text)


def create_app(db: str | Path) -> Starlette:
    """The app serving the store at ``db`` (which must exist)."""
    try:
        from jinja2 import Environment, PackageLoader, select_autoescape
        from starlette.applications import Starlette
        from starlette.routing import Route
    except ImportError as exc:
        raise UsageError(f"the web app needs {exc.name}: pip install 'newsfuse[web]'") from exc
    if not Path(db).is_file():
        raise UsageError(f"no store at {db}")
    env = Environment(loader=PackageLoader("newsfuse.web"), autoescape=select_autoescape(default=True))
    env.filters.update(marked=_marked, web_url=_web_url, shown=_shown)
    pages = _Pages(Path(db), env)
    return Starlette(routes=[
        Route("/", pages.index), Route("/articles/{article_id}", pages.article),
        Route("/api/articles", pages.api_list), Route("/api/articles/{article_id}", pages.api_article),
    ])


def serve(app: Starlette, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``app`` (:func:`create_app`) until interrupted."""
    try:
        import uvicorn
    except ImportError as exc:
        raise UsageError(f"the web app needs {exc.name}: pip install 'newsfuse[web]'") from exc
    uvicorn.run(app, host=host, port=port, log_level="warning")


class _Pages:
    """The route handlers; each request reads the store afresh."""

    def __init__(self, db: Path, env: Any) -> None:
        self.db, self.env = db, env

    async def index(self, request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        page = max(1, _int(request.query_params.get("page"), 1))
        try:
            with Store(self.db, readonly=True) as store:
                total = store.count("articles")
                hits = store.search(query, SEARCH_LIMIT, marks=_MARK) if query else []
                listed = [] if query else store.article_summaries(PAGE_SIZE * (page - 1), PAGE_SIZE)
        except UsageError as exc:  # a query FTS5 cannot parse
            return self._page("index.html", status=400, query=query, error=str(exc), total=0, hits=[], listed=[])
        return self._page("index.html", query=query, hits=hits, listed=listed, total=total, page=page,
                          pages=max(1, -(-total // PAGE_SIZE)))

    async def article(self, request: Request) -> Response:
        record = self._record(request.path_params["article_id"])
        if record is None:
            return self._page("missing.html", status=404, article_id=request.path_params["article_id"])
        captures = {c["id"]: c for c in record.get("captures") or []}
        return self._page("article.html", a=record, byline=byline(record), captures=captures)

    async def api_list(self, request: Request) -> Response:
        from starlette.responses import JSONResponse

        query = request.query_params.get("q", "").strip()
        try:
            with Store(self.db, readonly=True) as store:
                if query:
                    return JSONResponse(store.search(query, SEARCH_LIMIT))
                page = max(1, _int(request.query_params.get("page"), 1))
                return JSONResponse(store.article_summaries(PAGE_SIZE * (page - 1), PAGE_SIZE))
        except UsageError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)

    async def api_article(self, request: Request) -> Response:
        from starlette.responses import JSONResponse

        record = self._record(request.path_params["article_id"])
        if record is None:
            return JSONResponse({"error": "no such article"}, status_code=404)
        return JSONResponse(record)

    def _record(self, article_id: str) -> dict[str, Any] | None:
        """The fused record of an id (or a unique prefix of one), None when there is none."""
        try:
            with Store(self.db, readonly=True) as store:
                return store.article(article_id)
        except (UsageError, StoreError):
            return None

    def _page(self, template: str, status: int = 200, **values: Any) -> Response:
        from starlette.responses import HTMLResponse

        return HTMLResponse(self.env.get_template(template).render(**values), status_code=status)


def _marked(snippet: str) -> Any:
    """A search snippet as HTML: escaped, its matches in <mark>."""
    from markupsafe import Markup, escape

    start, end = _MARK
    return Markup(str(escape(snippet)).replace(start, "<mark>").replace(end, "</mark>"))


def _web_url(url: str | None) -> str:
    """A link target only when it is a web address (a page's ``javascript:`` URL is not one)."""
    return url if url and url.lower().startswith(("http://", "https://")) else "#"


def _shown(value: Any) -> str:
    """A conflicting value as text: a list of names joined."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
