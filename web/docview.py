"""A document record (`search.get_document`) → what the document page shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from flask import abort, redirect, request, url_for
from werkzeug.exceptions import NotFound
from markupsafe import Markup

from search import get_document
from search.lookup import OPENED_NOTE, an_id, line_of_records, near_id, of_records, page_ids, record_ids, typed_article_id
from search.schema import ENTITY_FACETS, FACETS
from search.stories import RELATIONS, timeline

from .markup import Bullets, Flag, Mention, Table, blocks, render_linked
from .params import SearchState, shown_id
from .state import archive, courtesy, entity_index

# not file: a page served over HTTP may not open a file:// link (browsers refuse it), so a
# local original is shown as its path (local_path), not as a dead link
SAFE_SCHEMES = ("http", "https")
# The page shows an article's text up to this many characters (some 30,000 words; the app's
# DOC_PAGE_CHARS): the page of a 10 MB record was 23 MB, 130,000 links, and took 8-12 s to build
# (13-22 s with ?q=). A longer text shows its first part, ended at a paragraph's end, and says so,
# with links to the whole text (/text/<id>) and the whole record (/api/doc/<id>).
DOC_PAGE_CHARS = 200_000
# Entities listed per type beside the text: that record's 17,000 names took 3 MB of the page
DOC_PAGE_ENTITIES = 200
# how many of a file's record ids the "no document with id" page of the file's id reads (more said "more than")
HINTED_RECORDS = 100
# the longest query read as an article's id or address (typed_article): a page's address with its
# tracking query string runs to some hundreds of characters
MAX_TYPED_ID = 2000


def requested_document(doc_id: str) -> dict[str, Any]:
    """The record /doc/<doc_id> and /api/doc/<doc_id> show: by its id, else by the url a
    search reports for it, as `show` takes either (a JSON Lines record with no url of its own
    reports `file:///…/feed.jsonl#LINE`, which was a 404); 404 for neither, or for a URL
    several articles share (`show` lists their ids). Opened by another spelling of the address
    (lookup._spellings), the record's `opened_address` is that spelling."""
    return requested(doc_id)[0]


def requested(doc_id: str) -> tuple[dict[str, Any], Markup | None]:
    """requested_document's record, and the note that it is another address's where it is
    (`/a` and `/a/` may be two pages: the page says which): `show`'s words (lookup.Found.note)
    as a sentence, the addresses in <code>, the one typed as it was looked up (stripped)."""
    whole = _with_its_query(doc_id)
    if whole is not None:  # its "?…" read as this request's
        abort(redirect(url_for(request.endpoint, doc_id=whole)))
    doc, note = get_document(archive(), doc_id), None
    if doc is None:
        found = page_ids(archive(), doc_id)
        if len(found.ids) > 1:
            several = f"{shown_id(found.opened or doc_id)} is the address of {len(found.ids):,} articles: open one by its id"
            abort(404, found.several(several, shown_id(doc_id)))
        doc = get_document(archive(), found.ids[0]) if found.ids else None
        if doc is not None and found.opened:
            doc["opened_address"] = found.opened
            code = Markup("<code>{}</code>").format
            note = Markup(OPENED_NOTE[:1].upper() + OPENED_NOTE[1:] + ".").format(typed=code(found.typed),
                                                                                  opened=code(found.opened))
    if doc is None:
        # a few of a file's ids are enough to say what it is: a file of 100,000 records was read
        # whole (each id looked up) on every request for it
        records = record_ids(archive(), doc_id, limit=HINTED_RECORDS + 1)
        if records:  # a file's id: a record's, its "#N" taken as the address's fragment, or the file's whole
            first = url_for("views.doc_page", doc_id=records[0])
            how = (f"in an address, an id's # is written %23, as in {first}" if records[0].startswith(doc_id.strip() + "#")
                   else f"open one by its id, as {first}")
            if len(records) > HINTED_RECORDS:
                n, ids = f"more than {HINTED_RECORDS:,} articles", f"{shown_id(records[0])} among them"
            else:
                ids = f"{shown_id(records[0])}{'' if len(records) == 1 else ' to ' + shown_id(records[-1])}"
                n = f"{len(records):,} {'article' if len(records) == 1 else 'articles'}"
            # a file whose own name holds a # (wire/C#.jsonl) is cut there, and is no file named so
            what = (f"it is the {'line' if line_of_records(doc_id) else 'file'} of {n}{',' * (len(records) > HINTED_RECORDS)} "
                    f"{ids}" if of_records(doc_id) else f"the ids of {n} go on after it: {ids}")
            abort(404, f"no document with id {shown_id(doc_id)}: {what}; {how}")
        near = near_id(archive(), doc_id)
        if near is not None:  # a near miss: the id meant, a link on the page (the JSON's, to its record)
            link = url_for(request.endpoint, doc_id=near)
            missing = NotFound(f"no document with id {shown_id(doc_id)}: did you mean {link}?")
            missing.link = link
            raise missing
        example = an_id(archive())
        abort(404, f"no document with id {shown_id(doc_id)}" + (f": an id is as a search lists it, such as {shown_id(example)}"
                                                                 if example else ""))
    return doc, note


# what an article's page reads of its query: the search it was opened from (SearchState)
_PAGE_PARAMETERS = frozenset({"q", "sort", "match", "page", "per_page", *FACETS})


def _with_its_query(doc_id: str) -> str | None:
    """The id or page address typed whole, where its "?…" reached the server as this request's
    query: a page's address with a query (https://site.example/article.php?id=7, as a search
    reports it) or a mirrored page's id (mirror/site.example/article.php?id=7.html, as wget saves
    it), typed or pasted after /doc/, was "no document with id '…/article.php'" (or another page's,
    at the address without its query). None where no article has it so, or where the query holds
    a parameter of the page's own (?q=, a filter: a search's link), looked up as before."""
    raw = request.query_string.decode("utf-8", "replace")
    if not raw or any(key in _PAGE_PARAMETERS for key in request.args):
        return None
    for typed in dict.fromkeys((f"{doc_id}?{raw}", f"{doc_id}?{unquote(raw)}")):
        if get_document(archive(), typed) is not None or page_ids(archive(), typed).ids:
            return typed
    return None


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
    # the whole text's length, and how much of it the page shows (page_part)
    text_chars: int = 0
    shown_chars: int = 0
    text_bytes: int = 0  # the whole text's, in UTF-8, when cut: what the link to it downloads
    source_url: str = ""  # the header's source and language: their filters (filter_link)
    language_url: str = ""
    flags_total: int = 0  # the whole text's flags (`flags`: those in the part shown)
    more_entities: dict[str, int] = field(default_factory=dict)  # per type, those not listed

    @property
    def cut(self) -> bool:
        return self.shown_chars < self.text_chars

    @property
    def text_size(self) -> str:
        """The whole text's size, as the link to it says it ("9.8 MB", "240 KB")."""
        return f"{self.text_bytes / 1e6:.1f} MB" if self.text_bytes >= 1e6 else f"{self.text_bytes / 1e3:,.0f} KB"

    @property
    def named(self) -> bool:
        """Whether the names column lists any name (a skip link leads there only then)."""
        return any(self.entities.values())


def page_part(doc: dict[str, Any], limit: int = DOC_PAGE_CHARS, start: int = 0, stop: int | None = None) -> dict[str, Any]:
    """What the page of a stored document shows: `doc` itself when its text fits in `limit`
    characters, else a copy whose text is its first part, ended after the last paragraph break
    before `limit` (after a line break, a sentence's stop or a space where the limit's second
    half has none), with the mentions inside that part and the flags that start in it.
    `start`: the part from there on (/api/doc's `matches_from`), its offsets counted from it;
    `stop`: ended there if sooner (`matches_to`), at a space where it falls inside a word."""
    text = doc.get("text") or ""
    if not start and len(text) <= limit and (stop is None or stop >= len(text)):
        return doc
    end = _part_end(text, limit, start)
    if stop is not None and stop < end:
        end = _word_end(text, start, stop)

    def inside(item: dict, key: str, last: int) -> bool:
        return start <= _int(item.get("start")) and _int(item.get(key)) <= last

    def moved(item: dict) -> dict:
        return {**item, "start": _int(item.get("start")) - start, "end": _int(item.get("end")) - start} if start else item

    translation = doc.get("translation")
    if isinstance(translation, dict):
        translation = {**translation, "flags": [moved(f) for f in translation.get("flags") or []
                                                if isinstance(f, dict) and inside(f, "start", end - 1)]}
    mentions = [moved(m) for m in doc.get("mentions") or [] if isinstance(m, dict) and inside(m, "end", end)]
    return {**doc, "text": text[start:end], "mentions": mentions, "translation": translation}


def _part_end(text: str, limit: int, start: int = 0) -> int:
    if len(text) - start <= limit:
        return len(text)
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, start + limit // 2, start + limit)
        if at >= 0:
            return at + len(sep)
    return start + limit


def _word_end(text: str, start: int, end: int) -> int:
    """`end`, or the end of the last space before it where it falls inside a word: a part cut in
    "oilfield" held the word "oil", which a search for oil matched. A part with no space (a
    run of Chinese) ends where asked."""
    if not (text[end - 1:end].isalnum() and text[end:end + 1].isalnum()):
        return end
    space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
    return space + 1 if space >= start else end


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def filter_link(state: SearchState | None, facet: str, value: str) -> str:
    """The results a name, the source or the language of a document page links to: under the
    filters of the search the reader came from (`state`, SearchState.filter_url), if any."""
    return state.filter_url(facet, value) if state is not None else url_for("views.search_page", **{facet: value})


def document_view(doc: dict[str, Any], hits: list[tuple[int, int]] = (), state: SearchState | None = None,
                  whole: dict[str, Any] | None = None) -> DocView:
    """`hits`: where the search the reader came from matches the text (query_marks), marked;
    `state`: that search, carried by the links to another article (the story's versions) and
    whose filters the links of the names keep; `whole`: the stored document when `doc` is the
    part of it the page shows (page_part)."""
    whole = whole or doc
    text = doc.get("text") or ""
    translation = doc.get("translation") or None
    raw_flags = (translation or {}).get("flags") or []
    spans = sorted(((int(f.get("start", 0)), int(f.get("end", 0)), f) for f in raw_flags), key=lambda s: s[:2])
    # numbered once those render() cannot mark (no character of the text) are left out: numbered
    # first, the notes' list (1, 2, 3) and the text's references (2, 3, 4) told two stories
    shown = [(a, b, f) for a, b, f in spans if max(0, a) < min(len(text), b)]
    flags = [Flag(n, a, b, str(f.get("kind", "flag")), str(f.get("detail", "")), str(f.get("excerpt", "")))
             for n, (a, b, f) in enumerate(shown, 1)]
    ents = entity_index()
    mentions = []
    for m in doc.get("mentions") or []:
        etype = m.get("type")
        ent = ents.get(m.get("entity")) if m.get("entity") else None
        if ent is not None and ent["type"] in ENTITY_FACETS:
            href = filter_link(state, ent["type"], ent["id"])  # that entity, not every "Reagan"
            etype = ent["type"]  # drawn as what it links to: "GAO" tagged a place, filed under an organization
        elif etype in ENTITY_FACETS and m.get("text") and '"' not in m["text"]:
            name = f'"{m["text"]}"'  # no entity: the name as a phrase, under the search's filters
            href = state.query_url(name) if state is not None else url_for("views.search_page", q=name)
        else:
            href = None
        mentions.append(Mention(int(m.get("start", 0)), int(m.get("end", 0)), str(etype), str(m.get("text", "")), href))
    details = doc.get("entity_details") or {}
    entities = {etype: [{**e, "url": filter_link(state, etype, e["id"] or e["name"])}
                        for e in (details.get(etype) or [])[:DOC_PAGE_ENTITIES]] for etype in ENTITY_FACETS}
    paragraphs, linked = render_linked(text, flags, mentions, hits)
    return DocView(
        blocks=blocks(paragraphs),
        flags=flags,
        entities=entities,
        url=safe_url(doc.get("url")),
        translation=translation,
        thresholds=doc.get("translation_thresholds"),
        removed=[r for r in doc.get("removed") or [] if isinstance(r, dict)],
        local_path=local_path(doc.get("url")),
        timeline=story_timeline(doc, state.doc_url if state is not None else None),
        linked=[t for t in ENTITY_FACETS if t in linked],
        text_chars=len(whole.get("text") or ""),
        text_bytes=len((whole.get("text") or "").encode("utf-8", "surrogatepass")) if whole is not doc else 0,
        shown_chars=len(text),
        flags_total=len((whole.get("translation") or {}).get("flags") or []),
        source_url=filter_link(state, "source", doc.get("source") or ""),
        language_url=filter_link(state, "language", doc.get("language") or "unknown"),
        more_entities={t: n - DOC_PAGE_ENTITIES for t in ENTITY_FACETS if (n := len(details.get(t) or [])) > DOC_PAGE_ENTITIES},
    )


def story_timeline(doc: dict[str, Any], doc_url: Callable[[str], str] | None = None) -> list[dict[str, Any]]:
    """The article's story as the page lists it (search.stories.timeline), each other version
    with its relation's label and a link by `doc_url`, which keeps the reader's search: linked
    bare, the next version opened with no match marked and the search's filters gone."""
    link = doc_url or (lambda doc_id: url_for("views.doc_page", doc_id=doc_id))
    return [v if v.get("current") else dict(v, url=link(v["id"]), label=RELATIONS.get(v.get("relation"), ""))
            for v in timeline(doc)]


def typed_article(query: str) -> tuple[str, str] | None:
    """(title, its page's URL) of the article a search's whole query is the id or the address of,
    as /doc/ reads them; None for another query. An address pasted in the box was refused as an
    unknown field, `http:` ("to search for the text, quote it"), and an id found nothing: the
    page that opens it was one step away, unsaid. Asked only where the search found nothing."""
    text = query.strip()
    if not text or len(text) > MAX_TYPED_ID or any(c.isspace() for c in text):
        return None

    def read() -> dict | None:
        doc_id = typed_article_id(archive(), text)
        return get_document(archive(), doc_id) if doc_id is not None else None

    doc = courtesy(read)  # of a refused search's page: the page says what it says
    if doc is None:
        return None
    return doc.get("title") or doc["id"], url_for("views.doc_page", doc_id=doc["id"])

