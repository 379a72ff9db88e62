"""The web address of a page saved by a site mirror (wget -m, HTTrack), from the folders that
hold it: wget saves https://www.example-news.com/2021/05/mali-coup/ as
www.example-news.com/2021/05/mali-coup/index.html. A page with no canonical link of its own
was reported by its file:// address, which no reader can open or share and `show` did not
take for the page's.

Only a folder whose name is clearly a host is read so: a host's shape, a public suffix the
`tld` package (which trafilatura's courlan depends on) knows, and, where that suffix is also
a common file extension ("notes.md", "tools.py", "backup.zip"), a "www." in front.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from tld import get_tld

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}(?::\d{1,5})?", re.I)
# public suffixes that are file extensions too: a folder so named is a host only with "www."
_EXTENSIONS = frozenset({"ai", "am", "cc", "in", "md", "ml", "mov", "pl", "ps", "py", "rs", "sh", "so", "st",
                         "ts", "zip"})
# wget --protocol-directories puts the scheme above the host; without it, https is assumed
_SCHEMES = ("http", "https")


def host_folder(name: str) -> bool:
    """Whether a folder named `name` is clearly a web host's, as a mirror names it."""
    if not _HOST.fullmatch(name):
        return False
    host = name.rsplit(":", 1)[0].lower()
    suffix = get_tld(host, fix_protocol=True, fail_silently=True)
    if not suffix or host == suffix:
        return False
    return host.startswith("www.") or suffix.rsplit(".", 1)[-1] not in _EXTENSIONS


def mirror_url(parts: list[str]) -> str | None:
    """The page's address from the names of the folders that hold its file and the file's
    (`parts`, from the source folder down), or None when no folder is a host's. The last
    host folder counts (a mirror kept in a folder named after another site). wget's
    conventions are undone: "index.html" is the folder's own address, and the ".html" that
    -E (--adjust-extension) adds after a query ("article.php?id=7.html") is dropped."""
    at = next((i for i in range(len(parts) - 2, -1, -1) if host_folder(parts[i])), None)
    if at is None:
        return None
    scheme = parts[at - 1].lower() if at and parts[at - 1].lower() in _SCHEMES else "https"
    rest = parts[at + 1:]
    name = rest[-1]
    if name == "index.html":
        rest[-1] = ""
    elif "?" in name and name.lower().endswith(".html"):
        rest[-1] = name[: -len(".html")]
    path = "/".join(rest)
    return f"{scheme}://{parts[at].lower()}/" + quote(path, safe="/%?=&;:@!$'()*+,~-._")
