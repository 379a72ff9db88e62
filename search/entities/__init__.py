"""Entities: mentions from text (spaCy NER + gazetteer + document rules) and their resolution
into canonical people, organisations and places across the archive."""
from .ner import extract_batch, extract_mentions, get_nlp
from .resolve import DocMentions, Entity, Resolution, resolve

__all__ = ["extract_mentions", "extract_batch", "get_nlp", "resolve", "DocMentions", "Entity", "Resolution"]
