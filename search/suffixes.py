"""The names a file's suffix gives JSON Lines, one list for the reader and the writer: `index`
reads a file so named (ingest.READERS), `export -o` writes one (export.SUFFIX_FORMATS), and
`export --help` lists them. Kept in two lists, a name added to export's alone was written and
not read back (.jl, then .json). No imports: the command line reads it at start, and neither
ingest's readers nor export's query may load then."""
from __future__ import annotations

# .jl (Scrapy's feeds), .jsonlines and .ldjson too; .json, which `index` reads as JSON Lines
# (one that is one JSON document is read as its records: ingest.jsondoc; one beside a page of
# its name is that page's metadata, read for the page: ingest.sidecar)
JSON_LINES = (".jsonl", ".ndjson", ".json", ".jl", ".jsonlines", ".ldjson")
