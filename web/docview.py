"""A document record (`search.get_document`) → what the document page shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from flask import abort, url_for
from markupsafe import Markup

from search import get_document
from search.lookup import page_ids
from search.schema import ENTITY_FACETS
from search.stories import RELATIONS

from .markup import Bullets, Flag, Mention, Table, blocks, render_linked
from .params import shown_id
from .state import archive, entity_index

# not file: a page served over HTTP may not open a file:// link (browsers refuse it), so a
# local original is shown as its path (local_path), not as a dead link
SAFE_SCHEMES = ("http", "https")


def requested_document(doc_id: str) -> dict[str, Any]:
    """The record /doc/<doc_id> and /api/doc/<doc_id> show: by its id, else by the url a
    search reports for it, as `show` takes either (a JSON Lines record with no url of its own
    reports `file:///…/feed.jsonl#LINE`, which was a 404); 404 for neither, or for a URL
    several articles share (`show` lists their ids)."""
    doc = get_document(archive(), doc_id)
    if doc is None:
        ids = page_ids(archive(), doc_id)
        if len(ids) > 1:
            abort(404, f"{shown_id(doc_id)} is the address of {len(ids):,} articles: open one by its id")
        doc = get_document(archive(), ids[0]) if ids else None
    if doc is None:
        abort(404, f"no document with id {shown_id(doc_id)}")
    return doc


def safe_url(url: str | None) -> str | None:
    """The original's URL if it is one a link may point to (never javascript: or data:)."""
    if not url or not isinstance(url, str) or any(c in url for c in "\r\n\t\x00"):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def local_path(url: str | None) -> str | None:
    """The path of a file:// original (a file of the indexed archive), else None."""
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    split = urlsplit(url)
    return unquote(split.path) + (f" (line {split.fragment})" if split.fragment else "")  # a JSON Lines record: its line


@dataclass
class DocView:
    # the text's paragraphs as HTML, a data table's rows gathered into one Table (rows of
    # cells), a list's items into one Bullets list (markup.blocks)
    blocks: list[Markup | Table | Bullets]
    flags: list[Flag]
    entities: dict[str, list[dict[str, Any]]]
    url: str | None
    translation: dict[str, Any] | None
    # the scores at which the label becomes "possible" and "likely" (search.translation_thresholds)
    thresholds: dict[str, float] | None = None
    removed: list[dict[str, str]] = field(default_factory=list)
    local_path: str | None = None
    # this article among the other versions of its story, oldest first (search.stories)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    # the entity types the text links to their filter, in ENTITY_FACETS order: what the legend
    # names (it named all three above an article without one name in it)
    linked: list[str] = field(default_factory=list)

    @property
    def named(self) -> bool:
        """Whether the names column lists any name (a skip link leads there only then)."""
        return any(self.entities.values())


def document_view(doc: dict[str, Any], hits: list[tuple[int, int]] = (),
                  doc_url: Callable[[str], str] | None = None) -> DocView:
    """`hits`: where the search the reader came from matches the text (query_marks), marked;
    `doc_url`: the link to another article (the story's versions), carrying that search."""
    text = doc.get("text") or ""
    translation = doc.get("translation") or None
    raw_flags = (translation or {}).get("flags") or []
    flags = [
        Flag(n, int(f.get("start", 0)), int(f.get("end", 0)), str(f.get("kind", "flag")), str(f.get("detail", "")),
             str(f.get("excerpt", "")))
        for n, f in enumerate(sorted(raw_flags, key=lambda f: (f.get("start", 0), f.get("end", 0))), 1)
    ]
    ents = entity_index()
    mentions = []
    for m in doc.get("mentions") or []:
        etype = m.get("type")
        ent = ents.get(m.get("entity")) if m.get("entity") else None
        if ent is not None and ent["type"] in ENTITY_FACETS:
            href = url_for("views.search_page", **{ent["type"]: ent["id"]})  # that entity, not every "Reagan"
            etype = ent["type"]  # drawn as what it links to: "GAO" tagged a place, filed under an organization
        elif etype in ENTITY_FACETS and m.get("text"):
            href = url_for("views.search_page", q=f'"{m["text"]}"') if '"' not in m["text"] else None
        else:
            href = None
        mentions.append(Mention(int(m.get("start", 0)), int(m.get("end", 0)), str(etype), str(m.get("text", "")), href))
    details = doc.get("entity_details") or {}
    entities = {etype: [{**e, "url": url_for("views.search_page", **{etype: e["id"] or e["name"]})}
                        for e in details.get(etype) or []] for etype in ENTITY_FACETS}
    paragraphs, linked = render_linked(text, flags, mentions, hits)
    return DocView(
        blocks=blocks(paragraphs),
        flags=[f for f in flags if max(0, f.start) < min(len(text), f.end)],  # the ones render() marks
        entities=entities,
        url=safe_url(doc.get("url")),
        translation=translation,
        thresholds=doc.get("translation_thresholds"),
        removed=[r for r in doc.get("removed") or [] if isinstance(r, dict)],
        local_path=local_path(doc.get("url")),
        timeline=story_timeline(doc, doc_url),
        linked=[t for t in ENTITY_FACETS if t in linked],
    )


def story_timeline(doc: dict[str, Any], doc_url: Callable[[str], str] | None = None) -> list[dict[str, Any]]:
    """The article's story as the page lists it: its other versions and the article itself
    (`current`), oldest first, undated last; empty when the story has no other version.
    Each version links by `doc_url`, which keeps the reader's search: linked bare, the next
    version opened with no match marked and the search's filters gone."""
    link = doc_url or (lambda doc_id: url_for("views.doc_page", doc_id=doc_id))
    versions = [dict(v, url=link(v["id"]), label=RELATIONS.get(v.get("relation"), ""))
                for v in doc.get("versions") or []]
    if not versions:
        return []
    me = {"id": doc.get("id"), "title": doc.get("title"), "source": doc.get("source"),
          "published": doc.get("published"), "translated": (doc.get("translation") or {}).get("label"), "current": True}
    before = [v for v in versions if v.get("earlier")]
    return [*before, me, *(v for v in versions if not v.get("earlier"))]
