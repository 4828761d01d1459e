"""The read-only web app over a store: browse, search and read the fused articles with provenance.

    create_app(db) -> Starlette     pages: /  /?q=QUERY  /articles/ID;  JSON: /api/articles[?q=]  /api/articles/ID
    serve(app, host, port)          run it with uvicorn (``newsfuse serve``)

A thin layer over :class:`newsfuse.store.Store`: every request opens the store read-only (SQLite's WAL
lets it read while an ``ingest`` writes) and renders what the CLI's ``articles``, ``search`` and
``show`` print. Needs the ``web`` extra (``pip install 'newsfuse[web]'``); without it
:func:`create_app` raises a :class:`~newsfuse.errors.UsageError` that says so.
"""

from newsfuse.web.app import create_app, serve

__all__ = ["create_app", "serve"]
