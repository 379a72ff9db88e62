"""The curated boilerplate lexicon: one regex family per kind of web furniture.

Every family matches a *whole* normalised line (``fullmatch``), never a phrase
inside a sentence: "leave a reply to the ministry" or a quoted "subscribe" in an
article must survive, while the bare widget label "Leave A Reply" must not. The
reason strings end up in ``Cleaned.removed`` and on the document page.
"""
from __future__ import annotations

import re

# characters web widgets wrap around labels: bullets, pipes, arrows, stars
_EDGE = " \t\u00a0|•·»«›‹>→←<*#=~_-–—:.!…\u200b"
_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|e-?mail|print|telegram|tumblr|"
    r"flipboard|messenger|instagram|youtube|google\+?|rss|pocket|digg|stumbleupon|vk|copy link|sms|share|tweet)"
)

# what a reader may do with the page: "Bookmark, Share, or Email This Page"
_ACTION = r"(?:bookmark|share|e-?mail|print|save|tweet)"

# A blog post's line of details, its parts between pipes: "1 Comment » | Published in",
# "Posted Nov. 6,2012 at 5:32 PM EST by Andy Towle | Permalink", "by Simon St. Laurent |
# @simonstl | Comment | August 9, 2012", "Designer Interviews, General, furniture | 1 Comment".
# One part at least says comments, permalink or "published in": "By Jane Doe | April 11, 2021"
# alone is a byline, whose author and date are read (meta.parse_byline).
_DETAIL_STRONG = r"""(?:
    (?:\d+|no)\s+comments?(?:\s*»)? | leave\s+a\s+(?:comment|reply|response)!? | comments?(?:\s*\(\d+\))?
  | (?:add|post|write)\s+(?:a\s+|your\s+)?comment | permalink | (?:published|posted|filed)\s+(?:in|under)(?:\s+[^|]{1,80})?
)"""
_DETAIL = rf"""(?:{_DETAIL_STRONG}
  | (?:posted\s+(?:on\s+)?[^|]{{0,50}}?\s+)?by\s+[^|]{{1,40}} | posted\s+(?:on\s+)?[^|]{{1,50}}
  | @\w{{1,30}} | \+[\w.]+(?:\s+[\w.]+){{0,3}}
  | (?:\w+day,?\s+)?\w{{3,9}}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}(?:\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{{2,4}})?)?
  | [\w'&.-]+(?:\s+[\w'&.-]+){{0,3}}(?:\s*,\s*[\w'&.-]+(?:\s+[\w'&.-]+){{0,3}})+
)"""

FAMILIES: dict[str, str] = {
    "comment form": r"""
        leave\s+a\s+(?:reply|comment|response)(?:\s+with\s+facebook)?(?:\s+cancel\s+reply)?
      | please\s+enter\s+your\s+(?:comment|name(?:\s+here)?|e-?mail(?:\s+address)?(?:\s+here)?)
      | you\s+(?:must|need\s+to)\s+be\s+logged\s+in\s+to\s+(?:post|leave)\s+a\s+comment.{0,40}
      | (?:\d+|no|view|show|hide|load\s+more|read|reader)\s+(?:comments?|responses?|replies)(?:\s+yet)?(?:\s*\(\d+\))?
      | comments?(?:\s*\(\d+\))?(?:\s+are\s+closed)?
      | (?:add|post|submit|write)\s+(?:a|your|new)?\s*comment
      | powered\s+by\s+(?:facebook|disqus|livefyre)(?:\s+comments)?
      | (?:join|start)\s+the\s+(?:conversation|discussion|debate)
      | be\s+the\s+first\s+to\s+comment.{0,30}
      | your\s+e-?mail\s+address\s+will\s+not\s+be\s+published.{0,80}
      | required\s+fields\s+are\s+marked.{0,10}
      | save\s+my\s+name,?\s+e-?mail,?\s+and\s+website\s+in\s+this\s+browser.{0,60}
      | notify\s+me\s+of\s+(?:new|follow-?up)\s+(?:posts|comments).{0,40}
      | (?:cancel\s+)?reply|(?:post|make)\s+(?:a\s+)?comment|comment\s+policy|report\s+abuse
      | trackback(?:s|\s+pings|\s+url\s+for\s+this\s+(?:entry|post))?|the\s+comments\s+to\s+this\s+entry\s+are\s+closed
      | (?:name|e-?mail|website|comment)\s*\*?
    """,
    "share/follow": rf"""
        (?:share|tweet|e-?mail|print|pin\s+it|like)(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|video))?(?:\s+(?:on|via|with)\s+{_SOCIAL})?
      | click\s+to\s+(?:share|email|print)(?:\s+on\s+{_SOCIAL})?.{{0,30}}
      | (?:follow|like|find|join)\s+us(?:\s+on\s+{_SOCIAL}(?:\s*(?:,|and|&)\s*{_SOCIAL})*)?
      | follow\s+(?:\S+\s+){{0,5}}on\s+{_SOCIAL}(?:\s*(?:,|and|&)\s*{_SOCIAL})*
      | {_SOCIAL}(?:[\s,|/•·]+{_SOCIAL})+
      | share\s+(?:on|via)\s+{_SOCIAL}
      | copy\s+(?:the\s+)?(?:link|url)(?:\s+to\s+(?:this\s+)?(?:article|story|post|clipboard))?|link\s+copied
      | {_ACTION}(?:\s*,\s*{_ACTION})*,?\s+(?:or|and|&)\s+{_ACTION}(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|video))?
    """,
    "newsletter": r"""
        (?:sign[\s-]*up|subscribe|register)(?:\s+(?:now|today|here|free))?(?:\s+(?:to|for)\s+(?:our|the|a)\s+(?:free\s+|daily\s+|weekly\s+)?(?:\w+\s+)?(?:newsletters?|e-?mail|alerts|updates)(?:\s+and\s+get\s+.{1,40}|\s+to\s+(?:get|receive)\s+.{1,80}?(?:\s+in\s+your\s+inbox|\s+by\s+e-?mail))?)?
      | (?:get|receive)\s+the\s+latest(?:\s+(?:news|updates|headlines|stories)(?:\s+\S+){0,6})?
      | stay\s+(?:informed|updated|connected|in\s+the\s+know|up\s+to\s+date)(?:\s*[:!-]\s*.{0,80}|\s+with\s+.{0,60})?
      | (?:our|free|daily|weekly)\s+newsletters?.{0,40}
      | newsletter(?:\s+sign\s*-?\s*up)?
      | enter\s+your\s+e-?mail(?:\s+address)?(?:\s+(?:here|below))?
      | (?:we\s+respect\s+your\s+privacy|unsubscribe\s+at\s+any\s+time|no\s+spam).{0,80}
      | thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing).{0,60}
    """,
    "related list": r"""
        you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)(?:\s+these(?:\s+related)?\s+(?:posts|articles|stories))?
      | (?:explore\s+)?(?:our\s+|the\s+)?(?:related|similar|recommended|more|latest|recent|top|trending|featured|popular)(?:\s+(?:posts?|articles?|stories|news|content|coverage|links|reads|videos|topics|headlines|threads|discussions|tutorials))?(?:\s+(?:for\s+you|from(?:\s+\S+(?:\s+\S+)?)?|on\s+\S+(?:\s+\S+)?))?
      | more\s+(?:\w+\s+){0,2}(?:stories|news|articles|posts|videos)\s+from\s+.{1,40}
      | most\s+(?:popular|read|viewed|shared|commented|emailed|recent)(?:\s+(?:articles|stories|posts|news|now|this\s+week|today))?
      | (?:also|must)\s+read\s*:.{0,160}
      | (?:read|see)\s+also\s*:.{0,160}
      | (?:related|read\s+more)\s*:.{0,160}
      | more\s*:\s*(?:(?-i:[A-Z0-9"“‘'«])|https?://|www\.).{0,160}
      | (?:read|learn|find\s+out|see)\s+more(?:\s+(?:here|below|now))?
      | (?:read|learn)\s+more\s+(?:about|on)\s+.{1,100}?\s+(?:here|from\s+here|on\s+our\s+\w+|at\s+\S+)
      | (?:continue|keep)\s+reading.{0,40}
      | click\s+here.{0,60}
      | none\s+found|no\s+related\s+posts(?:\s+found)?
      | in\s+case\s+you\s+missed\s+it|don'?t\s+miss
      | trending(?:\s+now|\s+today|\s+on\s+\S+)?
    """,
    "counter": r"""
        \(?\s*visited\s+\d[\d,]*\s+times?,?\s+\d[\d,]*\s+visits?\s+today\s*\)?
      | \d[\d,.]*k?\s+(?:views?|reads?|shares?|likes?|comments?|hits)
      | (?:views?|reads?|shares?|hits|page\s+views)\s*:?\s*\d[\d,.]*k?
      | \d+\s+(?:people|readers)\s+(?:like|liked|recommend)\s+this.{0,20}
      | \d+\s+min(?:ute)?s?\s+read
    """,
    "navigation": r"""
        (?:previous|next|prev|older|newer)\s*(?:post|article|story|page|entry|posts|articles|stories)?
      | home|menu|search|close|skip\s+to\s+(?:main\s+)?content|toggle\s+navigation|main\s+menu
      | back\s+to\s+(?:the\s+)?(?:top|story|article|post|home\s*page|main\s+page|results)
      | (?:adjust\s+)?(?:font|text)\s+size|font
      | (?:log\s*in|sign\s*in|log\s*out|sign\s*out|register|my\s+account)(?:\s*(?:/|\||or)\s*(?:register|sign\s*up|log\s*in))?
      | (?:[\w'&-]+(?:\s+[\w'&-]+)?(?:\s*[|»›]\s*|\s+[>/]\s+)){2,}[\w'&-]+(?:\s+[\w'&-]+)?
      | (?:page\s+)?\d+\s+of\s+\d+|\d+\s*[-–]\s*\d+\s+of\s+\d+|load\s+more|show\s+more|view\s+all|see\s+all
      | [^|]{1,160}\s\|\s(?:main|home|index|archives?)\s\|\s[^|]{1,160}
    """,
    "copyright": r"""
        (?:copyright\s*)?(?:©|\(c\)|&copy;)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?.{0,160}
      | copyright\s+(?:©\s*)?\d{4}.{0,160}
      | .{0,160}\ball\s+rights\s+reserved\b.{0,80}
      | (?:terms\s+(?:of\s+(?:use|service)|&\s+conditions)|privacy\s+policy|cookie\s+policy|contact\s+us|about\s+us|advertise(?:\s+with\s+us)?|sitemap)(?:\s*[|•·,/]\s*(?:terms\s+(?:of\s+(?:use|service)|&\s+conditions)|privacy\s+policy|cookie\s+policy|contact\s+us|about\s+us|advertise(?:\s+with\s+us)?|sitemap|careers|faq))*
      | this\s+(?:material|article)\s+may\s+not\s+be\s+published,\s+broadcast,\s+rewritten.{0,80}
      | a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appeared|appears)\s+(?:in\s+print\s+)?.{0,300}
    """,
    "tag list": r"""
        (?:tags?|tagged(?:\s+with|\s+as)?|topics?|filed\s+under|categor(?:y|ies)|keywords?|posted\s+in)\s*:\s*.{0,250}
      | (?:published|posted|filed)\s+(?:on\s+.{1,40}?\s+)?(?:in|under)\s+.{1,160}?\btags?\s*:\s*.{0,250}
      # a byline before the tags, "NFL.com Staff | Tags: Three and out," (blogs.nfl.com), was left in the
      # text; not a date before them ("Published: November 7th, 2012 | Tags: ..."), which dates the page,
      # nor a labelled row of a list in the article ("Winner: Parasite | Category: Best Picture",
      # "Olivia Colman | Category: Best Actress"): no colon before the bar but a byline's ("By: Jane
      # Doe | Tags: ..." had stayed), and only the words no article's own list uses after it
      | (?:(?:(?:posted|written)\s+)?by\s*:\s*)?[^|\d:]{1,80}?\s\|\s(?:tags?|tagged(?:\s+with|\s+as)?|filed\s+under|posted\s+in)\s*:\s*.{0,250}
    """,
    "advertisement": r"""
        (?:advertisement|advertising|advert|ad|ads|sponsored(?:\s+(?:content|links?|stories|by\s+.{1,40}))?|paid\s+(?:content|post|partnership))
      | (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:the\s+)?(?:advertisement|ad))?
      | scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+content))?
      | (?:remove|hide)\s+ads?
    """,
    "caption residue": r"""
        untitled(?:\s+design|\s+image|\s+picture)?(?:\s*\(?\d+\)?)?
      | (?:image|photo|picture|img|dsc|screen\s*shot)[\s_-]*\d*(?:\.(?:jpe?g|png|gif|webp))?
      | [\w-]+\.(?:jpe?g|png|gif|webp)
      | (?:image|photo|picture)\s+(?:credit|courtesy|source)s?\s*:?.{0,60}
      | (?:photo|image|picture)\s*:\s*.{1,60}
      | (?:getty\s+images|shutterstock|istock(?:photo)?)(?:\s*/\s*.{1,40})?
      | (?:enlarge|expand)\s+(?:this\s+)?(?:image|photo)|click\s+(?:to\s+)?enlarge
    """,
    # a site's cookie banner: what it uses cookies for and what the reader is to do about it;
    # a sentence of an article about cookies ("We use cookies to track users, the company
    # admitted") names no consent, setting or policy
    "cookie notice": r"""
        (?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies.{0,240}
      | we\s+(?:and\s+our\s+partners\s+)?use\s+cookies\b.{0,160}\b(?:experience|consent|agree|policy|settings|preferences|accept)\b.{0,120}
      | by\s+(?:continuing|using|clicking).{0,80}\bcookies\b.{0,160}
      | (?:accept|allow|reject|decline|refuse|manage)\s+(?:all\s+|optional\s+)?cookies
      | cookie\s+(?:settings|preferences|consent|banner|notice)
    """,
    "spam": r"""
        .{0,80}\b(?:home\s+values|home\s+search|homes\s+for\s+sale|payday\s+loans?|cheap\s+(?:viagra|cialis|jerseys)|casino\s+bonus|online\s+casino|replica\s+watches|buy\s+(?:followers|essays?|backlinks)|escort\s+service|essay\s+writing\s+service)\b[^.!?]{0,80}
    """,
    "author box": r"""
        (?:post(?:ed)?|written|article|story)\s+by
      | (?:has\s+)?written\s+\d[\d,]*\s+(?:articles?|posts?|stories)(?:\s+for\s+.{1,40})?
      | (?:view|see|more)\s+(?:all\s+)?(?:posts|articles|stories)\s+by\s+.{1,40}
      | about\s+the\s+author
    """,
    # last: a line another family names keeps its reason ("3 Comments" is the comment form's)
    "post details": rf"""
        (?:{_DETAIL}\s*\|\s*)+{_DETAIL_STRONG}(?:\s*\|\s*{_DETAIL})*
      | {_DETAIL_STRONG}(?:\s*\|\s*{_DETAIL})+
    """,
}

COMPILED: dict[str, re.Pattern[str]] = {k: re.compile(v, re.I | re.X) for k, v in FAMILIES.items()}
_GROUPS = {f"f{i}": name for i, name in enumerate(FAMILIES)}
# all families in one alternation: one C-level match per line instead of one per family
_ALL = re.compile("|".join(f"(?P<f{i}>(?:{v}))" for i, v in enumerate(FAMILIES.values())), re.I | re.X)
MAX_WORDS = 40  # lexicon lines are labels and widgets; longer lines are prose


def _keyword_stuffed(s: str) -> bool:
    """SEO spam is Title Case keyword runs; "Home values in Bamako rose ..." is a sentence."""
    words = [w for w in s.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.7


_GUARDS = {"spam": _keyword_stuffed}


def normalise(line: str) -> str:
    """Collapse whitespace and trim the bullets, arrows and trailing punctuation widgets add."""
    return " ".join(line.split()).strip(_EDGE)


# A blog's links to the posts beside this one: "« Older post's title", "« Previous | Blog Home |
# Next »", "Main | Newer post's title »". normalise strips the arrows, so the shape is read on
# the raw line: an arrow opening it before a title (no closing guillemet, no stop at the end: an
# article's paragraph that opens a quotation with « ends as a sentence), or an arrow at either
# edge of a line of links split by " | " (on 1,381 Dragnet pages these lines were left in 31
# articles, and their arrows read as French quote marks).
_LINK_BAR = re.compile(r"\s\|(?:\s|$)")
_SENTENCE_END = tuple('.!?:;,"”’)')
POST_LINK_WORDS = 30


def _post_link(line: str) -> bool:
    s = line.strip()
    if len(s) > 400 or len(s.split()) > POST_LINK_WORDS:
        return False
    opens = s[:1] in ("«", "‹") and s[1:2] in (" ", "\u00a0")
    closes = s[-1:] in ("»", "›") and s[-2:-1] in (" ", "\u00a0")
    if not (opens or closes):
        return False
    if _LINK_BAR.search(s):
        return True  # a line of links
    return opens and not any(c in s[1:] for c in "«»‹›") and not s.endswith(_SENTENCE_END)


def match(line: str) -> str | None:
    """The family name (the removal reason) whose pattern covers the whole line, else None."""
    if _post_link(line):
        return "navigation"
    s = normalise(line)
    if not s or len(s) > 400 or s.count(" ") >= MAX_WORDS:
        return None
    m = _ALL.fullmatch(s)
    if m is None:
        return None
    reason = _GROUPS[m.lastgroup] if m.lastgroup else None
    if reason in _GUARDS and not _GUARDS[reason](s):
        # the first family that matched is vetoed: try the rest one by one
        for other, rx in COMPILED.items():
            if other != reason and rx.fullmatch(s) and (other not in _GUARDS or _GUARDS[other](s)):
                return other
        return None
    return reason
