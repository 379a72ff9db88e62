"""JSON Lines, one article per line, with the field names of the tools people already use.

news-please: maintext, date_publish, title, url, source_domain;
trafilatura: text, date, title, url, hostname (its --json output: the page's address under
source, the site's name under source-hostname); newspaper3k: text, publish_date; NewsAPI:
content, publishedAt, source.name; feeds and datasets: headline, link, pubDate, articleBody,
datePublished, publication; JSON Feed: content_text, content_html, date_published; plain:
body/text/html, date/published. A key is read in any case and with or without "_" or "-"
(publishedAt, published_at).
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
import zlib
from collections import deque
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..article import EMPTIED, Article, IngestError, content_hash
from ..clean.fields import ambiguous, field_date as parse_date, field_key, read_date
from .decode import BinaryInput, decode_bytes, printable, without_surrogates
from .html import has_visible_text
from .jsondoc import DOCUMENT_MOST, TooLarge, document_text, opens_document, utf16_codec
from .warc import url_id

TEXT_KEYS = ("maintext", "text", "body", "content", "article", "article_body")
HTML_KEYS = ("html", "raw_html")
DATE_KEYS = ("date_publish", "published", "date", "date_published", "pubdate", "publish_date", "published_at")
SOURCE_KEYS = ("source_domain", "hostname", "sitename", "source-hostname", "source", "publication")
TITLE_KEYS = ("title", "headline")
# A site's name, not its host: taken only when the record has no host and no URL to take one
# from, so one site's records (trafilatura writes "hostname" for some, "source-hostname" for
# all) fall under one source value.
SITE_NAME_KEYS = ("sitename", "source-hostname")
KNOWN = set(TEXT_KEYS + HTML_KEYS + DATE_KEYS + SOURCE_KEYS + TITLE_KEYS + ("url", "link", "id"))


# The Guardian's Open Platform names a result's title, address and date its own way, and gives
# its text only where asked (show-fields=bodyText or body), in an object of its own, "fields"
_GUARDIAN_KEYS = {"webtitle": "title", "weburl": "url", "webpublicationdate": "published", "bodytext": "text"}
# JSON Feed (jsonfeed.org, the feed.json many sites publish) names an item's text content_text,
# its markup content_html, and the page it links to (a link blog's) external_url, read where the
# item has no url of its own; date_published is among DATE_KEYS. Its summary, authors and
# date_modified are kept with the other keys; its authors are its author too (record_author)
_JSON_FEED_KEYS = {"contenttext": "text", "contenthtml": "html", "externalurl": "link"}
_CANONICAL = {field_key(k): k for k in sorted(KNOWN)} | _GUARDIAN_KEYS | _JSON_FEED_KEYS
# A JSON Feed's own fields ("version": "https://jsonfeed.org/version/1.1") are the feed's: its
# title is no article's, and its items are its articles, as a response's (_listed_articles)
JSON_FEED_VERSION = "https://jsonfeed.org/version/"


def _guardian_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """A Guardian result (it has a webUrl) with its show-fields read as its own keys, its "body"
    as the HTML it is: saved as the API gives it, its text under "fields"."bodyText" was no text,
    and a saved response "one JSON document with no article in it". Any other record as it is."""
    fields = rec.get("fields")
    if not isinstance(fields, dict) or not isinstance(rec.get("webUrl"), str):
        return rec
    out = {k: v for k, v in rec.items() if k != "fields"}
    for k, v in fields.items():
        out.setdefault("html" if k == "body" else k, v)
    return out


def _unwrapped(rec: dict[str, Any]) -> dict[str, Any]:
    """A record whose article sits in an object of its own, as that object: an Elasticsearch
    document ({"_index": ..., "_id": "abc", "_source": {...}}, as elasticdump writes an index a
    line, and a search response's "hits"."hits"), with its `_id` for its id where the source has
    none; a GraphQL connection's edge ({"node": {...}, "cursor": ...}). Each was "JSON record with
    no text", and a response of them "one JSON document with no article in it". Any other as it is."""
    source = rec.get("_source")
    # a record of its own that keeps some object under "_source" (a feed reader's) is no document
    if isinstance(source, dict) and not any(isinstance(k, str) and k[:1] != "_" and _known_name(k) for k in rec):
        rid = rec.get("_id")
        return source if "id" in source or rid is None else {**source, "id": rid}
    node = rec.get("node")
    if isinstance(node, dict) and rec.keys() <= {"node", "cursor"}:
        return node
    return rec


@lru_cache(maxsize=4096)  # asked for every key of every record: the same few keys
def _known_name(key: str) -> str | None:
    """KNOWN's spelling of a record's key ("publishedAt" is "published_at"), or None."""
    return _CANONICAL.get(field_key(key))


def canonical_keys(rec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The record with the keys we read spelt as KNOWN spells them, the names it gave them
    (for messages), and a note for each key it gives twice with two values. Feeds and
    datasets write one field many ways ("publishedAt", "published_at", "pubDate",
    "headline", "link"): a NewsAPI or RSS export was indexed undated, titled by its first
    sentence and linked to the file. A key spelt exactly wins over a variant; the variant
    stays among the other keys, which the article keeps unindexed (it was dropped, and its
    value with it, unsaid). A NewsAPI source object stands for its name; a Guardian result's
    webTitle, webUrl, webPublicationDate and fields (_guardian_fields) are read, and an Elasticsearch
    document's `_source` or a GraphQL edge's `node` (_unwrapped), and a JSON Feed item's
    content_text, content_html and external_url; a JSON Feed document's title is left out, as the
    feed's (_is_json_feed). Other keys stay as given."""
    out: dict[str, Any] = {}
    given: dict[str, str] = {}
    notes: list[str] = []
    feed = _is_json_feed(rec)
    for k, v in sorted(_guardian_fields(_unwrapped(rec)).items(), key=lambda kv: kv[0] not in KNOWN):
        name = _known_name(k) if isinstance(k, str) else None
        if feed and name is not None:  # the feed's title, not an article's: its items are read
            continue
        if name is None:
            out.setdefault(k, v)
        elif name not in given:
            out[name], given[name] = v, k
        else:
            out.setdefault(k, v)
            if v != out[name]:
                notes.append(f"{given[name]} {_shown(out[name])} and {k} {_shown(v)} name one field: "
                             f"{given[name]} is read, {k} kept unindexed")
    if isinstance(out.get("source"), dict) and isinstance(out["source"].get("name"), str):
        out["source"] = out["source"]["name"]
    return out, given, notes


def _is_json_feed(rec: dict[str, Any]) -> bool:
    """Whether a record is a JSON Feed document: its title was read as an article's, and its
    items, a titled record's own list, were never read ("JSON record with no text")."""
    version = rec.get("version")
    return isinstance(version, str) and version.startswith(JSON_FEED_VERSION) and isinstance(rec.get("items"), list)


def _feed_items(feed: dict[str, Any]) -> list:
    """A JSON Feed's items, each given the feed's title as its site's name ("sitename", as
    trafilatura names it) and the feed's authors where it names none (as jsonfeed.org 1.1 reads an
    item without them): an item's record held neither, the feed's title being left out."""
    title = feed.get("title")
    given = {"sitename": title.strip()} if isinstance(title, str) and title.strip() else {}
    authors = {k: v for k, v in feed.items() if _author_key(k)}
    items = []
    for item in feed["items"]:
        if isinstance(item, dict):
            extra = {} if any(_known_name(k) == "sitename" for k in item if isinstance(k, str)) else dict(given)
            if not any(map(_author_key, item)):
                extra.update(authors)
            item = {**extra, **item}
        items.append(item)
    return items


# where a record names its author: news-please's and NewsAPI's, JSON Feed 1.1's and 1.0's, the New York Times'
AUTHOR_KEYS = ("authors", "author", "byline")


def _author_key(key: Any) -> bool:
    """Whether a record's key names its author, in any case ("Author", "By-line"), as its other fields' do."""
    return isinstance(key, str) and field_key(key) in AUTHOR_KEYS


def record_author(rec: dict[str, Any]) -> str | None:
    """The author a record names, or None: a name ("author": "Jane Roe"), an object's ({"name":
    ...}, the New York Times' byline {"original": "By Jane Roe"}), or a list of them, joined by
    commas. An address (a profile's page, as NewsAPI gives some) is no name. A key is read in any
    case (_author_key): a record's "Author" was no author."""
    given: dict[str, Any] = {}
    for key, value in rec.items():
        if _author_key(key):
            given.setdefault(field_key(key), value)
    for key in AUTHOR_KEYS:
        value = given.get(key)
        names = [n for n in map(_author_name, value if isinstance(value, list) else [value]) if n]
        if names:
            return ", ".join(dict.fromkeys(names))
    return None


# an e-mail address in an author, in brackets or not: RSS's "jane@example.com (Jane Roe)", "Jane Roe <jane@...>"
_EMAIL = re.compile(r"[<(]?\s*[^\s@<>()]+@[^\s@<>()]+\.\w+\s*[>)]?")


def _author_name(value: Any) -> str | None:
    """One author's name as a record gives it, or None. An e-mail address is no name: the name
    beside it is ("jane@example.com (Jane Roe)" is Jane Roe), else there is none."""
    if isinstance(value, dict):
        value = value.get("name") if "name" in value else value.get("original")
    if not isinstance(value, str) or _is_address(value):
        return None
    named = _EMAIL.sub(" ", value)
    return " ".join((named.strip(" ()<>,;") if named != value else value).split()) or None


def _shown(value: Any) -> str:
    """A record's value in a note: as JSON, cut to 60 characters."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:59] + "\u2026"


def record_date(rec: dict, given_as: dict[str, str] | None = None) -> tuple[date | None, list[str]]:
    """The record's publication date, and a note when it gives dates none of which is read
    (an ambiguous "07/08/2021", a placeholder "2999-01-01"): the article is indexed undated."""
    given = [(k, rec[k]) for k in DATE_KEYS if _says_something(rec.get(k))]
    for _, value in given:
        if (d := parse_date(value)) is not None:
            return d, []
    if not given:
        return None, []
    key, value = given[0]
    key = (given_as or {}).get(key, key)
    shown = _shown(value)
    # the ambiguity is cited only for an ambiguous date: "2021-13-45" is no date at all (QA)
    why = ("is after tomorrow or before 1800" if read_date(value) is not None
           else "is ambiguous (either number could be the month)" if isinstance(value, str) and ambiguous(value)
           else "could not be read as a date (it reads ISO 8601, RFC 2822, Unix time, '3 March 2021', '2021/03/04')")
    return None, [f"{key} {shown} {why}: indexed without a date"]


def _says_something(value: Any) -> bool:
    """A field's value other than null, false, or blank text or an empty list or object:
    one that gave a date when it is not read as one is worth a note."""
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value) if isinstance(value, (list, dict)) else True


def _scrubbed(value: Any) -> Any:
    """A decoded JSON value with lone surrogates replaced in every string, keys too: valid
    JSON may hold one ("\\ud83d") and it made the whole index run fail when written."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


def _is_address(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def record_url(rec: dict[str, Any]) -> str:
    """The page's address: `url`, else a `source` that is one (trafilatura's --json puts
    it there, and it became the source facet while the article linked to the file)."""
    url = rec.get("url")
    if isinstance(url, str) and url:
        return url
    for key in ("link", "source"):  # a feed's link; trafilatura's source
        if _is_address(rec.get(key)):
            return rec[key].strip()
    return ""


def record_id(rec: dict[str, Any], base_id: str, line: int | str) -> str:
    """The article id of one record: its own id, else its URL, else its line number.

    Explicit ids are `<file>#<id>`, as they always were (saved links keep working). The
    fallbacks must never equal one of them, or a record is dropped as a duplicate: a URL
    id is `url-<hash>`, and a line-number id is `<file>:<line>` (":", not "#": any text
    after "#" may be an explicit id, a record with "id": 3 and the record on line 3 used
    to share `<file>#3`). A URL comes before the line number because it stays the same
    when lines are inserted above the record.
    """
    rid = rec.get("id")
    # a string or a number; a list, an object or true/false is no id ("#['a']", "#True" were)
    if rid not in (None, "") and isinstance(rid, (str, int, float)) and not isinstance(rid, bool):
        return f"{base_id}#{rid}"
    url = record_url(rec)
    if url:
        return url_id(url)
    return f"{base_id}:{line}"


def _text_value(value: Any) -> str:
    """A text field as a string: a list of paragraphs (as some scrapers write them) joined
    by blank lines, its items that are no text (null, a number, an object) left out: one
    null among the paragraphs made the whole record "no text"; anything else, empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(v for v in value if isinstance(v, str) and v.strip())
    return ""


def _source_name(rec: dict[str, Any], keys) -> str | None:
    """The first of `keys` that holds a name (an address is no source name)."""
    return next((rec[k] for k in keys if isinstance(rec.get(k), str) and rec[k].strip() and not _is_address(rec[k])), None)


def _hostname(url: str) -> str | None:
    """The address's host, or None where urlsplit refuses it: "http://[::1" (an IPv6 bracket
    left open) raised ValueError, and a record with valid JSON was "bad JSON line: Invalid
    IPv6 URL", not indexed. As the WARC reader does, the record is read under the source's name."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


_HOST = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)


def _site(name: str | None) -> str | None:
    """A host as the source's name, lower case and without "www.", however the record gave it
    (news-please's source_domain "www.zeit.de", a URL's host): one site, one source value."""
    name = (name or "").strip()
    return (name.lower().removeprefix("www.") if _HOST.fullmatch(name) else name) or None


def typed_site(value: str) -> str | None:
    """The source a site's address typed in a filter stands for ("https://www.Reuters.com/",
    "www.reuters.com" is "reuters.com"), spelt as _site stores a record's host, or None when
    it names no host (a folder's name): `source=www.reuters.com` found nothing (QA)."""
    value = value.strip()
    address = "://" in value
    host = _hostname(value if address else "//" + value)
    if host and _HOST.fullmatch(host):
        return _site(host)
    # written as an address, a host without a dot is the source's name itself: `https://reuters/`
    # found nothing where `https://www.reuters/` and `www.reuters` were read as the source `reuters`
    return host if address and host else None


class NoText(ValueError):
    """A JSON record that parses, with no article text in it."""


class ExportedWithoutText(NoText):
    """A row of `newsarchive export` made without --text: the articles' fields, not their text."""


class HoldsArticles(NoText):
    """A record with no text of its own that holds a list of articles (an API's response), or a
    line that is a list of them: `records`, each read as a record (_held_articles)."""

    def __init__(self, said: str, records: list) -> None:
        super().__init__(said)
        self.records = records


class ApiError(NoText):
    """A record that is an API's error response (_api_error): what it says, in place of articles."""


# The fields of an export's row (export.COLUMNS: the text only with --text). Each row of such an
# export read back was "no text: none of maintext, text, …", and no word of the cause
EXPORT_FIELDS = frozenset({"id", "title", "published", "source", "url", "language", "translated",
                           "translation_score", "score", "person", "organization", "location"})
EXPORT_SAID = ("it looks like a `newsarchive export` made without --text (records of its fields: id, url, "
               "title, published, source, … and no text): `newsarchive export QUERY --text -o FILE` "
               "writes the articles' text, which this reads")


def no_text_said(exc: NoText, line: int, exported: list[int], kind: str = "line") -> str:
    """A record with no text as reported: an export's row without --text says the cause on the
    file's first such row (`exported` keeps its line), the rows after it refer to that one."""
    if not isinstance(exc, ExportedWithoutText):
        return f"JSON record with {printable(str(exc))}"
    if not exported:
        exported.append(line)
        return f"JSON record with {printable(str(exc))}: {EXPORT_SAID}"
    return f"JSON record with no text: an export's row without --text, as {kind} {exported[0]} says"


def _texts(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    """A record's (canonical keys) markup and plain text, None where it has none to read:
    markup with nothing visible is none (the plain text, if any, is the article)."""
    html = next((rec[k] for k in HTML_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    body = next((t for t in (_text_value(rec.get(k)) for k in TEXT_KEYS) if t.strip()), None)
    return (html if html is not None and has_visible_text(html) else None), body


# How deep in a response its list of articles may be: NewsAPI's at the top, the Guardian's
# "response"."results" one object down, Event Registry's "articles"."results", and a list three
# objects down ({"response": {"body": {"results": [...]}}}, a GraphQL API's "data"."search"."items"),
# which was "one JSON document with no article in it" where two down was read
LIST_DEPTH = 4


def _listed_articles(rec: dict[str, Any], depth: int = LIST_DEPTH, titled: bool = False) -> tuple[list[str], int] | None:
    """The keys to the longest list of records with text in a record with none, and its length:
    an API's response saved as it came (NewsAPI's {"status": "ok", "articles": [...]}, or a
    list objects down, as the Guardian's "response"."results") was "no text" alone. None
    where no list of objects in it holds an article. An object with text of its own (an article)
    is not looked into. `titled`: the records listed must give a title as well as text (_titled_articles)."""
    found: list[tuple[int, list[str]]] = []
    for key, value in rec.items():
        if isinstance(value, list) and any(isinstance(v, dict) and _article_like(canonical_keys(v)[0], titled)
                                           for v in value):
            found.append((len(value), [str(key)]))
        # an article's own lists (its comments, its related stories) are not the file's articles: a
        # dict of articles by their address, each with its comments, was read as one's comments
        elif isinstance(value, dict) and depth > 1 and _texts(canonical_keys(value)[0]) == (None, None):
            inner = _listed_articles(value, depth - 1, titled)
            if inner:
                found.append((inner[1], [str(key), *inner[0]]))
    if not found:
        return None
    n, where = max(found, key=lambda f: f[0])
    return where, n


def _article_like(rec: dict[str, Any], titled: bool) -> bool:
    """Whether a record (canonical keys) has text, and, where `titled`, a title too."""
    return _texts(rec) != (None, None) and (not titled or any(_says_something(rec.get(k)) for k in TITLE_KEYS))


def _titled_articles(rec: dict[str, Any], addressed: bool = True) -> tuple[list[str], int] | None:
    """_listed_articles of a record with no text that gives a title: a search's response titled
    beside its articles ({"title": "Search results", "articles": [...]}) was "no text", its
    articles unread. A titled record is an article with no text (a paywalled page's) whose lists
    are its own (its comments, which give no title), unless a list in it holds articles that give
    a title and text and it gives no address, as a page's record does; or, `addressed`, whatever
    its address (a search's query's: "link": "https://api.example/search?q=zinc"), where two or
    more of them give an address of their own besides (_own_addresses): comments rarely do."""
    own = record_url(rec)
    if own and not addressed:
        return None
    listed = _listed_articles(rec, titled=True)
    return listed if not own or listed is None or _own_addresses(_at(rec, listed[0]), own) else None


def _own_addresses(items: list, own: str) -> bool:
    """Whether two or more of a list's items give a title, text and an address not `own`."""
    return sum(isinstance(v, dict) and _article_like(rec := canonical_keys(v)[0], True)
               and record_url(rec) not in ("", own) for v in items) >= 2


def _listed_words(where: list[str], n: int) -> str:
    """A list of articles in a record, said with the jq that writes them as JSON Lines."""
    return (f"a list of {n} {'article' if n == 1 else 'articles'} under \"{'.'.join(where)}\", as a saved API "
            f"response does: write each article on a line of its own (jq -c '{_jq_path(where)}[]' FILE does)")


def _jq_path(keys: list[str]) -> str:
    """The keys as jq writes a path to them: .articles, .response.results, .["the items"]."""
    return "".join(f".{k}" if re.fullmatch(r"[A-Za-z_]\w*", k, re.ASCII) else f"{'' if i else '.'}[{json.dumps(k)}]"
                   for i, k in enumerate(keys))


def record_to_article(rec: dict[str, Any], source: str, base_id: str, line: int, path: Path,
                      resolved: Path | None = None, item: int | None = None) -> Article:
    """One JSON record as an Article; ValueError (reported with the line) when it has no text,
    HoldsArticles where it holds a list of articles (an API's response), ApiError where it is an
    API's error response. `resolved`: `path` with its links followed, when the caller has it
    (read_file resolves a file once, not twice per record: a few system calls per path component
    each time). `item`: its number in the list of articles its line holds (_held_articles)."""
    exported = {"id", "url", "score", "translation_score"} <= rec.keys() <= EXPORT_FIELDS
    given = rec
    rec, given_as, doubled = canonical_keys(rec)
    html, body = _texts(rec)
    if html is None and body is None:
        # a dict of articles on a line, as read whole; before a list in it (_document_records)
        if (keyed := _keyed_articles(given)) is not None:
            raise HoldsArticles(f"no text of its own: it holds {len(keyed)} articles by their keys", keyed)
        # a titled record is an article with no text (paywalled, a video's): its lists are its own,
        # but for a titled response's list of titled articles (_titled_articles)
        listed = _titled_articles(rec) if any(k in rec for k in TITLE_KEYS) else _listed_articles(rec)
        if listed:  # a saved API response (NewsAPI's): its articles, each read (_held_articles)
            where, n = listed
            held = _feed_items(given) if _is_json_feed(given) and where == ["items"] else _at(rec, where)
            raise HoldsArticles(f"no text of its own: it holds {_listed_words(where, n)}", held)
        if error := _api_error(given):
            raise ApiError(error)
        if given and not _record_like(rec) and _no_articles(given, True):  # {"status": "ok", "articles": []}
            raise HoldsArticles("no text of its own: its list of articles is empty", [])
        given = [k for k in TEXT_KEYS + HTML_KEYS if k in rec]
        if given:  # "text": 42 or "" was said to be missing
            what = rec[given[0]]
            kind = ("empty" if what is None or isinstance(what, (str, list))
                    else "a true/false value" if isinstance(what, bool)
                    else "a number" if isinstance(what, (int, float)) else "an object")
            raise NoText(f"no text: {given_as.get(given[0], given[0])} is {kind}" + ("" if kind == "empty" else ", not text"))
        raise (ExportedWithoutText if exported else NoText)("no text: none of " + ", ".join(TEXT_KEYS + HTML_KEYS))
    url = record_url(rec)
    src = _site(_source_name(rec, (k for k in SOURCE_KEYS if k not in SITE_NAME_KEYS)))
    if not src and url:
        src = _site(_hostname(url))
    src = src or _source_name(rec, SITE_NAME_KEYS)
    # where it has neither id nor URL: its line, or n.k for article k of the list its line n holds
    place = line if item is None else f"{line}.{item}"
    aid = record_id(rec, base_id, place)
    title = next((rec[k] for k in TITLE_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), "")
    meta = {k: v for k, v in rec.items() if k not in KNOWN}
    published, notes = record_date(rec, given_as)
    resolved = resolved or path.resolve()
    return Article(
        id=aid,
        url=url or f"{resolved.as_uri()}#{place}",
        source=src or source,
        raw=html if html is not None else body,
        kind="html" if html is not None else "text",
        title=title.strip(),
        published=published,
        # of the record as read: one whose keys are read anew is read anew on the next run
        # (its cached title, date and source were the old reading's), any other is unchanged
        content_hash=content_hash(json.dumps(rec, sort_keys=True, ensure_ascii=False)),
        path=str(resolved),
        line=line,
        item=item,
        meta=meta,
        notes=doubled + notes,
        record_author=record_author(rec),
        record_site=_source_name(rec, SITE_NAME_KEYS),
    )


def _line_text(data: bytes) -> str:
    """One line as text. UTF-8 (a byte-order mark, first line only, is not part of the
    JSON); a line with no valid UTF-8 letter at all is in a legacy code page and read as
    decode.py reads a text file (Latin-1 lines got U+FFFD for every accented letter,
    silently); one with some is UTF-8 with a damaged byte, which alone becomes U+FFFD."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in text):
        return text
    return decode_bytes(data.removeprefix(b"\xef\xbb\xbf"))


class DamagedText(ValueError):
    """A UTF-16 file's bytes that are no UTF-16 after some of its lines were read: the rest is unread."""


def _byte_lines(fh) -> Iterator[bytes]:
    """The file's lines as UTF-8 bytes. A UTF-16 file (a byte-order mark says so, as Windows
    tools save "Unicode" text, or its first two characters: jsondoc.utf16_codec) is decoded as
    UTF-16, since its newline is two bytes: read line by line, every line was "binary file, not
    text"; a megabyte at a time, where it was read and decoded whole (the bytes and their text
    held at once). A file that is not valid UTF-16 before its first line ends is read again from
    its start as bytes, and its lines reported as they fail; past it, DamagedText: a file cut
    off at an odd byte was all "binary file, not JSON Lines". A line is kept in pieces until it
    ends: the bytes read before it ended were kept too, and its text copied with each piece (a
    100 MB file of one line cut off peaked at 296 MB above a tiny file's)."""
    codec = utf16_codec(fh.peek(4)[:4])
    if codec is None:
        yield from fh
        return
    decoder = codecs.getincrementaldecoder(codec)()
    pending: list[str] = []  # the line being read, in pieces
    ended = False  # whether a line has ended
    try:
        while True:
            chunk = fh.read(1 << 20)
            *lines, tail = decoder.decode(chunk, final=not chunk).split("\n")
            if lines:
                ended = True
                pending.append(lines[0])
                lines[0] = _utf8_line(pending)
            pending.append(tail)
            for piece in lines:
                yield piece if isinstance(piece, bytes) else (piece + "\n").encode("utf-8", "surrogatepass")
            if not chunk:
                break
    except UnicodeDecodeError as exc:
        if ended:
            raise DamagedText(f"not valid UTF-16 ({exc.reason})") from None
        pending.clear()
        fh.seek(0)  # rewinds a gzip file too
        yield from fh
        return
    yield _utf8_line(pending)


def _utf8_line(pieces: list[str]) -> bytes:
    """A line read in pieces (_byte_lines), with its newline, as UTF-8; `pieces` emptied: its
    text is let go before the bytes are read, a 50-million-character line held once, not thrice."""
    pieces.append("\n")
    text = "".join(pieces)
    pieces.clear()
    return text.encode("utf-8", "surrogatepass")


# Lines before a file's first JSON record are held back (see read_file); this many bad lines
# with no record among them is no JSON Lines file, and the rest is not read
NOT_JSONL_AFTER = 1000


# Where a decoded record can get a lone surrogate from: a JSON escape of one ("\ud83d" to
# "\uDFFF", in either case) or one in the line's text itself. A line with neither is not
# walked string by string (_scrubbed: a third of the reader's CPU on the Reuters file).
_MAY_HOLD_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")


def _parse(data: bytes) -> Any:
    return _parse_text(_line_text(data))


class _Lines:
    """A file's lines, numbered from 1, with the lines a value that did not close took (_value_over_lines)
    given back to be read again, each as a line."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = enumerate(lines, 1)
        self.back: deque[tuple[int, bytes]] = deque()
        self.broken = 0  # the last line of a value over lines that did not close: no value opens before it
        # the damage (a gzip cut short) that ended a value over lines: raised once its lines are read again
        self.damage: Exception | None = None

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> tuple[int, bytes]:
        if self.back:
            return self.back.popleft()
        if self.damage is not None:
            damage, self.damage = self.damage, None
            raise damage
        return next(self._lines)


def _parse_over_lines(data: bytes, line: int, lines: _Lines) -> Any:
    """_parse of a line; where its value runs on past the line's end (it opens an object or an array
    a later line closes: a response pretty-printed after compact ones, as a poller that switched to
    `json.dump(resp, fh, indent=2)` appends it), the value over the lines that close it, which are read
    with it. Each of its lines was a bad line ("cut off ...", "Extra data at column 12"), its articles
    unread. ValueError as _parse where the value does not close: its lines are each read again."""
    try:
        return _parse(data)
    except ValueError:
        if line <= lines.broken or not opens_document(_line_text(data)):
            raise
        value = _value_over_lines(data, lines)
        if value is _NO_VALUE:
            raise
        return value


_NO_VALUE = object()
# what ends a file's reading where it is (read_file): a gzip cut short or corrupt, UTF-16 that is no more
_DAMAGE = (EOFError, gzip.BadGzipFile, zlib.error, DamagedText)
# a JSON string on one line, its escapes read (a JSON string never runs over lines)
_LINE_STRING = re.compile(rb'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')


def _nesting(data: bytes) -> int | None:
    """How many objects and arrays a line opens less how many it closes, its strings left out; None
    where a string on it does not close, which breaks the value."""
    bare = _LINE_STRING.sub(b"", data)
    if b'"' in bare:
        return None
    return bare.count(b"{") + bare.count(b"[") - bare.count(b"}") - bare.count(b"]")


def _value_over_lines(first: bytes, lines: _Lines) -> Any:
    """The JSON value opened on the line `first` and closed on a later line of `lines`, parsed, or
    _NO_VALUE where it breaks or the file ends first: the lines taken are given back. A parse is tried
    on a line that ends with "}" or "]" where the value's objects and arrays are all closed (_nesting),
    and inside it only where its text has doubled since the last parse: a parse of all the lines so
    far at each nested closing line (`json.dump(resp, fh, indent=0)` writes an article's at the
    value's own indentation) cost 19 s for 4,000 articles, and a value broken (cut off, records a
    line after it) is still found so within twice its text; DOCUMENT_MOST bytes at most."""
    taken: list[tuple[int, bytes]] = []
    try:
        value = _closed_value(first, lines, taken)
    except _DAMAGE as exc:  # said after the value's lines, each read again: it was "after line N", N its first
        lines.damage = exc
        value = _NO_VALUE
    if value is not _NO_VALUE:
        return value
    lines.broken = taken[-1][0] if taken else 0
    lines.back.extendleft(reversed(taken))
    return _NO_VALUE


def _closed_value(first: bytes, lines: _Lines, taken: list[tuple[int, bytes]]) -> Any:
    """_value_over_lines's reading: the value, or _NO_VALUE; the lines it read are in `taken`."""
    parts = [first]
    size = parsed = len(first)
    depth = _nesting(first)
    closed = first.rstrip().endswith((b"}", b"]"))  # the last line that is not blank closes an object or array
    decoder = json.JSONDecoder()
    for line, data in lines:
        taken.append((line, data))
        parts.append(data)
        size += len(data)
        if size > DOCUMENT_MOST:
            break
        nested = _nesting(data)
        depth = None if depth is None or nested is None else depth + nested
        # a value after a closed one with no "," between (records a line after a line cut off after
        # "["): broken here, parsed now, however little the text has grown since the last parse
        unseparated = closed and data.lstrip().startswith((b"{", b"["))
        closed = data.rstrip().endswith((b"}", b"]")) if data.strip() else closed
        if not unseparated and (not closed or depth is not None and depth > 0 and size < 2 * parsed):
            continue
        parsed = size
        text = _line_text(b"".join(parts)).strip(_BLANK_TEXT)
        try:
            value, end = decoder.raw_decode(text)
        except RecursionError:
            break
        except json.JSONDecodeError as exc:
            if exc.pos >= len(text) and not exc.msg.startswith("Unterminated string"):
                continue  # the value runs on: a later line may close it
            break
        if end < len(text):  # more after its end on the closing line
            break
        return _scrubbed(value) if _MAY_HOLD_SURROGATE.search(text) else value
    return _NO_VALUE


def _parse_text(text: str) -> Any:
    try:
        value = json.loads(text)
        return _scrubbed(value) if _MAY_HOLD_SURROGATE.search(text) else value
    except RecursionError:  # "[[[[...]]]]" 2,000 deep: the whole index run stopped
        raise ValueError("nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(_json_error(exc, text)) from None


def _json_error(exc: json.JSONDecodeError, text: str) -> str:
    """Where and why a line is no JSON, in the line's own terms. json's "line 1 column 30
    (char 29)" named a line 1 beside the file's line 8, and a record cut off inside a string
    was "Invalid control character at", the newline ending the line being the character; the
    file's last line, with no newline, was "Unterminated string starting at" (no raw line
    break is in a JSON string: the line ended inside it). json's messages that end "at" are
    not given a second one ("Invalid control character at at column 12")."""
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        return "cut off: the line ends before its JSON value does"
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


# what a file none of whose lines is a record is, by the first character of its first line: a
# .json file (as `export -o out.json` writes JSON Lines, `index` reads one) may be one document
# document; past jsondoc.DOCUMENT_MOST (or when it is no valid JSON), it is not read whole
_ONE_DOCUMENT = {b"[": ("it begins as a JSON array, which is one document",
                        "write each record on a line of its own (jq -c '.[]' FILE does)"),
                 b"{": ("it begins as a JSON object over several lines, which is one document",
                        "write each record on a line of its own (jq -c . FILE does)")}


def _one_document(opened: bytes, too_large: TooLarge | None) -> str:
    """What a file that opens a JSON document is, why it was not read whole, and what to do."""
    what, advice = _ONE_DOCUMENT[opened]
    return f"{what}{f' ({too_large})' if too_large else ''}: {advice}"
# a first line that opens a JSON document over several lines, in which a later line may be a whole
# object: "[" alone or before its first record (an array, a record a line: `[`, `{...},`, `{...}`,
# `]`), "{" alone (a record over several lines, with a nested object on one). Its last record, or
# the nested object, was read as the file's one record, the lines before it each a bad line
_DOCUMENT_OPENING = re.compile(rb"\[\s*(?:\{.*)?|\{", re.S)


def _not_jsonl(path: Path, held: list[IngestError], binary: bool, opened: bytes = b"",
               too_large: TooLarge | None = None) -> IngestError:
    """One report for a file none of whose lines is a JSON record: an HTTP error page or a
    binary file saved under the name, or one JSON document (an array of records, a record
    over several lines: a .json file is read as JSON Lines, as export writes it). Reported
    line by line, a 502 page's lines were "bad JSON lines" that kept only the articles on
    those lines; the others, on lines past its end, were removed by the night's reindex. The
    file is unread: its articles are kept. `opened`: the first character of its first line."""
    if binary:
        return IngestError(str(path), "binary file, not JSON Lines")
    first = held[0]
    document = f"; {_one_document(opened, too_large)}" if opened in _ONE_DOCUMENT else ""
    return IngestError(str(path), f"not JSON Lines: no line is a JSON record (line {first.line}: "
                                  f"{first.reason.removeprefix('bad JSON line: ')}){document}")


NO_ARTICLE_DOCUMENT = ("one JSON document with no article in it (none of " + ", ".join(TEXT_KEYS + HTML_KEYS)
                       + "), as a settings or manifest file is: not read (a .json file is read for articles, "
                       "a record a line or one JSON document of them)")


def _record_like(rec: dict[str, Any]) -> bool:
    """A record (canonical keys) of an article, with its text or without: one that gives a
    title or a date (`export` without --text writes none), unlike a settings file."""
    return _texts(rec) != (None, None) or any(k in rec for k in TITLE_KEYS + DATE_KEYS)


def _document_records(doc: Any) -> list | None:
    """The records a JSON document holds, or None where it holds none (a settings or manifest
    file): an array's items, one of them an article's record, or a response, an array or a dict of
    them (values one after another, as `jq` without -c writes a poller's lines: a stream of dicts
    of articles was "not JSON Lines", none read); the list of articles in a saved API response
    (_listed_articles: NewsAPI's "articles", the Guardian's "response"."results");
    an object's values where each is an object, one of them an article's record (`json.dump` of
    a dict of articles by their address or id: "one JSON document with no article in it"), in
    their order, as `jq -c '.[]'` writes them; a JSON Feed's items, with text or none (_is_json_feed);
    the document itself, where it is one record."""
    if isinstance(doc, list):  # of records, or of responses or arrays one after another (`jq .` of a poller's lines)
        return doc if any(isinstance(v, dict) and (_record_like(rec := canonical_keys(v)[0]) or _listed_articles(rec)
                                                   or _keyed_articles(v) is not None)
                          or isinstance(v, list) and any(isinstance(r, dict) and _record_like(canonical_keys(r)[0])
                                                         for r in v)
                          for v in doc) else None
    if not isinstance(doc, dict):
        return None
    # a dict of articles by their address before a list in it: one article with no text (paywalled)
    # and a list of its own with text (its comments) was taken for a response, the others lost
    if (values := _keyed_articles(doc)) is not None:
        return values
    rec = canonical_keys(doc)[0]
    if _texts(rec) == (None, None) and (listed := _listed_articles(rec)):
        return _feed_items(doc) if _is_json_feed(doc) and listed[0] == ["items"] else _at(rec, listed[0])
    if _is_json_feed(doc) and doc["items"]:  # items none of which has text: each said to have none
        return _feed_items(doc)
    return [doc] if _record_like(rec) else None


def _holds_articles(value: Any, addressed: bool = False) -> bool:
    """Whether a JSON value is a list of articles, not one: an array, a response, a dict of them.
    `addressed`: a titled response with its own address too (_titled_articles), told only where
    every value on a line holds articles, so that a record beside one keeps its id (`FILE:1.1`)."""
    if isinstance(value, list):
        return True
    if not isinstance(value, dict):
        return False
    if _record_like(rec := canonical_keys(value)[0]):  # a titled response (_titled_articles) holds its list
        return (_texts(rec) == (None, None) and any(k in rec for k in TITLE_KEYS)
                and _titled_articles(rec, addressed) is not None)
    return _keyed_articles(value) is not None or _listed_articles(rec) is not None


def _keyed_articles(doc: dict[str, Any]) -> list | None:
    """An object's values where each is an object, one of them an article's record (`json.dump`
    of a dict of articles by their address or id), in their order; else None. Beside articles by
    their address, a count or a status (`{"count": 2, "https://...": {...}}`, values that are no
    object under names no record field has) is the dict's own: its articles were "no text"."""
    # looked for once: for each entry it made a dict of 10,000 numbers (a word list) 6 s of CPU
    addressed = any(isinstance(v, dict) and _is_address(k) for k, v in doc.items())
    values = [v for k, v in doc.items() if not (addressed and _beside_addresses(k, v))]
    if values and all(isinstance(v, dict) for v in values) and any(_texts(canonical_keys(v)[0]) != (None, None)
                                                                    for v in values):
        return values
    return None


def _beside_addresses(key: Any, value: Any) -> bool:
    """Whether an entry of a dict an object of which is under an address is a number or a word beside
    its articles by their address (a count, a status), not one of them: no object, under a name no
    record field has."""
    return not isinstance(value, (dict, list)) and not (isinstance(key, str) and _known_name(key))


def _at(rec: dict[str, Any], keys: list[str]) -> Any:
    """The value under `keys` in a record, one object down for each (_listed_articles found it)."""
    node: Any = rec
    for key in keys:
        node = node[key]
    return node


# where a saved API response keeps its list of articles, by its keys: NewsAPI's, the Guardian's
_API_LISTS = (("articles",), ("response", "results"))
# the names other APIs give their list of articles (Event Registry's and many a search API's
# "results", JSON:API's and mediastack's "data", Google's and JSON Feed's "items", the New York
# Times' "docs", Elasticsearch's "hits", a GraphQL connection's "edges" and "nodes"): emptied, where it is the document's only list, the file
# holds no article ({"items": []}, {"data": {"items": []}} were "one JSON document with no article
# in it", and kept the articles the list held)
_LIST_NAMES = frozenset({"articles", "results", "items", "data", "docs", "documents", "hits", "entries", "records",
                         "stories", "posts", "news", "edges", "nodes"})


def _no_articles(doc: Any, objects: bool) -> str | None:
    """What a JSON document that is an empty list of articles is, or None where it is not one:
    `[]` or `{}` (`json.dump` of a list or dict of articles, emptied), a saved API response whose
    list is empty (NewsAPI's {"status": "ok", "totalResults": 0, "articles": []}), or whose only list,
    under a name APIs give theirs, is (a settings file's alike: said as neither). Such a .json was
    "one JSON document with no article in it", not read, and kept the articles it held, where an
    emptied JSON Lines file's go (EMPTIED). An API's error response has no list: it is none.
    `objects`: whether an object is read as a document (a .json's; a JSON Lines line's is a record)."""
    if doc == []:
        return "an empty JSON array"
    if isinstance(doc, list) and all(_no_articles(v, objects) for v in doc):  # `[] []`: jq's stream of them
        return f"{len(doc)} JSON values one after another, each an empty list of articles"
    if not objects or not isinstance(doc, dict):
        return None
    if not doc:
        return "an empty JSON object"
    for keys in _API_LISTS:
        node = doc
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if node == []:
            return f'a saved API response with no article under "{".".join(keys)}"'
    lists = list(_lists(doc, LIST_DEPTH))
    if all(value == [] for _, value in lists) and (named := [k for k, _ in lists if k[-1].lower() in _LIST_NAMES]):
        # a response emptied, or a tool's settings ({"version": 2, "items": []}): no API's by its shape;
        # a document of several lists, all empty, was said to have one ("its only list ("items")")
        if len(lists) == 1:
            return f'its only list ("{".".join(named[0])}") is empty'
        names = ", ".join('"' + ".".join(keys) + '"' for keys, _ in lists)
        return f"its {len(lists)} lists ({names}) are empty"
    return None


def _lists(node: dict, depth: int) -> Iterator[tuple[list[str], list]]:
    """Every list in an object, with its keys, down to `depth` objects (as _listed_articles looks)."""
    for key, value in node.items():
        if isinstance(value, list):
            yield [str(key)], value
        elif isinstance(value, dict) and depth > 1:
            yield from (([str(key), *keys], inner) for keys, inner in _lists(value, depth - 1))


def _api_error(doc: Any) -> str | None:
    """What a .json that is an API's error response saved in place of its articles is, with its
    message, or None: NewsAPI's {"status": "error", "code": ..., "message": ...}, the Guardian's
    {"response": {"status": "error", "message": ...}}. It was "one JSON document with no article
    in it ..., as a settings or manifest file is", which hid why the fetch brought no article.
    Not read: the articles of an earlier fetch are kept, as a file that cannot be read keeps its."""
    for node in (doc, doc.get("response") if isinstance(doc, dict) else None):
        if isinstance(node, dict) and node.get("status") == "error":
            code, message = (printable(str(node[k]).strip()) if isinstance(node.get(k), (str, int)) else ""
                             for k in ("code", "message"))
            said = ", ".join(filter(None, (code[:60], message and json.dumps(message[:300], ensure_ascii=False))))
            return f"an API's error response, not its articles{f' ({said})' if said else ''}: not read (fetch it again)"
    return None


_BLANK_TEXT = " \t\r\n"  # JSON's whitespace
_JSON_BLANK = re.compile(f"[{_BLANK_TEXT}]*")


class _Values(list):
    """The JSON values of a text that is several, one after another (_document), as against one
    document that is an array."""


def _document(text: str) -> Any:
    """The JSON document a text is; or the JSON values of a text that is several, one after
    another, as `jq` without -c writes them (`jq '.[]' FILE`, `jq . FILE.jsonl`: each record
    pretty-printed over several lines), as a list. Such a file was "not JSON Lines", told to
    `jq -c .` it; value N is the record on line N of what that writes. ValueError where a value
    in it does not parse. Parsed once: json.loads parsed a broken document to its error, and the
    stream's reading then parsed it again (a 90 MB array broken near its end, twice)."""
    decoder = json.JSONDecoder()
    values: list = []
    pos = _JSON_BLANK.match(text).end()
    try:
        while pos < len(text):
            value, end = decoder.raw_decode(text, pos)
            values.append(value)
            pos = _JSON_BLANK.match(text, end).end()
    except RecursionError:  # "[[[[...]]]]" 2,000 deep
        raise ValueError("nested too deeply") from None
    if _MAY_HOLD_SURROGATE.search(text):
        values = _scrubbed(values)
    return values[0] if len(values) == 1 else _Values(values)


def _document_articles(records: list, path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """The records of a JSON document, each as a JSON Lines line is read, its number in the
    list (from 1) for its line: its id where it has no id or URL (`<file>:<n>`) and its address
    (`file:///...#<n>`) are those of the line `jq -c` writes it on. Each is let go once read:
    the document is held whole."""
    resolved = path.resolve()
    exported: list[int] = []
    for n, rec in enumerate(records, 1):
        records[n - 1] = None
        if isinstance(rec, list):  # an array of articles among them (`jq .articles` of two responses): n.k
            yield from _held_articles(rec, n, path, source, base_id, resolved, exported)
            continue
        try:
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            yield record_to_article(rec, source, base_id, n, path, resolved)
        except HoldsArticles as exc:  # a response among them: its articles, n.k
            yield from _held_articles(exc.records, n, path, source, base_id, resolved, exported)
        except ApiError as exc:
            yield IngestError(str(path), str(exc), line=n, unread="record")
        except ValueError as exc:
            said = no_text_said(exc, n, exported, "record") if isinstance(exc, NoText) else f"bad JSON record: {printable(str(exc))}"
            yield IngestError(str(path), said, line=n, unread="record")


def _held_articles(records: list, line: int, path: Path, source: str, base_id: str, resolved: Path,
                   exported: list[int]) -> Iterator[Article | IngestError]:
    """The articles of a line that holds a list of them: an API's response a line, as a poller
    appends them ({"status": "ok", "articles": [...]}), or an array of records. Each line was "JSON
    record with no text of its own: it holds a list of 2 articles under "articles" ... (jq -c
    '.articles[]' FILE does)", none read. Article k has the line's number (its reports, what a bad
    line keeps) and k (record_to_article: its id and address where it has neither id nor URL).
    Each is let go once read."""
    for k, rec in enumerate(records, 1):
        records[k - 1] = None
        try:
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            yield record_to_article(rec, source, base_id, line, path, resolved, item=k)
        except ValueError as exc:
            said = no_text_said(exc, line, exported) if isinstance(exc, NoText) else f"bad JSON record: {printable(str(exc))}"
            yield IngestError(str(path), f"{said} (article {k} of the line)", line=line, unread="record")


def _read_document(path: Path, opener, source: str, base_id: str) -> Iterator[Article | IngestError | TooLarge]:
    """The articles of a file that is one JSON document (jsondoc); nothing where it is none (it
    is read a line a record), its TooLarge where it is too large to read whole. A .json that is
    one document holding no article (manifest.json, a tool's settings) is one report saying so:
    read as JSON Lines, it was told to write each record on a line of its own, or that its one
    line was a record with no text; a .jsonl's records are each reported."""
    try:
        text = document_text(path, opener, _line_text)
    except (EOFError, gzip.BadGzipFile, zlib.error):  # read a line at a time, the damage is said where it is
        return
    if isinstance(text, TooLarge):
        yield text
        return
    try:
        doc = _document(text) if text is not None else None
    except ValueError:  # no JSON document, nor a stream of them: its lines are read, reported as they fail
        return
    one_line = text is not None and "\n" not in text.strip()
    # `[]` on a line, read whole for what may follow it (jsondoc.opens_document): lines after it
    # that hold no article are read a line at a time, as when it was not ("2 lines, each ...")
    empty_first = not one_line and text is not None and text.lstrip(_BLANK_TEXT).startswith(("[]", "{}"))
    del text
    records = _document_records(doc)
    if records is None and empty_first:
        return
    json_name = path.name.lower().endswith((".json", ".json.gz"))
    # values one after another, on lines of their own or on one (a poller's `json.dump` of a response
    # a run, with no newline: its responses were each "JSON record with no text of its own", unread)
    stream = isinstance(doc, _Values) and (not one_line or any(map(_holds_articles, doc))
                                           or all(_holds_articles(v, addressed=True) for v in doc))
    if records is not None and not json_name and not stream and not (len(records) == 1 and records[0] is doc):
        # a .jsonl of one response (or array, or dict of articles), on a line or pretty-printed, is
        # line 1 of a poller's file, as `jq -c .` writes it: its articles 1.k, as when a second comes,
        # which reads it a line at a time or as values one after another: no id changes
        yield from _held_articles(records, 1, path, source, base_id, path.resolve(), [])
    elif records is not None:
        yield from _document_articles(records, path, source, base_id)
    # an object over several lines is a document in a .jsonl too, never a line's record: a response
    # emptied or an error response, pretty-printed, was "not JSON Lines ... (jq -c . FILE does)", where
    # on a line it is empty, or an API's error response
    elif (json_name or not one_line) and (error := _api_error(doc)):  # a fetch that failed: what it brought is kept
        yield IngestError(str(path), error)
    elif (empty := _no_articles(doc, json_name or not one_line)) is not None:  # it holds no record: emptied
        yield IngestError(str(path), f"empty file: {empty}", unread=EMPTIED)
    elif doc is not None and json_name:
        yield IngestError(str(path), NO_ARTICLE_DOCUMENT)


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """Every record of one JSON Lines file (gzipped or not); bad lines are reported and skipped.
    A file that is one JSON document (an array, an API response) is read whole, as its records
    (_read_document), up to jsondoc.DOCUMENT_MOST; after a record, a value over several lines (a
    response pretty-printed after compact ones) is read whole, as one line's (_parse_over_lines).

    Bad lines before the first record are held back until one comes: if none does, the file
    is reported once as no JSON Lines (_not_jsonl), and its articles are kept; so is a file whose
    first line opens a JSON document when a whole object follows (_DOCUMENT_OPENING). A file read
    through with no record in it (emptied: no byte, or blank lines only) is reported as empty
    and holds none: its articles are gone (EMPTIED), as a record deleted from it is."""
    gzipped = path.name.lower().endswith(".gz")
    with open(path, "rb") as fh:
        head = fh.read(2)
    if not head:
        yield IngestError(str(path), "empty file", unread=EMPTIED)
        return
    if gzipped and head != b"\x1f\x8b":
        yield IngestError(str(path), "not a gzip file")
        return
    opener = gzip.open if gzipped else open
    too_large = None
    read_whole = False
    for item in _read_document(path, opener, source, base_id):
        if isinstance(item, TooLarge):
            too_large = item
            break
        read_whole = True
        yield item
    if read_whole:
        return
    resolved = path.resolve()
    line = 0
    records = 0
    empty_lines = 0  # lines that are an empty list of articles (`[]`, a response's): a file of them holds none
    held: list[IngestError] | None = []  # bad lines before the first record; None once one came
    exported: list[int] = []  # the line of the first row of an export without --text (no_text_said)
    binary = False
    opened = b""  # the first character of the first line: "[" opens a JSON array
    one_document = False  # the first line opens a document over several lines (_DOCUMENT_OPENING)
    try:
        with opener(path, "rb") as fh:
            lines = _Lines(_byte_lines(fh))
            for line, data in lines:
                if not data.strip():
                    continue
                records += 1
                rec = None
                try:
                    # after a record, a value may run over lines (a response pretty-printed after compact ones)
                    rec = _parse(data) if held is not None else _parse_over_lines(data, line, lines)
                    if isinstance(rec, list) and (rec == [] or _document_records(rec) is not None):
                        raise HoldsArticles("a list of articles", rec)  # an array on the line, `[]` too
                    if not isinstance(rec, dict):
                        raise ValueError("not a JSON object")
                    item = record_to_article(rec, source, base_id, line, path, resolved)
                except HoldsArticles as exc:  # each read, `[]` a line holds none (no record, and no bad line)
                    empty_lines += not exc.records
                    yield from held or ()
                    held = None
                    yield from _held_articles(exc.records, line, path, source, base_id, resolved, exported)
                    continue
                except ApiError as exc:  # a fetch that failed: what the line held before is kept
                    item = IngestError(str(path), str(exc), line=line, unread="record")
                except ValueError as exc:
                    # a record that parses but holds no text is no "bad JSON" (QA)
                    said = (no_text_said(exc, line, exported) if isinstance(exc, NoText)
                            else f"bad JSON line: {printable(str(exc))}")
                    item = IngestError(str(path), said, line=line, unread="record")
                    if held is not None and not isinstance(exc, NoText):  # a record without text is a record
                        if not held:  # the file's first line
                            first = data.removeprefix(b"\xef\xbb\xbf").strip()
                            # a line that parses whole (`[{...}]`, an array on a line) closes what it opens
                            opened = first[:1]
                            one_document = _DOCUMENT_OPENING.fullmatch(first) is not None and rec is None
                        held.append(item)
                        binary = binary or b"\x00" in data or isinstance(exc, BinaryInput)
                        if len(held) >= NOT_JSONL_AFTER:
                            yield _not_jsonl(path, held, binary, opened, too_large)
                            return
                        continue
                if held and one_document:  # a whole object inside one JSON document: no record of a line
                    yield IngestError(str(path), f"not JSON Lines: {_one_document(opened, too_large)}")
                    return
                yield from held or ()
                held = None
                yield item
    except _DAMAGE as exc:
        yield from held or ()  # the damage is the likelier cause of lines that did not parse
        where = f"after line {line}" if line else "before its first line"
        said = (f"{exc} {where}: the rest is not read" if isinstance(exc, DamagedText)
                else f"truncated or corrupt gzip {where}: {printable(str(exc))}")
        yield IngestError(str(path), said, line=line + 1, unread="rest")
        return
    if records == 0:
        yield IngestError(str(path), "empty file", unread=EMPTIED)
    elif records == empty_lines:  # `[]` a line, as `[] []` on one: emptied, as `[]` alone is
        said = "its line an empty list of articles" if records == 1 else f"{records} lines, each an empty list of articles"
        yield IngestError(str(path), f"empty file: {said}", unread=EMPTIED)
    elif held:
        yield _not_jsonl(path, held, binary, opened, too_large)
