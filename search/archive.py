"""An open archive: the live generation's Whoosh index, facet table and entity resolution.

The CLI opens one for a command; the web app keeps one for its lifetime and, on every
request, swaps to a newly published generation (a cheap read of CURRENT), so a reindex
needs no restart. Whoosh searchers are not safe to share between threads, so each
thread gets its own searcher on the current generation.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from .facets import FacetTable
from .store import IndexMissing, Store


@dataclass
class Generation:
    name: str
    path: Path
    index: Any
    facets: FacetTable
    entities: Any  # search.entities.Resolution or None
    manifest: dict[str, Any]
    # What the query layer derives once per generation (live mask, date orders, browse
    # counts, term cache): keyed by name, dropped with the generation.
    derived: dict[str, Any] = field(default_factory=dict)


class Archive:
    def __init__(self, path: str | Path | None = None):
        self.store = Store(path)
        self._lock = threading.Lock()
        self._gen: Generation | None = None
        self._local = threading.local()
        self.current()  # fail early (IndexMissing) on a missing index

    def current(self) -> Generation:
        name = self.store.current_name()
        gen = self._gen
        if gen is not None and gen.name == name:
            return gen
        with self._lock:
            if self._gen is None or self._gen.name != name:
                self._gen = self._open(name)
            return self._gen

    def _open(self, name: str | None) -> Generation:
        path = self.store.current_dir()
        try:
            ix = whoosh_index.open_dir(str(path))
        except (EmptyIndexError, OSError, ValueError) as exc:
            raise IndexMissing(f"index at {self.store.path} is unreadable: {exc}") from exc
        facets = FacetTable.load(path)
        if facets is None:
            with ix.searcher() as s:
                facets = FacetTable.build(s.reader())
        return Generation(path.name, path, ix, facets, _load_entities(path), _read_json(path / "manifest.json", {}))

    def searcher(self):
        """This thread's searcher on the live generation."""
        gen = self.current()
        cached = getattr(self._local, "searcher", None)
        if cached is not None and cached[0] == gen.name:
            return gen, cached[1]
        if cached is not None:
            try:
                cached[1].close()
            except Exception:
                pass
        s = gen.index.searcher()
        self._local.searcher = (gen.name, s)
        return gen, s

    def close(self) -> None:
        cached = getattr(self._local, "searcher", None)
        if cached is not None:
            cached[1].close()
            self._local.searcher = None


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return default


def _load_entities(path: Path):
    data = _read_json(path / "entities.json", None)
    if data is None:
        return None
    from .entities import Resolution

    return Resolution.from_json(data)
