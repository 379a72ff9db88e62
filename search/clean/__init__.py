"""Boilerplate removal. PLACEHOLDER written by the foundation: the cleaner issue replaces it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Cleaned:
    text: str
    title: str = ""
    published: date | None = None
    author: str | None = None
    credit: str | None = None
    dateline: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)


def clean_text(text: str) -> Cleaned:
    lines = [ln.strip() for ln in text.strip().splitlines()]
    title = lines[0] if lines else ""
    body = "\n".join(lines[1:]).strip()
    return Cleaned(text=body, title=title)


def clean_html(html: str, url: str | None = None) -> Cleaned:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header"]):
        tag.decompose()
    body = soup.body or soup
    text = "\n\n".join(p for p in (s.strip() for s in body.get_text("\n").splitlines()) if p)
    return Cleaned(text=text, title=title)
