"""Bot checks and access-denied pages: what a crawler saved instead of the article.

A scraper that meets Cloudflare, DataDome, PerimeterX or Imperva saves their challenge
page ("Just a moment...", "Checking if the site connection is secure"), and indexed it
is an "article" that turns up in searches for the site's name. Each check service writes
a few fixed sentences; a page is such a check when its clean text is short and carries one
of them. Hand-written because no maintained library names these pages (trafilatura keeps
their text as the main content); the phrases are the services' own wording, matched in
full, and the length cap keeps a real article that quotes one (a story about Cloudflare
blocking readers) an article.
"""
from __future__ import annotations

import re

BOT_CHECK = "a bot check or access-denied page"
MAX_WORDS = 200  # the longest check page seen (Imperva's) is about 100 words

_PHRASES = re.compile(r"""
    checking\ if\ the\ site\ connection\ is\ secure
  | needs\ to\ review\ the\ security\ of\ your\ connection\ before\ proceeding
  | verifying\ you\ are\ human
  | checking\ your\ browser\ before\ accessing
  | enable\ javascript\ and\ cookies\ to\ continue
  | please\ complete\ the\ security\ check\ to\ access
  | sorry,\ you\ have\ been\ blocked
  | this\ website\ is\ using\ a\ security\ service\ to\ protect\ itself\ from\ online\ attacks
  | please\ enable\ js\ and\ disable\ any\ ad\ blocker
  | access\ to\ this\ page\ has\ been\ denied
  | press\ (?:&|and)\ hold\ to\ confirm\ you\ are\ a\ human
  | we\ believe\ you\ are\ using\ automation\ tools\ to\ browse\ the\ website
  | pardon\ our\ interruption
  | something\ about\ your\ browser\ made\ us\ think\ you\ were\ a\ bot
  | request\ unsuccessful\.\ incapsula\ incident\ id
  | ddos\ protection\ by\ (?:cloudflare|ddos-guard)
""", re.I | re.X)


def bot_check(title: str, text: str) -> str | None:
    """Why this clean page is a bot check and not an article (the sentence that says so), or None."""
    if len(text.split()) > MAX_WORDS:
        return None
    m = _PHRASES.search(" ".join(f"{title}\n{text}".split()))
    if m is None:
        return None
    return f"{BOT_CHECK} (\u201c{m.group(0)}\u201d), not an article"
