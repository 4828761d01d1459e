"""An Article as a readable Markdown document: title, byline, date, source, caption, body."""

from __future__ import annotations

from typing import Any

from newsfuse.records import Article

_PREFIX = {"heading": "## ", "list-item": "- ", "quote": "> "}


def byline(article: Article | dict[str, Any]) -> str:
    """"By A and B (Agency)" — the people, then the agency — or "" when nobody is credited."""
    data = article.to_dict() if isinstance(article, Article) else article
    authors = list(data.get("authors") or [])
    names = ", ".join(authors[:-1]) + f" and {authors[-1]}" if len(authors) > 1 else "".join(authors)
    agency = data.get("agency")
    if names and agency:
        return f"By {names} ({agency})"
    return f"By {names}" if names else (agency or "")


def to_markdown(article: Article | dict[str, Any]) -> str:
    """Markdown for one article (an Article or its JSON form, e.g. a fused record)."""
    data = article.to_dict() if isinstance(article, Article) else article
    lines: list[str] = [f"# {data.get('title') or '(untitled)'}", ""]
    facts = [byline(data), data.get("site") or "", data.get("published") or ""]
    facts = [f for f in facts if f]
    if facts:
        lines += [" · ".join(facts), ""]
    if data.get("url"):
        lines += [f"Source: <{data['url']}>", ""]
    for image in data.get("images") or []:
        caption = " — ".join(x for x in (image.get("caption"), image.get("credit")) if x)
        if caption:
            lines += [f"*{caption}*", ""]
    for block in data.get("paragraphs") or []:
        lines += [_PREFIX.get(block["kind"], "") + block["text"], ""]
    related = data.get("related") or []
    if related:
        lines += ["---", "", "Related:", ""]
        lines += [f"- [{r.get('title') or r['url']}]({r['url']})" if r.get("url") else f"- {r.get('title')}"
                  for r in related] + [""]
    captures = data.get("captures") or ([data["capture"]] if data.get("capture") else [])
    if captures:
        lines += ["---", ""]
        lines += [f"Capture: `{c['path']}` ({c['kind']}, sha256 {c['sha256'][:12]})" for c in captures]
        lines += [""]
    return "\n".join(lines)
