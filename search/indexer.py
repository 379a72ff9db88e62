"""`index` and `reindex`: scan sources, redo only what changed, write a new generation, publish.

Each run works out, per article, three hashes: of its raw input (stage 1 cache key), of
its final clean text (stage 2 cache key) and of its indexed record. Only articles whose
record hash changed are written, so re-running on unchanged input writes nothing and
publishes nothing.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time as dtime, timezone
from functools import partial
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from . import ingest, whoosh_speed
from .article import IngestError, PassedOver
from .clean.templates import find_template_lines, strip_template_lines
from .cache import (CACHE_FILE, CATALOG_COLUMNS, LANGUAGE_TABLE, MODEL_TABLE, Cache, CacheBusy, Catalog, absent_files,
                    cache_damage, code_fingerprint, holds_work, is_damage, refuse_busy_live_catalog, reset_cache,
                    unusable_raised)
from .archive import CHECKED_FILES, damage
from .facets import FacetRows, FacetTable
from .ingest.decode import printable
from .fingerprints import (MODEL_CODE, MODEL_PART, STAGE1_CODE, STAGE1_PACKAGES, STAGE2_CODE, installed_versions,
                           language_fingerprint, part_packages, stage1_fingerprint, stage2_code, stage2_fingerprint,
                           stage2_parts)
from .pipeline import judged_no_article, text_hash
from .unindexed import NO_FILE_TO_READ, SCAN_FILE, read_scan
from .pool import Pool, clean_batch, default_workers, enrich_cached_batch
from .schema import build_schema, join_values, same_schema
from .spelling import Collector, Vocabulary
from .store import IndexBusy, IndexMissing, IndexUnreadable, Store

Progress = Callable[[str, int, int | None], None]
MAX_DELETED = 0.25  # share of deleted documents in the index beyond which a run merges all segments
BULK_DOCS = 10_000  # a fresh build of at least this many articles uses Whoosh's multi-process writer
ROWS = 500  # stage-1 rows a query of the template pass reads (Run.final_texts)




def _hash(obj: Any) -> str:
    return hashlib.sha1(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _noop(stage: str, done: int, total: int | None) -> None:
    pass


def _test_pause(point: str) -> None:
    """Test hook for the crash tests (tests/test_reindex_crash.py), read only here:
    NEWSARCHIVE_TEST_PAUSE=POINT:SECONDS sleeps at POINT, one of "enriching" (stage 2 is
    about to run), "writing" (the new generation's Whoosh index is committed, its catalog
    not yet), "before-publish" (the new generation is complete, CURRENT not yet replaced),
    "after-publish" (CURRENT replaced, the run not yet logged), "before-lock" (the run has
    noted the folders it will make, the lock not yet taken), "cache-opened" (the cache opened,
    nothing read yet), "removing" (a first run that made nothing removes its folder: all but
    the lock gone), so that a test can `kill -9` the run there, or run another beside it. Unset in production: costs one dictionary lookup."""
    spec = os.environ.get("NEWSARCHIVE_TEST_PAUSE")
    if spec:
        name, _, seconds = spec.rpartition(":")
        if name == point:
            print(f"newsarchive: test pause at {point}", flush=True)  # the test waits for this line
            time.sleep(float(seconds))


class Run:
    """State of one index/reindex run over one new generation."""

    def __init__(self, store: Store, full: bool, progress: Progress | None):
        self.store = store
        self.full = full
        self.progress = progress or _noop
        self.published: str | None = None  # the generation this run made live, once it has
        # why a run not asked to rebuild did (schema_upgraded, repaired), for the run log of one
        # that then failed too: /status named it "reindex --full", an option nobody gave
        self.rebuilt: dict[str, Any] = {}
        self.fp1 = stage1_fingerprint(STAGE1_CODE)
        self.fp2_parts = stage2_parts(STAGE2_CODE, MODEL_CODE)  # for the summary: which part changed
        # ... and whether its code did, or a library it runs (the manifest records both)
        self.code = {CLEANER: code_fingerprint(*STAGE1_CODE), **stage2_code(STAGE2_CODE, MODEL_CODE)}
        self.fp2 = stage2_fingerprint(self.fp2_parts)
        self.fpm = self.fp2_parts[MODEL_PART]  # the NER model's output (cache.ModelOutputs)
        self.fpl = language_fingerprint(self.fp2_parts)  # the texts' languages (cache.Languages)
        self.failed: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []  # articles indexed without something they gave (a date)
        # kept: articles of sources missing this run (an unmounted drive), still indexed
        self.counts = {"added": 0, "changed": 0, "unchanged": 0, "removed": 0, "purged": 0, "kept": 0, "moved": 0,
                       "rewritten": 0}
        self.rewritten_why: str | None = None  # why `rewritten` unchanged articles were cleaned again
        # stage 2 computed this run: texts, those the NER model read, those whose model output
        # was in the cache; and of the articles, those whose text the live generation had enriched
        self.enriched = {"texts": 0, "ner_runs": 0, "ner_cached": 0, "languages_cached": 0}
        self.reenriched = 0
        self.reenriched_why: str | None = None
        # of those, the articles of the paths this run was given (all sources for a reindex):
        # `index PATH` keeps every other source's too, which said nothing of whether PATH failed
        self.kept_given = 0
        self.missing_roots: set[str] = set()
        # articles kept though the file they came from is gone (`index` without --prune): the
        # live generation does not reflect the files as they are
        self.kept_deleted = False
        self.timings: dict[str, float] = {}  # seconds per stage, in the summary
        self.per_file: Counter = Counter()
        self.listings = ingest.Listings()  # each folder's metadata files, for the hash of the files and the scan
        # A full run starts from an empty generation: the live one's catalog tells it which
        # articles are new, changed or gone, and which it must keep without reading them.
        self.prior: dict[str, dict] = {}
        self.forgotten: set[str] = set()  # sources dropped by this run (`forget`)
        self.forgotten_articles = 0  # their articles, dropped with them
        self.forget_finished: list[str] = []  # dropped from the list for a `forget` before (keep_forget_promise)
        # What this run could not read, whose articles are kept rather than deleted: whole
        # files (first unread line 0), the rest of a damaged file from a line on, single
        # records whose content is unknown (a bad JSON line), single articles (a cleaner bug).
        # A record that was read and is no article (an HTTP error page, a duplicate id)
        # protects nothing: one such line kept every deleted article of its file indexed.
        self.unread_from: dict[str, int] = {}
        self.unread_lines: dict[str, set[int]] = {}
        self.unread_ids: set[str] = set()
        self.unread_folders: set[str] = set()  # folders that could not be listed, with a final "/"
        # The files this run opened (each by its path as given and resolved): one read again
        # holds the records it holds now, whether or not the run removes the files gone
        self.read_files: set[str] = set()
        # the stage-1 keys of every record read this run, and the hashes of the published
        # generation's articles (content, final text): what the cache keeps of this code's rows
        self.read_keys: set[str] = set()
        self.live_hashes: tuple[set[str], set[str]] | None = None
        self.cache_reset: str | None = None  # why a damaged cache file was started afresh
        self.cache_pruned: dict[str, int] | None = None  # rows under old fingerprints deleted (Cache.prune)

    def note_read(self, path: str | None) -> None:
        if path and path not in self.read_files:  # once a file: an article's path is resolved
            self.read_files.update((path, _resolved(path)))

    def note_unread(self, err: IngestError) -> None:
        self.note_read(err.path)  # a file reported was opened too: what of it was not read keeps its articles
        if not err.path or not err.unread:
            return
        for p in {err.path, _resolved(err.path)}:
            if err.unread == "tree":
                self.unread_folders.add(os.path.join(p, ""))
            elif err.unread == "file" or err.line is None:
                self.unread_from[p] = 0
            elif err.unread == "rest":
                self.unread_from[p] = min(self.unread_from.get(p, err.line), err.line)
            else:
                self.unread_lines.setdefault(p, set()).add(err.line)

    def was_unread(self, d: dict) -> bool:
        """True for a catalog row this run may not have seen because what holds it was not read."""
        if d["id"] in self.unread_ids:
            return True
        if self.unread_folders and d["path"] and any(d["path"].startswith(f) for f in self.unread_folders):
            return True
        line = _line(d)
        first = self.unread_from.get(d["path"])
        if first is not None and (first == 0 or line is None or line >= first):
            return True
        return line is not None and line in self.unread_lines.get(d["path"], ())

    @contextmanager
    def timed(self, stage: str):
        t = time.monotonic()
        try:
            yield
        finally:
            self.timings[stage] = round(self.timings.get(stage, 0.0) + time.monotonic() - t, 3)

    # ---------------------------------------------------------------- scan
    def scan(self, roots: list[str], old: dict[str, dict], cache: Cache,
             reuse: Callable[[Path], list[dict] | None] | None, pool: Pool) -> tuple[dict[str, dict], set[str]]:
        """Read every article under `roots`; clean the new and changed ones (stage 1, on
        the process pool while this process goes on reading).
        A file for which `reuse` returns catalog rows (its bytes unchanged) is not read."""
        rows: dict[str, dict] = {}
        scanned_roots: set[str] = set()

        # two folders called "news" get distinct ids, each for good
        names = ingest.source_names(self.store.sources(), self.store.source_names())
        self.store.record_source_names(names)

        kinds: dict[str, str] = {}  # the count each row of this scan was counted under
        # Captures of an id other than the newest read in this run, each (captured, row, kind,
        # report): the newest of them stands in for the newest capture if that proves to be a
        # bot check or no article (or breaks the cleaner), so that the URL keeps an article.
        # So an older capture read after the newer one is cleaned too.
        standby: dict[str, list[tuple[str, dict, str, dict]]] = {}

        def stand_by(iid: str, captured: str, row: dict, kind: str, report: dict) -> None:
            standby.setdefault(iid, []).append((captured, row, kind, report))
            standby[iid].sort(key=lambda s: s[0])
        # Articles of sources this run does not read (`index s1` while s2 is indexed): a
        # capture of one of their URLs is compared with theirs too.
        scanning = {ingest.path_text(root) for root in roots}
        # A source `forget` drops holds nothing any more: a copy it held first (a duplicate, a
        # link, a newer capture) is read from the source that has it now. Compared with them,
        # it was skipped again and then removed with the forgotten source.
        gone = {ingest.path_text(f) for f in self.forgotten}
        elsewhere = {i: d for i, d in (self.prior if self.full else old).items()
                     if d["root"] not in scanning and d["root"] not in gone}
        # Which article each file (and line or record of it) was read as, links resolved: a
        # link to another source's folder (or a second link to one file) read its files again
        # under other ids, each article twice in every count. The first read wins.
        read_as: dict[tuple[str, int | None, int | None], str] = {(d["path"], _line(d), _item(d)): i
                                                                   for i, d in elsewhere.items()}

        # A hard link is a second name of one file, which resolving links does not reveal:
        # such a file (more than one name) is known by the first name it was read under.
        first_name: dict[str, str] = {}
        by_inode: dict[tuple[int, int], str] = {}

        def one_name(path: str) -> str:
            if path not in first_name:
                try:
                    st = os.stat(path)
                except (OSError, ValueError):
                    first_name[path] = path
                else:
                    first_name[path] = by_inode.setdefault((st.st_dev, st.st_ino), path) if st.st_nlink > 1 else path
            return first_name[path]

        def read_before(iid: str, path: str | None, line: int | None, item: int | None) -> bool:
            first = read_as.setdefault((one_name(path), line, item), iid) if path else iid
            if first == iid:
                return False
            # either path may be the link: the first read wins, whichever it was (review: a
            # source's own file, read first through another source's link, was called the link)
            self.failed.append(IngestError(path or "", f"the same file as {first}, read again as {iid} (one file, "
                                                       "two paths: a link or a second name): skipped", line).to_dict())
            return True

        def duplicate(iid: str, held: dict, where: str | None, line: int | None) -> None:
            held_line = _line(held)
            kept = printable(held["path"]) + (f", line {held_line}" if held_line else "")
            self.failed.append(IngestError(where or "", f"duplicate id {iid}: skipped (kept: {kept})", line).to_dict())

        def older_than_elsewhere(iid: str, captured: str, where: str | None, line: int | None) -> bool:
            """True (and reported) when a source this run does not read holds a newer
            capture of `iid`; a newer one read now is kept, and the other's file reported."""
            other = elsewhere[iid]
            other_at = _info(other).get("captured") or ""
            if captured and other_at and other_at > captured:
                self.failed.append(_older_capture(iid, captured, other_at, where, line))
                return True
            if captured and other_at and captured > other_at:
                self.failed.append(_older_capture(iid, other_at, captured, other["path"], _line(other)))
                return False
            if other["path"] != where:  # the same article in another source (a copied WARC): theirs stays
                duplicate(iid, other, where, line)
                return True
            return False

        def take_newer(iid: str, captured: str, where: str | None, line: int | None) -> tuple[str, dict | None]:
            """A second article with id `iid` (a page crawled again, a record appended):
            ("newer", None) when it is a newer capture than the row held, which is then given
            up (reported, uncounted, stood by); ("older", its report) when it is the older one;
            ("duplicate", None) when neither is (reported, and skipped)."""
            held = rows[iid]
            held_at = _info(held).get("captured") or ""
            if captured and held_at and captured > held_at:
                report = _older_capture(iid, held_at, captured, held["path"], _line(held))
                self.failed.append(report)
                kind = kinds.pop(iid)
                self.counts[kind] -= 1
                stand_by(iid, held_at, rows.pop(iid), kind, report)
                return "newer", None
            if captured and held_at and captured < held_at:
                report = _older_capture(iid, captured, held_at, where, line)
                self.failed.append(report)
                return "older", report
            duplicate(iid, held, where, line)
            return "duplicate", None

        def to_clean():  # reads, keeps the books, and hands out the articles to clean
            n = 0
            for root in roots:
                if not Path(root).exists():
                    self.failed.append({"path": root, "reason": "source is missing: its documents are kept"})
                    self.missing_roots.add(ingest.path_text(root))
                    continue
                scanned_roots.add(ingest.path_text(root))  # as the catalog stores it
                empty = True
                for item in ingest.read_path(Path(root), reuse, names.get(root), listings=self.listings):
                    empty = False
                    if isinstance(item, list):  # the rows of an unchanged file, as they are
                        for d in item:
                            self.note_read(d["path"])
                            if read_before(d["id"], d["path"], _line(d), _item(d)):
                                continue
                            captured = _info(d).get("captured") or ""
                            verdict, report = take_newer(d["id"], captured, d["path"], None) if d["id"] in rows \
                                else ("new", None)
                            if verdict == "older":
                                stand_by(d["id"], captured, dict(d), "unchanged", report)
                            elif verdict != "duplicate":
                                rows[d["id"]] = dict(d)
                                kinds[d["id"]] = "unchanged"
                                self.counts["unchanged"] += 1
                        continue
                    if isinstance(item, IngestError):
                        self.failed.append(item.to_dict())
                        self.note_unread(item)
                        continue
                    if isinstance(item, PassedOver):  # read for no article: what a reading before took from them goes
                        for path in item.paths:
                            self.note_read(path)
                        self.notes.append({"path": item.path, "note": item.note})
                        continue
                    n += 1
                    self.progress("reading", n, None)
                    self.note_read(item.path)
                    if read_before(item.id, item.path, item.line, item.item):
                        continue
                    captured = _captured(item.meta, item.published)
                    verdict, report = take_newer(item.id, captured, item.path or item.url, item.line) \
                        if item.id in rows else ("new", None)
                    if verdict == "duplicate":
                        continue
                    if verdict == "new" and item.id in elsewhere and older_than_elsewhere(
                            item.id, captured, item.path or item.url, item.line):
                        continue
                    self.notes.extend({"path": item.path or item.url, "note": note,
                                       **({"line": item.line} if item.line is not None else {})}
                                      for note in item.notes)
                    prev = old.get(item.id)
                    before = prev or self.prior.get(item.id)
                    # the same bytes read again are unchanged, also when cleaned again (a new
                    # release's cleaner, a lost cache): an upgrade counted every article "changed"
                    kind = ("added" if before is None else "changed" if before["content_hash"] != item.content_hash
                            else "unchanged")
                    key = f"{item.content_hash}:{self.fp1}"
                    self.read_keys.add(key)
                    cached = cache.has1(key)
                    info = json.dumps({"url": item.url, "kind": item.kind, "meta": item.meta, "captured": captured,
                                       "line": item.line, **({"item": item.item} if item.item is not None else {}),
                                       **({"mirror_url": item.mirror_url} if item.mirror_url else {})},
                                      ensure_ascii=False, default=str)
                    if prev and prev["content_hash"] == item.content_hash and not self.full and cached \
                            and prev["path"] == item.path:  # not another source's copy: that one goes with it
                        # as read now: a record moved to another line of its file has that line
                        # (its report, its file:// anchor, and what an unreadable line protects)
                        row, kind = {**prev, "info": info}, "unchanged"
                    else:
                        row = {
                            "id": item.id, "root": ingest.path_text(root), "path": item.path, "source": item.source,
                            "content_hash": item.content_hash, "tpl_hash": None, "text_hash": None,
                            "record_hash": None,
                            "info": info,
                        }
                    # The row first: the article's cleaning may come back (and fail) before
                    # this generator is resumed.
                    if verdict == "older":
                        stand_by(item.id, captured, row, kind, report)
                    else:
                        rows[item.id] = row
                        kinds[item.id] = kind
                        self.counts[kind] += 1
                    if not cached:
                        yield (item.id, key, item.path or item.url, kind, item.line), item
                if empty:  # said, not left to a summary of zeros: a mistyped folder, a mount not there
                    self.notes.append({"path": ingest.path_text(root), "note": NO_FILE_TO_READ})

        for (iid, key, where, kind, line), res in pool.map(clean_batch, to_clean()):
            if isinstance(res, str):  # a cleaner bug must not stop the archive
                # the record's line too: a bot check inside a large feed is found by it
                self.failed.append({"path": where, "reason": res, **({"line": line} if line is not None else {})})
                content = key.split(":")[0]
                if rows.get(iid, {}).get("content_hash") != content:  # a capture on standby
                    # cannot stand in for the newest
                    standby[iid] = [s for s in standby.get(iid, ()) if s[1]["content_hash"] != content]
                    continue
                del rows[iid]
                self.counts[kinds.pop(iid)] -= 1
                if standby.get(iid):  # the newest capture before it is indexed instead
                    _, held, kind, report = standby[iid].pop()
                    rows[iid], kinds[iid] = held, kind
                    self.counts[kind] += 1
                    self.failed.remove(report)
                    continue
                live = old.get(iid) or self.prior.get(iid)
                if not judged_no_article(res) or live is None or live["content_hash"] != content:
                    # a cleaner bug, or a page that was an article and is now a bot check
                    # (blocked when crawled again): the live generation's version stays
                    self.unread_ids.add(iid)
                # else the very bytes an older release indexed are judged no article now
                # (a bot check it took for one): that version goes
                continue
            cache.put1_json(key, *res)
        cache.commit()
        self.per_file = Counter(d["path"] for d in rows.values())  # for scan.json: which files to trust next time
        if not self.full:  # a full run writes every article again, and says so
            # unchanged, yet not the live row: cleaned and enriched again (a row kept has its text_hash)
            self.counts["rewritten"] = sum(kinds.get(i) == "unchanged" and d["text_hash"] is None for i, d in rows.items())
        return rows, scanned_roots

    # ------------------------------------------------------- archive passes
    def final_texts(self, docs: dict[str, dict], cache: Cache) -> set[str]:
        """The template pass (cross-document boilerplate) and its result: the ids whose final
        text changed. Each row keeps (for this run only, under "hit") the template lines its
        clean text loses: the final text is then its clean text unless that list is non-empty.
        Each stage-1 row is read once, in queries of ROWS rows: its line keys for the count,
        kept for the hits (the count holds every distinct line anyway); its data only for an
        article whose final text is to be computed. The keys were read and parsed twice (where
        a source has template lines), a query per row each time."""
        items = list(docs.items())
        keys: dict[str, list[str]] = {}
        for k in range(0, len(items), ROWS):
            chunk = items[k:k + ROWS]
            found = cache.stage1_json("keys", [f"{d['content_hash']}:{self.fp1}" for _, d in chunk])
            for i, d in chunk:
                raw = found.get(f"{d['content_hash']}:{self.fp1}")
                keys[i] = (json.loads(raw) if raw else None) or []
        templates = find_template_lines((d["source"], keys[i]) for i, d in items)
        tpl_hashes: dict[tuple[str, ...], str] = {}  # most articles share theirs (none, or a site's footer)
        changed: set[str] = set()
        for k in range(0, len(items), ROWS):
            todo = []  # (position, row, its template hash): the articles whose final text is computed
            for n, (i, d) in enumerate(items[k:k + ROWS], k + 1):
                tpl = templates.get(d["source"])
                hit = sorted(tpl.intersection(keys.pop(i))) if tpl else []
                d["hit"] = hit
                tpl_hash = tpl_hashes.get(tuple(hit))
                if tpl_hash is None:
                    tpl_hash = tpl_hashes[tuple(hit)] = _hash([self.fp1, hit])
                if not (d["text_hash"] and d["tpl_hash"] == tpl_hash):
                    todo.append((n, d, tpl_hash))
            found = cache.stage1_json("data", [f"{d['content_hash']}:{self.fp1}" for _, d, _ in todo]) if todo else {}
            for n, d, tpl_hash in todo:
                raw = found.get(f"{d['content_hash']}:{self.fp1}")
                text = self.final_text(d, json.loads(raw) if raw else None)[0]
                d["tpl_hash"] = tpl_hash
                th = text_hash(text)
                if th != d["text_hash"]:
                    d["text_hash"] = th
                    changed.add(d["id"])
                self.progress("boilerplate", n, len(docs))
        return changed

    def enrich(self, docs: dict[str, dict], ids: set[str], cache: Cache, pool: Pool, known: set[str]) -> None:
        """Stage 2 for the articles whose final text is not in the cache; the NER model runs
        only on those whose model output is not there either. `known`: the text hashes the
        live generation holds (their enrichment again is counted as `reenriched`)."""
        todo: dict[str, str] = {}  # one text hash -> one article to compute it from
        for i in ids:
            th = docs[i]["text_hash"]
            if th not in todo and not cache.has2(f"{th}:{self.fp2}"):
                todo[th] = i
        self.reenriched = sum(docs[i]["text_hash"] in todo and docs[i]["text_hash"] in known for i in ids)
        texts = ((th, self.text_of(docs[i], cache)) for th, i in todo.items())  # read lazily

        def batch_done(n: int) -> None:  # after the batch's results are in the cache
            cache.commit()
            self.progress("enriching", n, len(todo))

        fn = partial(enrich_cached_batch, str(cache.path), self.fpm, self.fpl)
        detected = 0
        for th, (result, outputs, languages) in pool.map(fn, texts, total=len(todo), on_batch=batch_done):
            cache.put2_json(f"{th}:{self.fp2}", result)
            for key, data in outputs:
                cache.put_model_json(key, data)
            for key, language in languages:
                cache.put_language(key, language)
            self.enriched["ner_runs"] += len(outputs)
            detected += len(languages)
        self.enriched["texts"] = len(todo)
        self.enriched["ner_cached"] = len(todo) - self.enriched["ner_runs"]
        self.enriched["languages_cached"] = len(todo) - detected

    def text_of(self, d: dict, cache: Cache) -> str:
        data = cache.get1(f"{d['content_hash']}:{self.fp1}")
        return self.final_text(d, data)[0]

    def final_text(self, d: dict, data: dict) -> tuple[str, list[dict]]:
        """The text stage 2 sees and the index holds: the clean text less the template
        lines it contains (the same as stripping every template line of its source)."""
        hit = d.get("hit")
        if hit:
            return strip_template_lines(data["text"], set(hit))
        return data["text"], []

    def resolve(self, docs: dict[str, dict], cache: Cache):
        from .entities import DocMentions, resolve

        def gen():
            for d in docs.values():
                raw = cache.get2_json(f"{d['text_hash']}:{self.fp2}")
                d["enrichment"] = text_hash(raw) if raw else None  # for record_key, this run only
                s2 = json.loads(raw) if raw else {}
                label = (s2.get("translation") or {}).get("label")
                yield DocMentions(d["id"], s2.get("mentions") or [], label == "likely")

        return resolve(gen(), self.previous_entities())

    def previous_entities(self) -> list:
        """The live generation's entities: their display names stay where they can."""
        from .archive import _load_entities

        try:
            res = _load_entities(self.store.current_dir())
        except Exception:  # no index yet, or a damaged one: names are chosen afresh
            return []
        return res.entities if res is not None else []

    # ---------------------------------------------------------------- write
    def record_key(self, d: dict, resolution) -> str:
        """Everything the indexed record depends on, hashed without building the record. Stage
        2's results, not its code's fingerprint: a release whose translation detector or entity
        rules changed wrote every document again, and merged the index's segments, where most
        had the same flags and mentions as before (2,000 Reuters articles: 21 of the 82 s)."""
        ents = (resolution.for_doc(d["id"]), resolution.mention_entities(d["id"]))
        return _hash([self.fp1, d.get("enrichment"), d["content_hash"], d["text_hash"], d["info"], d["source"], ents])

    def record(self, d: dict, cache: Cache, resolution) -> dict[str, Any]:
        from .entities.resolve import RESOLUTION_HINTS  # as in resolve: the entity modules load late

        data = cache.get1(f"{d['content_hash']}:{self.fp1}")
        s2 = cache.get2(f"{d['text_hash']}:{self.fp2}") or {}
        text, tpl_removed = self.final_text(d, data)
        info = json.loads(d["info"])
        mentions = [{k: v for k, v in m.items() if k not in RESOLUTION_HINTS} for m in s2.get("mentions") or []]
        for m, eid in zip(mentions, resolution.mention_entities(d["id"])):
            m["entity"] = eid
        entities = resolution.for_doc(d["id"])
        translation = s2.get("translation")
        url = info["url"]
        canonical = data.get("canonical_url") or ""
        if not url.startswith(("http://", "https://")):
            # a page saved to disk: its canonical address, else the one its mirror's folders give
            # (kept out of stage 1, whose cache is by content: a file moved keeps its bytes)
            url = canonical if canonical.startswith(("http://", "https://")) else info.get("mirror_url") or url
        return {
            "id": d["id"],
            "url": url,
            "site_name": data.get("site_name"),
            "source": d["source"],
            "path": d["path"],
            "title": data["title"] or _display_title(text) or d["id"],
            "published": data["published"] or ingest.warc.capture_date(info.get("meta") or {}),
            "text": text,
            "author": data.get("author"),
            "credit": data.get("credit"),
            "dateline": data.get("dateline"),
            "language": s2.get("language") or "unknown",
            "translation": translation,
            "mentions": mentions,
            "entities": entities,
            "removed": list(data.get("removed") or []) + tpl_removed,
            "content_hash": d["content_hash"],
            "meta": info.get("meta") or {},
        }

    def fields(self, rec: dict[str, Any]) -> dict[str, Any]:
        published = date.fromisoformat(rec["published"]) if rec["published"] else None
        ents = rec["entities"]
        label = (rec["translation"] or {}).get("label")
        f = {
            "id": rec["id"],
            "path": rec["path"] or "",
            "url": rec["url"],
            "title": rec["title"],
            "text": rec["text"],
            "source": rec["source"],
            "language": rec["language"],
            "year": str(published.year) if published else "",
            "translated": label or "",
            "person": join_values(ents.get("person", [])),
            "organization": join_values(ents.get("organization", [])),
            "location": join_values(ents.get("location", [])),
            "entity": join_values(sorted({m["entity"] for m in rec["mentions"] if m.get("entity")})),
            "content_hash": rec["content_hash"],
            "record_hash": rec["record_hash"],
            "doc": json.dumps({k: v for k, v in rec.items() if k != "text"}, ensure_ascii=False, default=str),
        }
        f["dated"] = 1 if published else 0
        if published:
            f["published"] = datetime.combine(published, dtime())
        return {k: v for k, v in f.items() if v != "" or k in ("id", "text", "title")}


class NotASource(ValueError):
    """`forget` named a path that is not one of the index's sources, or `index` a folder
    holding sources already indexed under their own names (exit code 2)."""


def _as_sources(paths: list[str], known: list[str]) -> list[str]:
    """The sources that indexing `paths` means, resolved and each once: a path inside a
    known source, or inside another path given, is that source (its articles have ids relative to it: indexed again under
    the file's own name, each would appear twice). A folder holding known sources is
    refused rather than indexed over them."""
    out: list[str] = []
    given = {Path(_resolved(p)) for p in paths}
    for p in paths:
        path = Path(_resolved(p))
        if any(g in path.parents for g in given):
            # a folder given with one that holds it (`index s2/news s2`) is part of that one, as
            # in two runs: kept as a source too, its files were read twice ("read again
            # through a link") and the outer source listed with no article
            continue
        inside = next((k for k in known if path != Path(k) and Path(k) in path.parents), None)
        holds = [k for k in known if path != Path(k) and path in Path(k).parents]
        if holds:
            raise NotASource(f"{path} holds sources indexed on their own ({', '.join(holds)}): "
                             "index those, or `newsarchive forget` them first")
        root = inside or str(path)
        if root not in out:
            out.append(root)
    return out


def _is_index_dir(path: Path, store: Store) -> bool:
    """True for the index directory itself, a folder inside it, or another index."""
    path, own = Path(_resolved(str(path))), store.path.resolve()
    return path == own or own in path.parents or (path.is_dir() and ingest.is_index(path))


def _resolved(path: str) -> str:
    """`path` with its links followed, or as given when they loop (`ln -s a.txt a.txt`): a loop
    is a file reported unreadable, and Path.resolve's RuntimeError stopped the whole run."""
    try:
        return str(Path(path).resolve())
    except (RuntimeError, OSError):
        return path


def _display_title(text: str, words: int = 12) -> str:
    first = text.strip().split("\n", 1)[0]
    parts = first.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def run(
    store: Store,
    paths: list[str] | None = None,
    *,
    prune: bool = False,
    full: bool = False,
    progress: Progress | None = None,
    forget: list[str] | None = None,
) -> dict[str, Any]:
    """Index `paths` (adding them to the sources), or reindex every source when None.
    `forget`: sources to drop, with their articles (then `paths` must be None).

    Raises IndexBusy when another run holds the lock; NotASource when `forget` names a
    path that is not a source; NotAnIndex when the index directory is a folder of other files.
    """
    store.refuse_other_files()
    made = _first_missing(store.path)
    cache_made = absent_files(store.path / CACHE_FILE)
    try:
        _test_pause("before-lock")
        return _attempts(store, paths, prune=prune, full=full, progress=progress, forget=forget)
    except BaseException as exc:
        if not store.locked:  # for the CLI: the index folder, its cache too, is another run's or as it was
            exc.began = False
        raise
    finally:
        _remove_empty_cache(store, cache_made)
        if made is not None:
            _remove_if_unused(store, made)


# What a run writes into an index directory before it has indexed anything: a directory holding
# no more than these (no generation, no cache) is no index, and is removed by the run that made it
BOOKKEEPING = frozenset({"lock", "sources.json", "sources.json.tmp", "source_names.json", "source_names.json.tmp",
                         "runs.jsonl", SCAN_FILE, SCAN_FILE + ".tmp"})


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` that is not there yet (the run creates it), or None."""
    path, missing = path.absolute(), None
    while not path.exists() and path != path.parent:
        path, missing = path.parent, path
    return missing


def _remove_empty_cache(store: Store, made: list[Path]) -> None:
    """The cache this run made (its files the system said were absent when it started: `made`)
    removed when the run published nothing and the cache holds no result: a first run stopped
    (Ctrl-C) before its first result left an empty cache.sqlite, which kept the folder the run had
    made, every command then taking it for an index. A cache there before the run (a user's, an
    earlier run's) stays, empty or not; one holding work, or that cannot be read now, stays. Done
    under the lock, as _remove_if_unused is."""
    cache = store.path / CACHE_FILE
    if cache not in made or not cache.is_file():
        return
    try:
        with store.lock_if_free() as held:
            if not held or store.current_name() is not None or holds_work(cache):
                return
            for path in made:
                path.unlink(missing_ok=True)
    except (OSError, IndexMissing):  # an append-only folder, gone already, unreadable: left, said as before
        pass


def _remove_if_unused(store: Store, made: Path) -> None:
    """The index directory this run created (and the folders above it, from `made` on) removed
    when the run left nothing in it but its bookkeeping: `index --index NEWDIR /missing/path`
    (a typo) left NEWDIR with a lock, an empty list of sources and a run log, which every
    command then took for an index whose first run had not finished. A cache (a first run that
    failed midway: its enrichment is hours of work) or a generation keeps it all. Done under
    the lock: the folder is another run's while it holds it (this run, refused as busy, or
    done, would delete that run's lock and sources), and left as it is."""
    try:
        # the run log's lock too: a run refused meanwhile logs once the folder is gone, writing
        # nothing, where its line made runs.jsonl again in it and the folder stayed
        with store.lock_if_free() as held, store.log_held():
            if not held:
                return
            names = set(os.listdir(store.path))
            if not names <= BOOKKEEPING:
                return
            # the lock last: once it is gone a new run makes a lock of its own and writes its list of
            # sources, which this loop deleted when the set's order (a hash's) had the lock first
            for name in sorted(names, key=lambda n: n == "lock"):
                if name == "lock":
                    _test_pause("removing")
                (store.path / name).unlink()
            path = store.path.absolute()
            while True:
                path.rmdir()  # only an empty folder: anything another process put there stays
                if path == made:
                    break
                path = path.parent
    except OSError:  # gone already, or another process's file in it: left as it is
        pass


def _attempts(store: Store, paths: list[str] | None, *, prune: bool, full: bool, progress: Progress | None,
              forget: list[str] | None) -> dict[str, Any]:
    """run() itself: again with the cache afresh when it was damaged, with the catalog rebuilt
    when the live one's damage showed midway. The attempts run under one lock, logged as one run:
    each took the lock anew, so the damaged cache was deleted with no lock held (a run started
    meanwhile had opened it), and the run log said the run had failed ("DatabaseError: database
    disk image is malformed") before the line of the attempt that worked."""
    started = time.monotonic()
    command = "forget" if forget else "index" if paths is not None else "reindex"
    cache_reset = catalog_broken = None
    attempt = [Run(store, full, progress)]  # the one going on, for _failure_logged
    with _failure_logged(store, command, attempt, started), store.lock(), _no_stand_in_after(store):
        while True:  # at most three attempts: as asked, then with the cache afresh, the catalog rebuilt
            if cache_reset or catalog_broken:
                attempt[0] = Run(store, full, progress)
                attempt[0].cache_reset = cache_reset
            try:
                return _run(attempt[0], paths, prune=prune, full=full, forget=forget, command=command,
                            started=started, catalog_broken=catalog_broken)
            except CatalogDamaged as exc:
                # The new generation's catalog, a copy of the live one's, malformed where the damage
                # check and the reading of its rows do not look (a page of its id index): the run
                # ended "internal error: DatabaseError: database disk image is malformed" every
                # night. The live catalog damaged: rebuilt as damage found at the start is; sound:
                # the copy went bad while written (a disk's error), said so, the live index kept.
                live = store.current_name()
                broken = cache_damage(store.path / live / "catalog.sqlite") if live else None
                if broken is None or catalog_broken is not None:
                    failed = OSError(errno.EIO, f"the new generation's catalog is damaged ({exc}); {exc.left}",
                                     str(exc.path))
                    for note in getattr(exc, "__notes__", ()):  # what the run left behind (discard_failed)
                        failed.add_note(note)
                    raise failed from exc
                catalog_broken = broken
            except sqlite3.DatabaseError:
                # The enrichment cache damaged past what opening it reads: every run with work to do
                # failed ("internal error: DatabaseError"), `reindex --full` too, until someone deleted
                # the file. It only saves work: started afresh, the run is done again.
                damaged = cache_damage(store.path / CACHE_FILE)
                if damaged is None or cache_reset is not None:
                    raise
                reset_cache(store.path / CACHE_FILE)
                cache_reset = damaged


class CatalogDamaged(Exception):
    """SQLite found the new generation's catalog malformed midway (_catalog_errors): for run()
    to tell the live catalog's damage (a rebuild) from a copy gone bad (an error)."""

    def __init__(self, path: Path, exc: sqlite3.DatabaseError, left: str) -> None:
        super().__init__(str(exc))
        self.path = path
        self.left = left  # what the run leaves of the index: Store.left_as_it_was


@contextmanager
def _catalog_errors(path: Path, left: str):
    """The new generation's catalog's errors named as its, not as the cache's: a lock, a
    permission, a full disk as unusable() says them, damage as CatalogDamaged; each saying
    `left`, what the run leaves of the index (Store.left_as_it_was: a first run has no live one)."""
    try:
        with unusable_raised(path, "the new generation's catalog", left, afresh=False):
            yield
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        raise CatalogDamaged(path, exc, left) from exc


def _run(r: Run, paths: list[str] | None, *, prune: bool, full: bool, forget: list[str] | None, command: str,
         started: float, catalog_broken: str | None = None) -> dict[str, Any]:
    """One attempt of run(), under the lock. `catalog_broken`: what an attempt before found wrong
    with the live catalog (it is rebuilt, as damage found here is)."""
    store = r.store
    current_fault = _read_stand_in(store)  # before anything else asks which generation is live
    # read once, before this run's own replaces it; None where it cannot be read (a folder in its place,
    # JSON that is no object: every run with work to do failed), as where there is none: each file is read
    scan_before = read_scan(store.path)
    skipped_before, noted_before = _said_before(scan_before)
    # a `forget` published before, its list of sources not written: finished first, else
    # this run read the source again and added its articles back
    r.forget_finished = store.keep_forget_promise()
    if forget:
        sources, wanted = store.sources(), {p: _resolved(p) for p in forget}
        unknown = [p for p, rp in wanted.items() if rp not in sources and rp not in r.forget_finished]
        if unknown:
            raise NotASource(f"not a source of this index: {', '.join(unknown)} "
                             f"(sources: {', '.join(sources) or 'none'})")
        # dropped from the list once the generation without their articles is live: dropped
        # first, a run that failed (disk full, killed) left their articles in the index with no
        # source to forget them by, kept by every reindex after
        r.forgotten = set(wanted.values())
    if current_fault and store.stand_in is None:
        _refuse_losing_missing(store, current_fault, r.forgotten)
    if paths is not None:
        # A path that is not there and was never a source is a typo: reported, not
        # recorded (it would be "missing" on every run after).
        known = store.sources()
        new_missing = [p for p in paths if not Path(p).exists() and _resolved(p) not in known]
        for p in new_missing:
            # a dangling link is reported as the link, with the file it names (as in a folder)
            link = os.path.islink(p)
            why = ingest.unreachable(Path(p)) if link else "no such file or directory"
            path = os.path.abspath(p) if link else _resolved(p)
            r.failed.append({"path": path, "reason": f"{why} (not added to the sources)"})
        # An index directory (this one, or a folder inside it) is no archive: refused the same
        # way, or its own files were reported as skipped input on every run after.
        indexes = [p for p in paths if p not in new_missing and _is_index_dir(Path(p), store)]
        for p in indexes:
            r.failed.append({"path": _resolved(p), "reason": f"{ingest.NOT_AN_ARCHIVE} (not added to the sources)"})
        # a device, pipe or socket (`index /dev/null`) is never opened: recorded, it was a
        # source with no article, named by stats on every run after
        special = {p: why for p in paths if p not in new_missing and p not in indexes
                   and (why := ingest.not_regular(Path(p)))}
        for p, why in special.items():
            r.failed.append({"path": _resolved(p), "reason": f"{why} (not added to the sources)"})
        paths = _as_sources([p for p in paths if p not in new_missing and p not in indexes and p not in special], known)
        store.add_sources(paths)
        roots = paths
        remove_missing = prune
    else:
        roots = [p for p in store.sources() if p not in r.forgotten]
        remove_missing = True
    upgrade = not full and not current_fault and _schema_outdated(store)
    damaged = current_fault or (None if full or upgrade else _live_damage(store))
    if catalog_broken:
        damaged = f"catalog.sqlite: {catalog_broken}"
    if upgrade or damaged:  # rebuilt from every source: a fresh generation holds only what this run reads
        full = r.full = True
        r.rebuilt = {"schema_upgraded": True} if upgrade else {"repaired": damaged}
        roots = [p for p in store.sources() if p not in r.forgotten]
    if full:
        r.prior = _rows_from_index(store) if catalog_broken else _live_catalog(store)
    with r.timed("scan"):
        files = _hash_files(roots, r.listings)  # before scanning: a file changed meanwhile is rescanned next time
        scan = _scan_state(r, roots, scan_before)  # None unless scan.json describes the live generation
        quick = ((paths is None and not full and not r.forgotten and _sources_unchanged(r, scan, files))
                 or (paths == [] and not full))  # every path given was a typo: nothing to do
    old = None
    if not quick and not full:
        # The damage check reads the catalog's first page; this run reads it all. Damage
        # further in failed every run with work to do ("internal error: DatabaseError").
        old, broken = _live_rows(store)
        if broken:
            damaged = f"catalog.sqlite: {broken}"
            full = r.full = True
            r.rebuilt = {"repaired": damaged}
            r.prior = _rows_from_index(store)
            roots = [p for p in store.sources() if p not in r.forgotten]
            with r.timed("scan"):
                files, scan = _hash_files(roots, r.listings), None
    if quick:  # every source file byte-identical to the live generation's: nothing to do
        generation = store.current_name()
    else:
        gen = store.new_generation(copy=not full)
        try:
            # a lock, a full disk, met after the cache opened: said as opening it says them
            with unusable_raised(store.path / CACHE_FILE):
                summary = _run_in(r, gen, roots, remove_missing, files, scan, old)
        except BaseException as exc:
            store.discard_failed(exc, gen)  # the live generation was never touched
            raise
        if summary is None:
            store.discard(gen)
            generation = store.current_name()
            if generation is None and paths:
                # a first run that read no article (`index report.docx` into a folder made for
                # it): a source of no index, said skipped by every run after
                store.remove_sources([p for p in paths if p not in known])
            if r.forgotten:  # nothing of theirs to drop: the list is all there is to change
                store.promise_forget(generation, sorted(r.forgotten))
            _prune_cache(r)  # the live generation is this code's
        else:
            try:
                _test_pause("before-publish")
                if r.forgotten:
                    store.promise_forget(gen.name, sorted(r.forgotten))
                with r.timed("publish"):
                    store.publish(gen)
            except BaseException as exc:  # e.g. disk full writing CURRENT.tmp
                if store.current_name() != gen.name:
                    store.discard_failed(exc, gen, store.path / "CURRENT.tmp")
                raise
            r.published = gen.name
            _test_pause("after-publish")
            generation = gen.name
            _prune_cache(r)  # after publishing: a run that failed leaves them for the release before
        if r.forgotten:
            try:
                store.keep_forget_promise()
            except OSError as exc:
                names = ", ".join(sorted(map(ingest.path_text, r.forgotten)))
                raise OSError(exc.errno, f"{names} forgotten ({generation} is live without their articles), "
                                         f"but the list of sources could not be written ({exc.strerror}): "
                                         "the next run drops them from it", exc.filename) from exc
        _save_scan(r, generation, roots, files, scan_before)
    result = {
        "indexed": r.counts["added"] + r.counts["changed"],
        **r.counts,
        "failed": [{**f, "again": True} if _skip_key(f) in skipped_before else f for f in r.failed],
        "notes": [{**n, "again": True} if _note_key(n) in noted_before else n for n in r.notes],
        "seconds": round(time.monotonic() - started, 3),
        "generation": generation,
        "timings": r.timings,
    }
    if full:  # the counts compare with the generation it replaced; every article was written again
        result["full"] = True
    if r.cache_reset:
        result["cache_reset"] = r.cache_reset
    if r.cache_pruned:
        result["cache_pruned"] = r.cache_pruned
    if r.rewritten_why:  # set only when some were rewritten
        result["rewritten_why"] = r.rewritten_why
    if r.enriched["texts"]:
        result["enriched"] = r.enriched
    if r.reenriched:
        result["reenriched"] = r.reenriched
        result["reenriched_why"] = r.reenriched_why
    if r.forgotten and generation is not None:  # said by name: a `forget` said only a count removed
        result["forgotten"] = sorted(map(ingest.path_text, r.forgotten))
        result["forgotten_articles"] = r.forgotten_articles
    if r.forget_finished:
        result["forget_finished"] = [ingest.path_text(p) for p in r.forget_finished]
    if upgrade:
        result["schema_upgraded"] = True
    if damaged:
        result["repaired"] = damaged
    if store.recovered:  # a run before this one died (kill -9, power cut): what was cleaned up
        result["recovered"] = store.recovered
    try:
        store.log_run({"command": command, "full": full,
                       **{k: (len(v) if k in ("failed", "notes") else v) for k, v in result.items()}})
    except OSError as exc:
        # a disk full at the very end: the run is done (and published), and was said as failed,
        # "File too large" and no more (exit 1); the nightly job was then run again for nothing
        result["run_log"] = f"not written ({exc.strerror or exc}: {store.path / 'runs.jsonl'})"
    result[KEPT_GIVEN] = r.kept_given  # for the exit code, not the summary (the CLI takes it out)
    return result


# The result's count of `kept` articles that belong to the paths the run was given: an
# `index PATH` run that read nothing of PATH failed (exit 1) whatever other sources it kept
KEPT_GIVEN = "kept_given"


def _schema_outdated(store: Store) -> bool:
    """Whether the live generation's Whoosh index was written with a schema other than this
    code's (an older release's analyzer, say, before accents were folded), or its schema cannot
    be read back. Whoosh keeps analysing with the schema pickled in the index, so an incremental
    run would file new articles the old way for ever; only a rebuild from the sources brings the
    whole archive to the current schema (the enrichment cache makes it mostly Whoosh writing)."""
    live = _live_index_dir(store)
    if live is None:
        return False
    try:
        schema = whoosh_index.open_dir(str(live)).schema
    except Exception:  # e.g. a field class that no longer unpickles
        return True
    return not same_schema(schema, build_schema())


def _live_damage(store: Store) -> str | None:
    """What makes the live generation unreadable (a truncated segment, a garbage facet or
    entity file), or None. Copied forward, the damage would outlive every incremental run;
    rebuilt from the sources (and the cache), it is gone."""
    name = store.current_name()
    if name is None or not (store.path / name).is_dir():
        return None
    from .archive import damage

    # not _live_index_dir: a generation whose Whoosh table of contents is gone holds no index
    # by Whoosh's test, and was taken for "nothing to check" while every search failed
    return damage(store.path / name, quick=True)


def _read_stand_in(store: Store) -> str | None:
    """Where CURRENT names no generation that is there (garbled bytes, a crash's NUL bytes, emptied,
    a generation gone), what is wrong, said as the run's repair, with the newest whole generation (its
    manifest written, last of its files, and sound by damage()) set as the one the run reads as live
    (store.stand_in): a rebuild from an empty start dropped the articles of a source missing that
    night, said kept. None where CURRENT is sound."""
    store.stand_in = None  # an attempt before may have set it
    fault = store.current_fault()
    if fault is None:
        return None
    for name in reversed(store.generations()):
        if (store.path / name / "manifest.json").is_file() and damage(store.path / name, quick=True) is None:
            store.stand_in = name
            return f"{fault}; {name}, its newest whole generation, read as the live one"
    return fault


def _refuse_losing_missing(store: Store, fault: str, forgotten: set[str]) -> None:
    """Raises IndexUnreadable (exit 3, before anything is written) where CURRENT names no live
    generation, no other is whole, and a source is missing: rebuilt, its articles would be lost."""
    missing = [p for p in store.sources() if p not in forgotten and not Path(p).exists()]
    if not missing:
        return
    names = ", ".join(missing)
    fix = (f"mount or restore {names} and run `newsarchive reindex --full`, or drop "
           f"{'its' if len(missing) == 1 else 'their'} articles with `newsarchive forget`")
    raise IndexUnreadable(f"the index at {store.path} is damaged ({fault}) and holds no whole generation to keep "
                          f"the articles of {names} from, which {'is' if len(missing) == 1 else 'are'} missing: "
                          f"a rebuild would lose them; {fix} (nothing was changed)", fix=fix)


@contextmanager
def _no_stand_in_after(store: Store) -> Iterator[None]:
    """The run's stand-in for the live generation dropped when the run ends, published or not."""
    try:
        yield
    finally:
        store.stand_in = None


def _live_index_dir(store: Store) -> Path | None:
    """The live generation's directory, when it holds a Whoosh index."""
    name = store.current_name()
    if name is None or not whoosh_index.exists_in(str(store.path / name)):
        return None
    return store.path / name


def _info(row: dict) -> dict:
    """A catalog row's `info` (url, kind, meta, capture time, line), as a dict."""
    return json.loads(row.get("info") or "{}")


def _line(row: dict) -> int | None:
    """The line (JSON Lines) or record number (WARC) a catalog row was read from, if kept."""
    return _info(row).get("line")


def _item(row: dict) -> int | None:
    """The article's number among those its line holds (Article.item), if it shares its line."""
    return _info(row).get("item")


def _older_capture(iid: str, older: str, newer: str, where: str | None, line: int | None) -> dict:
    """The report of a capture of `iid` that a newer one replaces."""
    return IngestError(where or "", f"an older capture of {iid} ({older}): the one captured {newer} is indexed",
                       line).to_dict()


def _captured(meta: Any, published: date | None = None) -> str:
    """When a page was fetched (a WARC record's WARC-Date, news-please's date_download or
    date_modify), else its publication date, as a sortable UTC time; "" when the input does
    not say. Of two captures of one URL the newer is indexed: a daily crawl's update or
    correction replaces yesterday's text."""
    for key in ("warc_date", "date_download", "date_modify"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return when.astimezone(timezone.utc).isoformat()
    if published is not None:
        return datetime.combine(published, dtime(), tzinfo=timezone.utc).isoformat()
    return ""


SCAN_CODE = ("ingest", "article")  # the readers: a change to them means reading every file again


def _hash_files(roots: list[str], listings: ingest.Listings) -> dict[str, str] | None:
    """SHA-1 of the bytes of every file under `roots`; None when a root is missing or a
    file unreadable (then only a full scan can tell what to do). `listings`: the run's, which
    its scan reads the folders' metadata files from."""
    out: dict[str, str] = {}
    try:
        for root in roots:
            if not Path(root).exists():
                return None
            for f in ingest.iter_files(ingest.source_root(Path(root))[1]):
                if special := ingest.not_regular(f):  # never opened (a FIFO blocks); the scan reports it
                    out[str(f)] = special
                    continue
                h = hashlib.sha1()
                # a page's metadata file beside it is read with it: a changed one reads the page again
                for part in (f, listings.metadata_file(f)):
                    if part is not None:
                        with open(part, "rb") as fh:
                            while chunk := fh.read(1 << 20):
                                h.update(chunk)
                out[str(f)] = h.hexdigest()
    except OSError:
        return None
    return out


def _scan_state(r: Run, roots: list[str], scan: Any) -> dict | None:
    """`scan` (scan.json) when it describes the live generation, these roots and this code."""
    store = r.store
    live = store.current_name()
    if r.full or live is None or not (store.path / live).is_dir() or not isinstance(scan, dict):
        return None
    if (scan.get("generation") != live or scan.get("roots") != roots
            or scan.get("code") != [r.fp1, r.fp2, code_fingerprint(*SCAN_CODE)]
            or _manifest(store.path / live).get("code") != [r.fp1, r.fp2]):
        return None
    return scan


def _sources_unchanged(r: Run, scan: dict | None, files: dict[str, str] | None) -> bool:
    """True when the live generation was built from exactly these files (same bytes, same
    reader and pipeline code): the reindex is a no-op and need not parse a single article.
    The counts and the skipped inputs are those of the run that built it (scan.json)."""
    if files is None or scan is None or scan.get("files") != files:
        return False
    r.counts["unchanged"] = int(scan.get("articles", 0))
    r.counts["kept"] = int(scan.get("kept", 0))
    r.kept_given = r.counts["kept"]  # a reindex's: every source was given
    r.failed.extend(scan.get("failed") or [])
    r.notes.extend(scan.get("notes") or [])  # dropped, a no-op run said 0 notes where the run before said 2
    return True


def _reuser(r: Run, scan: dict | None, old: dict[str, dict], cache: Cache,
            files: dict[str, str] | None) -> Callable[[Path], list[dict] | None] | None:
    """For Run.scan: a file whose bytes are those the live generation was built from need
    not be read; its catalog rows stand for it. Only when they are all there (as many as
    that run took from it), none of its inputs was skipped, and stage 1 holds them all."""
    if scan is None or files is None:
        return None
    by_path: dict[str, list[dict]] = {}
    for d in old.values():
        by_path.setdefault(d["path"], []).append(d)
    failed = {f.get("path") for f in scan.get("failed") or []}
    before, counts = scan.get("files") or {}, scan.get("per_file") or {}
    notes: dict[str, list[dict]] = {}  # a file not read again says the notes its reading gave
    for n in scan.get("notes") or []:
        notes.setdefault(n.get("path"), []).append(n)

    def reuse(f: Path) -> list[dict] | None:
        key = str(f)
        if key not in files or before.get(key) != files[key] or key in failed:
            return None
        path = ingest.path_text(_resolved(str(f)))  # as the readers store it
        rows = by_path.get(path)
        if not rows or path in failed or len(rows) != counts.get(path):
            return None
        if not cache.has1_all(f"{d['content_hash']}:{r.fp1}" for d in rows):
            return None
        r.notes.extend(notes.get(path, ()))
        return rows

    return reuse


def _save_scan(r: Run, generation: str | None, roots: list[str], files: dict[str, str] | None,
               before: Any) -> None:
    """Record which file contents the live generation reflects, for the next no-op check.
    Written after publishing: a run killed before this leaves a scan.json naming an older
    generation, which the check then ignores. `before`: the scan.json this run found (read_scan)."""
    if files is None or generation is None or r.kept_deleted:
        # kept_deleted: "these files, no change" would be false: the next reindex would skip the scan
        # that removes those articles, night after night (QA: `index` then `reindex` never removed a
        # deleted file's articles). The scan.json left names older files or an older generation.
        _save_skipped(r, roots, before)
        return
    # `skipped` and `noted` (for _said_before) only where the run before said something of a source
    # this run did not read: else they are this run's `failed` and `notes`, which it reads in their place
    skipped, noted = _said_of_unread(r, roots, before)
    said = {"skipped": r.failed + skipped, "noted": r.notes + noted} if skipped or noted else {}
    try:
        r.store._write_json(SCAN_FILE, {
            **said,
            "generation": generation, "roots": roots, "code": [r.fp1, r.fp2, code_fingerprint(*SCAN_CODE)],
            "articles": r.counts["added"] + r.counts["changed"] + r.counts["unchanged"],
            "kept": r.counts["kept"],
            "failed": r.failed, "notes": r.notes, "files": files, "per_file": r.per_file,
        })
    except OSError:  # disk full: the next run just reads every file again
        pass


def _save_skipped(r: Run, roots: list[str], scan: Any) -> None:
    """This run's skips and notes in the scan.json it leaves as it was (`skipped`, `noted`, for
    _said_before): left as those of the run that wrote it, a file removed or mended on a night a source
    was missing, then put back broken, was "skipped as on the run before" though the run before had not
    skipped it. Those of the sources this run did not read (`index PATH` reads PATH alone) are kept: the
    nightly reindex after it listed them all again, as if new. `scan`: the scan.json this run found."""
    if not isinstance(scan, dict):  # none, or unreadable: the next run lists every skip
        return
    try:
        skipped, noted = _said_of_unread(r, roots, scan)
        r.store._write_json(SCAN_FILE, {**scan, "skipped": r.failed + skipped, "noted": r.notes + noted})
    except OSError:  # a full disk: the next run lists every skip or note as before
        pass


def _said_of_unread(r: Run, roots: list[str], scan: Any) -> tuple[list[dict], list[dict]]:
    """The skips and the notes the run before kept (`scan`, its scan.json) of the sources this run
    did not read (not in `roots`): this run's own stand for the rest."""
    if not isinstance(scan, dict):
        return [], []
    unread = [ingest.path_text(s) for s in r.store.sources() if s not in roots]
    return (_said_under(scan.get("skipped", scan.get("failed")), unread),
            _said_under(scan.get("noted", scan.get("notes")), unread))


def _said_under(said: Any, sources: list[str]) -> list[dict]:
    """The skips or notes of `said` (as scan.json keeps them) about a file of one of `sources`."""
    if not isinstance(said, list) or not sources:
        return []
    return [f for f in said if isinstance(f, dict) and isinstance(f.get("path"), str)
            and any(f["path"] == s or f["path"].startswith(s.rstrip(os.sep) + os.sep) for s in sources)]


def _skip_key(failed: dict) -> str:
    """What names one skipped input across runs: its file, line and reason."""
    return json.dumps([failed.get("path"), failed.get("line"), failed.get("reason")], default=str)


def _note_key(note: dict) -> str:
    """What names one note across runs: its file, line and words."""
    return json.dumps([note.get("path"), note.get("line"), note.get("note")], default=str)


def _said_before(scan: Any) -> tuple[set[str], set[str]]:
    """The inputs the run before skipped (_skip_key) and the notes it said (_note_key), as its
    scan.json (`scan`, read_scan) keeps them (`skipped`, `noted` where that run did not write the
    rest): a nightly reindex of an archive with 500 pictures listed 500 lines every night, the same
    ones, and an archive of feeds with ambiguous dates its notes; the CLI lists the new ones."""
    if not isinstance(scan, dict):
        return set(), set()

    def keys(said: Any, key: Callable[[dict], str]) -> set[str]:
        return {key(f) for f in said if isinstance(f, dict)} if isinstance(said, list) else set()

    return (keys(scan.get("skipped", scan.get("failed")), _skip_key),
            keys(scan.get("noted", scan.get("notes")), _note_key))


@contextmanager
def _failure_logged(store: Store, command: str, attempt: list[Run], started: float):
    """A run that raised is logged too (best effort: the disk may be full), whatever stopped it: a
    run refused because another held the lock (IndexBusy), or stopped before it made a generation
    (the live catalog locked by another process or unreadable, sources.json not writable) left no
    line, and `stats` and /healthz showed the run before as the last, as if the nightly run had
    not been started. The lock is let go first; Store.log_run's own lock keeps the appends of a
    refused run and of the run holding the lock whole. A command refused as mistyped (`forget`
    of a path that is no source) is no run. A run the lock refused is logged as "refused", no
    "error": it is no failure, and /healthz's `last_error` and `stats` ("reindex failed:
    IndexBusy: ...") told a monitor the index had failed while the run holding the lock worked."""
    try:
        yield
    except NotASource:
        raise
    except BaseException as exc:
        r = attempt[0]  # the attempt that raised
        if r.published is not None:  # stopped after publishing (Ctrl-C while the cache was pruned): for
            exc.published = r.published  # the CLI, which said "the live index is unchanged"
        try:
            if type(exc) is IndexBusy:  # the run lock's alone: CacheBusy, a catalog locked, is a failure
                why = {"refused": str(exc)}
            else:
                # Ctrl-C's KeyboardInterrupt says nothing: `stats` showed "reindex failed: KeyboardInterrupt: "
                said = str(exc) or ("interrupted" if isinstance(exc, KeyboardInterrupt) else "")
                why = {"error": f"{exc.__class__.__name__}: {said}" if said else exc.__class__.__name__}
            store.log_run({"command": command, "full": r.full, **r.rebuilt, **why,
                           "seconds": round(time.monotonic() - started, 3), "generation": store.current_name()})
        except Exception:
            pass
        raise


def _run_in(r: Run, gen: Path, roots: list[str], remove_missing: bool, files: dict[str, str] | None = None,
            scan: dict | None = None, old: dict[str, dict] | None = None) -> dict | None:
    """`old`: the live catalog's rows, when read already (`gen` holds a copy of them)."""
    store = r.store
    left = store.left_as_it_was()
    try:
        cache = Cache(store.path / CACHE_FILE)
    except Exception as exc:
        # a first run's cache that could not be used (locked, a full disk, an append-only folder
        # that kept the empty file) was said without "no index was made", as other first runs say
        if store.current_name() is None and not isinstance(exc, sqlite3.DatabaseError):  # damage: run() retries
            exc.add_note(left)
        raise
    r.cache_reset = cache.reset or r.cache_reset
    catalog_errors = partial(_catalog_errors, gen / "catalog.sqlite", left)
    catalog: Catalog | None = None
    pool = Pool()  # started on first need (stage 1 or stage 2), stopped after stage 2
    error: BaseException | None = None
    try:
        _test_pause("cache-opened")  # in the try: a run stopped here closes its cache
        with catalog_errors():
            catalog = Catalog(gen / "catalog.sqlite")
        with r.timed("scan"):
            if old is None:
                with catalog_errors():
                    old = catalog.all()
            orig = {i: tuple(d[c] for c in CATALOG_COLUMNS) for i, d in old.items()}
            rows, scanned = r.scan(roots, old, cache, _reuser(r, scan, old, cache, files), pool)
        base = r.prior if r.full else old  # what the live generation holds
        # A file that is there but could not be read this time (an I/O error, a dangling
        # link, bytes that no longer decode) keeps its articles, and so does the unread part
        # of a damaged file or an unreadable record (Run.was_unread): only an article that
        # is gone from a file read through is a deletion.
        forgotten = {ingest.path_text(f) for f in r.forgotten}
        # and the articles of a source no longer listed at all: left by a `forget` that failed
        # before this release dropped the source only once its articles were gone
        listed = {ingest.path_text(f) for f in store.sources()}
        forgotten |= {d["root"] for d in base.values() if d["root"] not in listed}
        removed = {i for i, d in base.items() if d["root"] in forgotten and rows.get(i, d)["root"] in forgotten}
        r.forgotten_articles = len(removed)  # said by `forget` with the sources it drops
        # An article of a source read this run and not read from it is gone: a file removed
        # (only when the run removes them: `reindex`, `index --prune`), or a record removed
        # from a file read again (by `index` too: a record deleted from a feed stayed searchable)
        removed |= {i for i, d in base.items() if d["root"] in scanned and i not in rows and not r.was_unread(d)
                    and (remove_missing or d["path"] in r.read_files)}
        r.counts["removed"] = len(removed)
        # Articles not read this run (their source is missing, or their file is gone and the
        # run does not prune) are kept. One whose clean text is not in the cache for this
        # code (the cleaner changed since) cannot be redone without its file: it stays as
        # the live generation holds it ("frozen") until its source is back.
        kept = {i: d for i, d in base.items() if i not in rows and i not in removed}
        # every article kept without being read: a missing source's, an unreadable file's, a
        # deleted file's when the run does not prune (a run that kept some did not fail)
        r.counts["kept"] = len(kept)
        given = {ingest.path_text(p) for p in roots}
        r.kept_given = sum(d["root"] in given for d in kept.values())
        r.kept_deleted = any(d["root"] in scanned and not r.was_unread(d) for d in kept.values())
        _say_kept(r, kept)
        frozen = {i: kept.pop(i) for i in cache.missing1({i: f"{d['content_hash']}:{r.fp1}" for i, d in kept.items()})}
        new_or_changed = {i for i, d in rows.items() if d["text_hash"] is None}
        # an unchanged article read from another line (records reordered): its link and line
        moved = sum(i in old and old[i]["info"] != d["info"] and old[i]["content_hash"] == d["content_hash"]
                    for i, d in rows.items())
        r.counts["moved"] = moved  # stored again though unchanged: said so, not left to the merge count
        same_code = _manifest(gen).get("code") == [r.fp1, r.fp2]
        if r.counts["rewritten"]:
            r.rewritten_why = _rewritten_why(r, same_code)
        if not new_or_changed and not removed and not moved and not r.full and old and same_code:
            return None
        docs = {i: d for i, d in old.items() if i not in removed and i not in frozen}
        docs.update(kept)
        docs.update(rows)
        if not docs and store.current_name() is None:
            # a first run that read no article (a .docx, an empty file given alone): published,
            # its empty generation kept the folder as an index of nothing, the file as its source
            return None

        with r.timed("templates"):  # archive-wide pass 1: cross-document boilerplate
            r.final_texts(docs, cache)
        _test_pause("enriching")
        warming = _warm_resolution()  # while this process mostly waits for the pool
        with r.timed("enrich"):
            # only cache misses are computed
            r.enrich(docs, set(docs), cache, pool, {d["text_hash"] for d in base.values() if d["text_hash"]})
        if r.reenriched:
            r.reenriched_why = _reenriched_why(r)
        pool.close()  # the workers' memory back before writing
        with r.timed("entities"):  # archive-wide pass 2: entity resolution
            warming.join()
            resolution = r.resolve(docs, cache)

        whoosh_speed.apply()
        fresh = not whoosh_index.exists_in(str(gen))  # then the facet arrays come from the records
        ix = whoosh_index.create_in(str(gen), build_schema()) if fresh else whoosh_index.open_dir(str(gen))
        facet_rows = FacetRows() if fresh else None
        # "did you mean" words (search/spelling.py): the live generation's plus the written
        # documents'; an index created before spelling.py keeps Whoosh's spelling field
        spelling = None
        if not ix.schema["text"].spelling:
            previous = None if fresh else Vocabulary.load(r.store.current_dir())
            if previous is not None and previous.docs is None:
                previous = None  # written before the document counts were kept
            spelling = Collector(previous)
            if previous is None and not fresh:  # lost: taken again from the stored documents
                with ix.searcher() as s:
                    for stored in s.documents():
                        spelling.add(stored)
        # the documents this run deletes or replaces, as the index stored them: their words
        # leave the vocabulary's counts (a fresh generation starts with no counts)
        replaced = ix.searcher() if spelling is not None and not fresh else None
        # A fresh build of a large archive writes one segment per core (measured: bench/scale.py);
        # small and incremental runs keep one process and merging.
        bulk = (r.full or not old) and len(docs) >= BULK_DOCS
        writer = ix.writer(limitmb=256, procs=min(default_workers(), 4), multisegment=True) if bulk else ix.writer(limitmb=256)
        try:
            for i in removed:
                if replaced is not None:
                    spelling.remove(replaced.document(id=i) or {})
                writer.delete_by_term("id", i)
            written = 0
            to_write = []
            with r.timed("diff"):
                for i, d in docs.items():
                    rec_key = r.record_key(d, resolution)
                    if rec_key == d.get("record_hash") and i in old and not r.full:
                        continue
                    d["record_hash"] = rec_key
                    to_write.append(i)
            with r.timed("write"):
                for i in to_write:
                    d = docs[i]
                    rec = r.record(d, cache, resolution)
                    rec["record_hash"] = d["record_hash"]
                    fields = r.fields(rec)
                    if facet_rows is not None:
                        facet_rows.add(fields)
                    if spelling is not None:
                        spelling.add(fields)
                    if i in old and not r.full:
                        if replaced is not None:
                            spelling.remove(replaced.document(id=i) or {})
                        writer.update_document(**fields)
                    else:
                        writer.add_document(**fields)
                    written += 1
                    r.progress("writing", written, len(to_write))
                if r.full:  # an empty generation: the frozen articles come from the live one
                    for fields in _frozen_fields(r, frozen):
                        for extra in (facet_rows, spelling):
                            if extra is not None:
                                extra.add(fields)
                        writer.add_document(**fields)
                        frozen[fields["id"]]["written"] = True
                writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            if replaced is not None:
                replaced.close()
        with r.timed("optimize"):
            r.counts["purged"] = _purge_deleted(ix)
        if spelling is not None:
            with r.timed("spelling"):
                spelling.save(gen)
        _test_pause("writing")
        with r.timed("facets"), ix.searcher() as s:
            table = facet_rows.table(s.reader()) if facet_rows is not None else None
            (table or FacetTable.build(s.reader())).save(gen)
        del facet_rows
        with r.timed("entities"):  # part of the archive-wide entity pass
            (gen / "entities.json").write_text(json.dumps(resolution.to_json(), ensure_ascii=False), encoding="utf-8")
        with r.timed("catalog"), catalog_errors():
            catalog.delete(removed)
            catalog.upsert(d for i, d in docs.items() if orig.get(i) != tuple(d[c] for c in CATALOG_COLUMNS))
            if r.full:  # the frozen articles the live generation could give
                frozen = {i: d for i, d in frozen.items() if d.pop("written", False)}
                catalog.upsert(frozen.values())
        (gen / "manifest.json").write_text(json.dumps({
            "generation": gen.name, "documents": len(docs) + len(frozen), "code": [r.fp1, r.fp2],
            "stage2": r.fp2_parts,  # what a later run's reenriched_why compares
            # and what it tells apart: which code changed, which library (its version before)
            "code_parts": r.code, "versions": installed_versions(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "files": {n: (gen / n).stat().st_size for n in CHECKED_FILES if (gen / n).exists()},  # for damage()
        }), encoding="utf-8")
        r.live_hashes = ({d["content_hash"] for d in (*docs.values(), *frozen.values())},
                         {d["text_hash"] for d in (*docs.values(), *frozen.values()) if d["text_hash"]})
        return {"written": len(to_write)}
    except BaseException as exc:
        error = exc
        raise
    finally:
        def close_catalog() -> None:
            if catalog is not None:
                with catalog_errors():
                    catalog.close()

        _close_all((pool.close, close_catalog, cache.close), raising=error is None)


def _warm_resolution() -> threading.Thread:
    """Entity resolution's tables loaded in a thread (entities.resolve.warm) while stage 2
    runs: the pass after it ran alone on one core, the other idle, and spent about 2 s of
    its CPU loading them. A failure here is met again, and said, by resolve itself."""
    def warm() -> None:
        try:
            from .entities.resolve import warm

            warm()
        except Exception:
            pass

    thread = threading.Thread(target=warm, name="warm-resolution", daemon=True)
    thread.start()
    return thread


def _close_all(closers, raising: bool) -> None:
    """Every one of `closers` called, though one raises; then the first error raised when
    `raising` (else the run's own error, met before, is the one said). The catalog's last
    commit failing (another process reading the new generation's file) skipped the cache's
    close and left its connection open in the process, and hid the run's own error."""
    first: BaseException | None = None
    for close in closers:
        try:
            close()
        except BaseException as exc:
            first = first or exc
    if first is not None and raising:
        raise first


# Published runs after which the cache's rows of an article the index no longer holds (deleted,
# forgotten, its text changed) are deleted (Cache.sweep): a nightly reindex keeps them ten days,
# for a source forgotten by mistake or a file put back. The NER model's rows are kept: their
# keys (the model's input) are in no catalog.
SWEEP_AFTER = 10


def _prune_cache(r: Run) -> None:
    """The enrichment cache's rows computed under other fingerprints than this code's deleted,
    once the run's results are in it (Cache.prune): every release left a copy of the archive's
    enrichment behind, and the file only grew. A cache that cannot be pruned is left as it is:
    it only saves work, and the run is done."""
    try:
        cache = Cache(r.store.path / CACHE_FILE)
        try:
            with r.timed("prune"):
                freed = cache.prune({"stage1": r.fp1, "stage2": r.fp2, MODEL_TABLE: r.fpm, LANGUAGE_TABLE: r.fpl})
                if r.live_hashes is not None:  # a generation published: what it no longer holds
                    contents, texts = r.live_hashes
                    freed["gone"] = cache.sweep({
                        "stage1": (r.fp1, {f"{h}:{r.fp1}" for h in contents} | r.read_keys),
                        "stage2": (r.fp2, {f"{h}:{r.fp2}" for h in texts}),
                        LANGUAGE_TABLE: (r.fpl, {f"{h}:{r.fpl}" for h in texts})}, after=SWEEP_AFTER)
        finally:
            cache.close()
    except (sqlite3.Error, OSError, CacheBusy):
        return
    if freed["rows"] or freed.get("gone"):
        r.cache_pruned = freed


def _say_kept(r: Run, kept: dict[str, dict]) -> None:
    """Tell, in the reason of a file skipped this run, that its articles stay indexed."""
    per_path = Counter(d["path"] for d in kept.values() if r.was_unread(d))
    for f in r.failed:
        p = f.get("path")
        n = p and (per_path.get(p) or per_path.get(_resolved(p)))
        folder = p and next((x for x in (os.path.join(p, ""), os.path.join(_resolved(p), ""))
                             if x in r.unread_folders), None)
        if folder:  # a folder that could not be listed: the articles of its files
            n = sum(c for path, c in per_path.items() if path and path.startswith(folder))
        line = f.get("line")
        # the report of where a file is cut off or damaged: the articles of its lines or records
        # from there on (a cut-off .jsonl.gz or WARC said nothing of the articles it kept)
        cut = bool(p and line) and line in (r.unread_from.get(p), r.unread_from.get(_resolved(p)))
        if cut:
            n = sum(d["path"] in (p, _resolved(p)) and (_line(d) is None or _line(d) >= line) for d in kept.values())
        if n and (not line or cut):
            f["reason"] += f" (kept as last indexed: {n} article{'s' if n > 1 else ''})"


def _live_catalog(store: Store) -> dict[str, dict]:
    """The live generation's catalog rows; when the catalog cannot be read, rows rebuilt
    from the articles its Whoosh index stores (_rows_from_index); none when there is no
    live generation."""
    rows, broken = _live_rows(store)
    return _rows_from_index(store) if broken else rows


def _live_rows(store: Store) -> tuple[dict[str, dict], str | None]:
    """The live generation's catalog rows, and what is wrong with the catalog (None when it
    reads through)."""
    name = store.current_name()
    if name is None or not (store.path / name).is_dir():
        return {}, None
    if not (store.path / name / "catalog.sqlite").is_file():
        return {}, "catalog.sqlite is missing"
    try:
        catalog = Catalog(store.path / name / "catalog.sqlite")
        try:
            return catalog.all(), None
        finally:
            catalog.close()
    except sqlite3.DatabaseError as exc:
        refuse_busy_live_catalog(store.path / name / "catalog.sqlite", exc)
        return {}, f"{exc.__class__.__name__}: {exc}"


def _rows_from_index(store: Store) -> dict[str, dict]:
    """Catalog rows for the articles the live Whoosh index stores, for a rebuild whose
    catalog is damaged: what it compares with. Without them every article of the rebuild
    counted as `added`, and the articles of a source missing that night (kept as last
    indexed by every other run) were dropped. A row gets the source that holds its file (else
    the one its id is named by); its line only from a `file:///...#LINE` url. None when the
    index cannot be read either."""
    try:
        searcher = whoosh_index.open_dir(str(store.current_dir())).searcher()
    except Exception:
        return {}
    roots = {ingest.path_text(s): s for s in store.sources()}
    names = sorted(((n, ingest.path_text(s)) for s, n in store.source_names().items()
                    if ingest.path_text(s) in roots), key=lambda p: -len(p[0]))
    rows: dict[str, dict] = {}
    with searcher:
        for stored in searcher.documents():
            rec = json.loads(stored["doc"])
            path = rec.get("path") or ""
            root = max((r for r in roots if path == r or path.startswith(os.path.join(r, ""))), key=len, default=None)
            root = root or next((r for n, r in names if stored["id"].startswith(n + "/")), None)
            if root is None:
                continue
            url = rec.get("url") or ""
            line = url.rpartition("#")[2] if url.startswith("file:") else ""
            try:
                published = date.fromisoformat(str(rec.get("published") or "")[:10])
            except ValueError:
                published = None
            info = {"url": url, "kind": None, "meta": rec.get("meta") or {},
                    "captured": _captured(rec.get("meta") or {}, published),
                    "line": int(line) if line.isdigit() else None}
            rows[stored["id"]] = {
                "id": stored["id"], "root": root, "path": rec.get("path"), "source": rec.get("source"),
                "content_hash": stored.get("content_hash"), "tpl_hash": None, "text_hash": None,
                "record_hash": stored.get("record_hash"), "info": json.dumps(info, ensure_ascii=False, default=str)}
    return rows


def _frozen_fields(r: Run, frozen: dict[str, dict]):
    """Index fields of the frozen articles, rebuilt from the records the live generation
    stores (every field is derived from the stored record, so a new schema gets them right)."""
    if not frozen:
        return
    try:
        s = whoosh_index.open_dir(str(r.store.current_dir())).searcher()
    except Exception as exc:  # the live generation is damaged: these articles are lost
        r.failed.append({"path": str(r.store.path), "reason": f"{len(frozen)} articles whose source is missing "
                         f"could not be kept: the live index is damaged ({exc.__class__.__name__})"})
        return
    with s:
        for i in frozen:
            stored = s.document(id=i)
            if stored is None:  # the catalog names an article its index lacks: nothing to keep
                continue
            yield r.fields({**json.loads(stored["doc"]), "text": stored["text"]})


def _purge_deleted(ix) -> int:
    """Merge every segment when more than MAX_DELETED of the stored documents are deleted.

    An update in Whoosh marks the old document deleted and adds a new one; its merge policy
    only merges small segments, so a nightly reindex that changes a few percent of a large
    archive leaves the deleted documents in the big segment for good: disk, and the posting
    arrays search reads (deleted documents included), grow run after run. Returns how many
    deleted documents the merge dropped (0 when it was not needed)."""
    stored, live = ix.doc_count_all(), ix.doc_count()
    if not stored or (stored - live) / stored <= MAX_DELETED:
        return 0
    ix.optimize()
    return stored - live


def _rewritten_why(r: Run, same_code: bool) -> str:
    """Why a run cleaned and enriched again articles whose bytes had not changed: the nightly
    summary of an upgrade said every article had "changed", which read as an archive rewritten
    at its sources."""
    if r.cache_reset:
        return "the enrichment cache was started afresh"
    if not same_code:
        before = _live_manifest(r)
        if ((before.get("code") or [None])[0] != r.fp1 and _recorded(before)
                and before["code_parts"].get(CLEANER) == r.code[CLEANER]):  # a library's upgrade alone
            return _what_changed(r, before, [CLEANER])
        return "this version cleans or enriches articles otherwise than the one that wrote the index (an upgrade)"
    return "their clean text was not in the enrichment cache"


def _reenriched_why(r: Run) -> str:
    """Why a run enriched again (language, translation flags, mentions) articles whose text the
    live generation had enriched: which part of stage 2 changed since the live generation was
    written (its manifest), and whether the NER model had to read them again."""
    if r.cache_reset:
        return "the enrichment cache was started afresh"
    before = _live_manifest(r)
    parts = before.get("stage2")
    if not isinstance(parts, dict):  # written by a release that did not record its parts
        return "this version enriches articles otherwise than the one that wrote the index (an upgrade)"
    changed = [name for name, fp in r.fp2_parts.items() if parts.get(name) != fp]
    if not changed:
        return "their enrichment was not in the enrichment cache"
    model = "the NER model read them again" if MODEL_PART in changed else "the NER model's output came from the cache"
    if not _recorded(before):  # a manifest of a release that did not record code and versions apart
        return f"the code of {_listed(changed)} or a library {'it runs' if len(changed) == 1 else 'they run'} changed; {model}"
    return f"{_what_changed(r, before, changed)}; {model}"


CLEANER = "the cleaner and the readers"  # stage 1, as a run's summary names it (Run.code; not stage 2's "the cleaner")


def _recorded(manifest: dict[str, Any]) -> bool:
    return isinstance(manifest.get("code_parts"), dict) and isinstance(manifest.get("versions"), dict)


def _what_changed(r: Run, before: dict[str, Any], changed: list[str]) -> str:
    """Why the fingerprints of the `changed` parts (CLEANER: stage 1) differ from those of the
    live generation's manifest `before`: "the code of X changed", "langdetect 1.0.9 → 1.0.10
    (run by X and Y)". An upgrade of langdetect alone read "the code of language detection
    changed", and sent its reader to look for a release that was never installed."""
    versions, now = before["versions"], installed_versions()
    libraries: dict[str, list[str]] = {}
    for name in changed:
        for package in STAGE1_PACKAGES if name == CLEANER else part_packages(name):
            # a library the release before named in no fingerprint: the list changed, not it
            if versions.get(package, now[package]) != now[package]:
                libraries.setdefault(package, []).append(name)
    code = [n for n in changed if before["code_parts"].get(n) != r.code[n]]
    # our code and the libraries' versions as before: what the fingerprint covers changed (a
    # release that adds a library to STAGE1_PACKAGES), which read "the code of ... changed"
    listed = [n for n in changed if n not in code and not any(n in names for names in libraries.values())]
    said = [f"the code of {_listed(code)} changed"] if code else []
    if listed:
        said.append(f"the list of libraries run by {_listed(listed)} changed")
    for package, names in libraries.items():
        old, new = versions[package], now[package]
        what = (f"{package} {new} installed" if old == "-" else f"{package} {old} removed" if new == "-"
                else f"{package} {old} → {new}")
        said.append(f"{what} (run by {_listed(names)})")
    return "; ".join(said)


def _live_manifest(r: Run) -> dict[str, Any]:
    live = r.store.current_name()
    return _manifest(r.store.path / live) if live else {}


def _listed(names: list[str]) -> str:
    """"a", "a and b", "a, b and c": the summary read "the code of a, b changed"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _manifest(gen: Path) -> dict[str, Any]:
    try:
        return json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
