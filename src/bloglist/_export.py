"""Posts -> JSON, JSON Lines, CSV and Atom: the formats other tools read.

Every writer returns a ``str`` that ends with a newline and always encodes to
UTF-8: a character the target format cannot carry is written as U+FFFD
(REPLACEMENT CHARACTER) instead. For JSON and CSV those are the lone
surrogates a ``str`` may hold; for Atom, every character XML 1.0 forbids and
the C1 controls (U+0080 to U+009F) it discourages.

JSON, JSON Lines and CSV share one schema, owned by :data:`_FIELDS` and
:func:`_record`. ``docs/export.md`` describes the formats and the decisions.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any, Final
from xml.sax.saxutils import escape

from ._post import Post, checked_posts

__all__ = ["to_atom", "to_csv", "to_json", "to_jsonl"]

# The keys of a JSON object and the columns of a CSV row, in order: the schema.
_FIELDS: Final = ("title", "date", "excerpt", "summary", "truncated", "tags", "sticky")

# A str may hold surrogate code points, which no UTF-8 encoder accepts.
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")

# Everything outside XML 1.0's Char production (C0 controls but tab, line feed
# and carriage return; surrogates; U+FFFE and U+FFFF), and the C1 controls it
# discourages, which feedparser reads as Windows-1252 ("\x85" as an ellipsis).
_NOT_ATOM: Final = re.compile(
    r"[^\t\n\r\x20-\x7f\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"), or one
# that already looks guarded: guarding those too keeps the guard reversible.
_FORMULA: Final = re.compile(r"'*[=+\-@\t\r]")

# Line breaks to str.splitlines() and to JavaScript before ES2019, which JSON
# leaves raw: escaped, a JSON Lines record stays on one line for every reader.
_JSON_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}

# Text and attribute values of the Atom document. A raw carriage return would
# be read back as a line feed, and raw whitespace in an attribute as a space.
_TEXT_ENTITIES: Final = {"\r": "&#13;"}
_ATTR_ENTITIES: Final = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}

_ATOM_NS: Final = "http://www.w3.org/2005/Atom"
_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+")
_EPOCH: Final = datetime.date(1970, 1, 1)


def _record(post: Post) -> dict[str, Any]:
    """The post as the JSON object of the documented schema, keys in order."""
    date = post.date.isoformat() if post.date is not None else None
    values = (
        post.title, date, post.excerpt, post.summary, post.truncated,
        list(post.tags), post.sticky,
    )  # fmt: skip
    return dict(zip(_FIELDS, values, strict=True))


def _json_text(value: object, indent: int | None) -> str:
    text = json.dumps(
        value,
        ensure_ascii=False,
        indent=indent,
        separators=None if indent is not None else (",", ":"),
    )
    # Outside strings the text is ASCII, so these replace only string content.
    return _SURROGATE.sub("\ufffd", text).translate(_JSON_BREAKS)


def to_json(posts: Iterable[Post], /, *, indent: int | None = 2) -> str:
    """Write posts as a JSON array with one object per post.

    Each object has the keys ``title``, ``date``, ``excerpt``, ``summary``,
    ``truncated``, ``tags`` and ``sticky``, in that order: ``date`` is
    ``YYYY-MM-DD`` or ``null``, ``tags`` an array; non-ASCII text is written
    as itself, lone surrogates as U+FFFD. See ``docs/export.md``.

    Args:
        posts: The posts, such as a :class:`Listing`.
        indent: Spaces per nesting level; ``None`` for a single line.

    >>> import datetime, bloglist
    >>> post = bloglist.Post(title="Caf\\u00e9", date=datetime.date(2025, 3, 5),
    ...                      excerpt="It begins [...]", tags=["News"])
    >>> print(bloglist.to_json([post]), end="")
    [
      {
        "title": "Café",
        "date": "2025-03-05",
        "excerpt": "It begins [...]",
        "summary": "It begins",
        "truncated": true,
        "tags": [
          "News"
        ],
        "sticky": false
      }
    ]
    """
    return _json_text([_record(post) for post in checked_posts(posts)], indent) + "\n"


def to_jsonl(posts: Iterable[Post], /) -> str:
    """Write posts as JSON Lines: one compact JSON object per line.

    The objects are those of :func:`to_json`. Each line ends with ``\\n``;
    no posts give the empty string.

    >>> import bloglist
    >>> posts = [bloglist.Post(title="One"), bloglist.Post(title="Two", sticky=True)]
    >>> print(bloglist.to_jsonl(posts), end="")
    {"title":"One","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":false}
    {"title":"Two","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":true}
    """
    return "".join(
        _json_text(_record(post), None) + "\n" for post in checked_posts(posts)
    )


def _guard(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def to_csv(
    posts: Iterable[Post],
    /,
    *,
    tag_separator: str = "|",
    delimiter: str = ",",
    escape_formulas: bool = True,
) -> str:
    """Write posts as CSV: a header row, then one row per post.

    The columns are the keys of :func:`to_json`, in the same order. Every cell
    is quoted and rows end with ``\\r\\n`` (RFC 4180). ``date`` is
    ``YYYY-MM-DD`` or empty, ``truncated`` and ``sticky`` are ``true`` or
    ``false``, and ``tags`` are joined with *tag_separator*. A cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, after
    any single quotes, gains a leading ``'`` so that spreadsheets show it as
    text (OWASP); a reader undoes it by removing one leading ``'`` from such
    cells. Lone surrogates are written as U+FFFD. See ``docs/export.md``.

    Args:
        posts: The posts, such as a :class:`Listing`.
        tag_separator: What joins the tags of a post in one cell.
        delimiter: The one character between cells; ``";"`` suits
            spreadsheets set up for a decimal comma.
        escape_formulas: Guard cells against formula injection. Turn off only
            for a consumer that is not a spreadsheet and wants the text as is.

    Raises:
        ValueError: *tag_separator* is empty, or the tags of a post would not
            split back the same at it (a tag holds the separator, or is
            empty). The message names the post.

    >>> import bloglist
    >>> post = bloglist.Post(title="-1 bugs", excerpt="Fixed.", tags=["News", "Q&A"])
    >>> text = bloglist.to_csv([post])
    >>> print(*text.splitlines(), sep="\\n")
    "title","date","excerpt","summary","truncated","tags","sticky"
    "'-1 bugs","","Fixed.","Fixed.","false","News|Q&A","false"
    >>> text.endswith("\\r\\n")
    True
    """
    if not tag_separator:
        raise ValueError("tag_separator must not be empty")
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writerow(_FIELDS)
    for index, post in enumerate(checked_posts(posts)):
        record = _record(post)
        tags = tag_separator.join(post.tags)
        back = tags.split(tag_separator) if tags else []
        if back != record["tags"]:
            raise ValueError(
                f"posts[{index}] ({post.title!r}): tags {post.tags!r} would read "
                f"back as {tuple(back)!r}; choose another tag_separator="
            )
        record["tags"] = tags
        row = [_csv_cell(value) for value in record.values()]
        writer.writerow([_guard(cell) for cell in row] if escape_formulas else row)
    return _SURROGATE.sub("\ufffd", buffer.getvalue())


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(value: str) -> str:
    return escape(value, _TEXT_ENTITIES)


def _attr(value: str) -> str:
    return '"' + escape(value, _ATTR_ENTITIES) + '"'


def _timestamp(moment: datetime.datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _midnight(day: datetime.date, timezone: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone)


def _entry_id(feed_id: str, post: Post) -> str:
    """The entry's ``urn:uuid:``, a function of the feed id, title and date only."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, feed_id)
    date = post.date.isoformat() if post.date is not None else None
    name = json.dumps([post.title, date], ensure_ascii=True, separators=(",", ":"))
    return uuid.uuid5(namespace, name).urn


def to_atom(
    posts: Iterable[Post],
    /,
    *,
    title: str,
    feed_id: str,
    updated: datetime.datetime | datetime.date | None = None,
    author: str | None = None,
    link: str | None = None,
    self_link: str | None = None,
    subtitle: str | None = None,
    lang: str | None = None,
    timezone: datetime.tzinfo = datetime.UTC,
) -> str:
    """Write posts as an Atom 1.0 feed (RFC 4287), one entry per post, in order.

    An entry holds the title, the excerpt as text ``content``, a
    ``category`` per tag and a deterministic ``urn:uuid:`` id made from
    *feed_id*, the title and the date. A dated post is ``published`` and
    ``updated`` at midnight of its day in *timezone*; an undated post has no
    ``published`` and the feed's ``updated``. Characters XML 1.0 forbids, and
    C1 controls, are written as U+FFFD. See ``docs/export.md``.

    Args:
        posts: The posts, such as a :class:`Listing`.
        title: The feed's title.
        feed_id: The feed's permanent, absolute IRI, such as
            ``"tag:example.com,2025:blog"`` or the blog's URL.
        updated: The feed's ``updated``: an aware datetime, or a date (its
            midnight in *timezone*). By default, the newest post date; with
            no dated post, 1970-01-01. Never the clock, unless you pass it.
        author: The feed author's name; by default, the feed's title
            (RFC 4287 requires an author, and posts carry none).
        link: The blog's web page (``rel="alternate"``).
        self_link: Where the feed itself is published (``rel="self"``).
        subtitle: The feed's subtitle.
        lang: The language of the text, such as ``"en"`` (``xml:lang``).
        timezone: Where post dates begin at midnight.

    Raises:
        ValueError: *feed_id* is not an absolute IRI, or *updated* is a
            naive datetime.

    >>> import datetime, bloglist
    >>> post = bloglist.Post(title="Q&A", date=datetime.date(2025, 3, 5),
    ...                      excerpt="Asked <and> answered.", tags=["People"])
    >>> feed = bloglist.to_atom([post], title="Blog", feed_id="urn:example:blog")
    >>> print(feed, end="")
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>urn:example:blog</id>
      <title type="text">Blog</title>
      <updated>2025-03-05T00:00:00Z</updated>
      <author>
        <name>Blog</name>
      </author>
      <entry>
        <id>urn:uuid:...</id>
        <title type="text">Q&amp;A</title>
        <published>2025-03-05T00:00:00Z</published>
        <updated>2025-03-05T00:00:00Z</updated>
        <content type="text">Asked &lt;and&gt; answered.</content>
        <category term="People"/>
      </entry>
    </feed>
    """
    if not _IRI.fullmatch(feed_id) or _NOT_ATOM.search(feed_id):
        raise ValueError(f"feed_id {feed_id!r} is not an absolute IRI")
    found = checked_posts(posts)
    if isinstance(updated, datetime.datetime):
        if updated.utcoffset() is None:
            raise ValueError("updated must be a timezone-aware datetime, or a date")
        feed_updated = _timestamp(updated)
    else:
        if updated is None:
            updated = max((p.date for p in found if p.date is not None), default=_EPOCH)
        feed_updated = _timestamp(_midnight(updated, timezone))

    lang_attr = f" xml:lang={_attr(lang)}" if lang is not None else ""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<feed xmlns={_attr(_ATOM_NS)}{lang_attr}>",
        f"  <id>{_text(feed_id)}</id>",
        f'  <title type="text">{_text(title)}</title>',
    ]
    if subtitle is not None:
        out.append(f'  <subtitle type="text">{_text(subtitle)}</subtitle>')
    out += [
        f"  <updated>{feed_updated}</updated>",
        "  <author>",
        f"    <name>{_text(title if author is None else author)}</name>",
        "  </author>",
    ]
    if link is not None:
        out.append(f'  <link rel="alternate" href={_attr(link)}/>')
    if self_link is not None:
        out.append(f'  <link rel="self" href={_attr(self_link)}/>')
    for post in found:
        out += [
            "  <entry>",
            f"    <id>{_entry_id(feed_id, post)}</id>",
            f'    <title type="text">{_text(post.title)}</title>',
        ]
        if post.date is not None:
            stamp = _timestamp(_midnight(post.date, timezone))
            out += [
                f"    <published>{stamp}</published>",
                f"    <updated>{stamp}</updated>",
            ]
        else:
            out.append(f"    <updated>{feed_updated}</updated>")
        out.append(f'    <content type="text">{_text(post.excerpt)}</content>')
        out += [f"    <category term={_attr(tag)}/>" for tag in post.tags]
        out.append("  </entry>")
    out.append("</feed>")
    return _NOT_ATOM.sub("\ufffd", "\n".join(out) + "\n")
