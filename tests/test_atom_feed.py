"""Atom feeds that validators accept: RFC 4287's schema, RFC 3339 times, checked metadata.

The schema is RFC 4287's Appendix B in RELAX NG XML syntax
(``tests/data/atom.rng``), checked with lxml.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
import sys
import tracemalloc
import uuid
import xml.etree.ElementTree as ET
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

import bloglist
from bloglist import Post, WriteError
from zones import NoOffset

SCHEMA_FILE = Path(__file__).parent / "data" / "atom.rng"
SAMPLE = bloglist.loads(bloglist.sample_text())
FEED_ID = "tag:lumen.example,2025:blog"
ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6, date-time; offsets are hours and minutes only.
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
HOSTILE = [
    "<script>alert('x')</script>",
    "Fish & Chips &amp; ]]> <![CDATA[x]]>",
    "NUL \x00 and controls \x01\x1b\x7f\x85\x9f",
    "Tab\tand\rreturn\nand line feed",
    "Lone \ud800 surrogate, non-characters \ufffe\uffff",
    "Emoji 😀 and \u2028 separators \u2029",
    "\"quotes\" & 'apostrophes'",
]


@functools.cache
def _schema() -> Any:
    """RFC 4287's schema, read once."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(SCHEMA_FILE)))


def valid(feed: str) -> list[str]:
    """The problems the schema and RFC 3339 find in *feed*: none for a valid feed."""
    etree = pytest.importorskip("lxml.etree", reason="lxml validates against RELAX NG")
    schema = _schema()
    root = etree.fromstring(feed.encode("utf-8"))
    problems = [] if schema.validate(root) else [str(schema.error_log)]
    ns = "{http://www.w3.org/2005/Atom}"
    for stamp in root.iter(f"{ns}updated", f"{ns}published"):
        if not RFC3339.fullmatch(stamp.text or ""):
            problems.append(f"not RFC 3339: {stamp.text}")
    return problems


def atom(posts: Any, **options: Any) -> str:
    options.setdefault("title", "Blog")
    options.setdefault("feed_id", FEED_ID)
    return bloglist.to_atom(posts, **options)


class TestSchema:
    def test_the_schema_refuses_what_it_should(self) -> None:
        """The schema is not a rubber stamp: an offset with seconds fails it."""
        feed = atom([Post(title="T", date=datetime.date(2024, 1, 1))])
        assert valid(feed) == []
        broken = feed.replace("2024-01-01T00:00:00Z", "2024-01-01T00:00:00-00:44:30")
        assert valid(broken)
        assert valid(feed.replace("<id>", "<id2>").replace("</id>", "</id2>"))

    def test_the_sample_with_every_option(self) -> None:
        """The sample, with every feed option, is a valid feed."""
        feed = atom(
            SAMPLE,
            link="https://lumen.example/blog/",
            self_link="https://lumen.example/feed.xml",
            author="Lumen",
            subtitle="Engineering",
            lang="en-GB",
            entry_link=lambda post: f"https://lumen.example/{len(post.title)}",
        )
        assert valid(feed) == []

    @pytest.mark.parametrize("text", HOSTILE)
    def test_hostile_text_everywhere(self, text: str) -> None:
        """Hostile titles, excerpts, tags and metadata still give a valid feed."""
        post = Post(title=text, excerpt=text, tags=[text, "Plain"], sticky=True)
        feed = atom([post], title=text, author=text, subtitle=text)
        assert valid(feed) == []

    def test_every_time_zone(self) -> None:
        """Every zone, today and before standard time, gives valid RFC 3339 times."""
        days = [
            datetime.date(1800, 1, 1),  # Pacific/Guam was -14:21 until 1845
            datetime.date(1850, 6, 1),
            datetime.date(1971, 1, 1),
            datetime.date(2025, 3, 30),
        ]
        posts = [Post(title=f"Day {day}", date=day) for day in days]
        for name in sorted(zoneinfo.available_timezones()):
            zone = zoneinfo.ZoneInfo(name)
            feed = atom(posts, timezone=zone)
            assert valid(feed) == [], name


class TestTimestamps:
    def test_offsets_with_seconds_are_written_in_utc(self) -> None:
        """Africa/Monrovia in 1971 was -00:44:30: the instant is written in UTC."""
        zone = zoneinfo.ZoneInfo("Africa/Monrovia")
        feed = atom([Post(title="T", date=datetime.date(1971, 1, 1))], timezone=zone)
        assert "<published>1971-01-01T00:44:30Z</published>" in feed
        assert "-00:44:30" not in feed

    @pytest.mark.parametrize(
        ("hours", "minutes", "written"),
        [
            (14, 30, "2024-12-31T09:30:00Z"),
            (-14, -1, "2025-01-01T14:01:00Z"),
            (-23, -59, "2025-01-01T23:59:00Z"),
            (14, 0, "2025-01-01T00:00:00+14:00"),
            (-14, 0, "2025-01-01T00:00:00-14:00"),
        ],
    )
    def test_offsets_past_14_hours_are_written_in_utc(
        self, hours: int, minutes: int, written: str
    ) -> None:
        """xsd:dateTime, which Atom's schema checks times with, allows -14:00
        to +14:00: a wider whole-minute offset is written in UTC, as one with
        seconds is."""
        zone = datetime.timezone(datetime.timedelta(hours=hours, minutes=minutes))
        feed = atom([], updated=datetime.datetime(2025, 1, 1, tzinfo=zone))
        assert f"<updated>{written}</updated>" in feed
        assert valid(feed) == []

    def test_guam_before_1845(self) -> None:
        """Pacific/Guam's local mean time, -14:21, is written in UTC."""
        zone = zoneinfo.ZoneInfo("Pacific/Guam")
        feed = atom([Post(title="T", date=datetime.date(1800, 1, 1))], timezone=zone)
        assert "<published>1800-01-01T14:21:00Z</published>" in feed

    def test_whole_minute_offsets_are_kept(self) -> None:
        """A zone with a whole-minute offset keeps it: the local midnight shows."""
        zone = zoneinfo.ZoneInfo("Asia/Kolkata")
        feed = atom([Post(title="T", date=datetime.date(2025, 3, 5))], timezone=zone)
        assert "<published>2025-03-05T00:00:00+05:30</published>" in feed

    def test_an_updated_with_seconds_in_its_offset(self) -> None:
        """A caller's updated with a seconds offset is written in UTC too."""
        zone = datetime.timezone(datetime.timedelta(hours=1, seconds=30))
        moment = datetime.datetime(2025, 1, 1, 12, tzinfo=zone)
        feed = atom([], updated=moment)
        assert "<updated>2025-01-01T10:59:30Z</updated>" in feed

    @pytest.mark.parametrize(
        "zone", ["Asia/Tokyo", "Africa/Monrovia", "America/Los_Angeles"]
    )
    @pytest.mark.parametrize("posts", [[], [Post(title="Undated")]])
    def test_with_no_dated_post_updated_is_one_instant_in_every_zone(
        self, zone: str, posts: list[Post]
    ) -> None:
        """docs/export.md: with no dated post, the feed's updated (and an
        undated entry's) is 1970-01-01T00:00:00Z, a fixed value: the epoch in
        UTC, not midnight in timezone= (+09:00 in Tokyo, 00:44:30Z in
        Monrovia, whose offset then had seconds)."""
        epoch = datetime.datetime.fromtimestamp(0, datetime.UTC)
        feed = atom(posts, timezone=zoneinfo.ZoneInfo(zone))
        stamps = re.findall(r"<updated>([^<]*)</updated>", feed)
        assert len(stamps) == 1 + len(posts)
        for stamp in stamps:
            assert stamp.endswith("Z")
            assert datetime.datetime.fromisoformat(stamp) == epoch
        assert feed == atom(posts)  # the zone has no date to place
        # A date passed as updated= is still its midnight in the zone.
        told = atom(posts, updated=epoch.date(), timezone=zoneinfo.ZoneInfo(zone))
        midnight = datetime.datetime(1970, 1, 1, tzinfo=zoneinfo.ZoneInfo(zone))
        (stamp, *_) = re.findall(r"<updated>([^<]*)</updated>", told)
        assert datetime.datetime.fromisoformat(stamp) == midnight != epoch

    def test_a_time_before_year_1_in_utc_is_a_write_error(self) -> None:
        """0001-01-01 east of Greenwich with a seconds offset cannot be written."""
        zone = datetime.timezone(datetime.timedelta(hours=5, seconds=1))
        with pytest.raises(bloglist.WriteError, match="outside the years 1 to 9999"):
            atom([Post(title="T", date=datetime.date(1, 1, 1))], timezone=zone)

    def test_a_time_outside_utc_years_names_the_post_or_the_option(self) -> None:
        """The WriteError says whose time it is: the date of a post (the
        first dated that day, also when it is the feed's default updated,
        the newest date), an entry_updated, or the updated option."""
        east = datetime.timezone(datetime.timedelta(hours=5, seconds=30))
        west = datetime.timezone(-datetime.timedelta(seconds=30))
        first = datetime.datetime(1, 1, 1, tzinfo=east)
        last = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=west)
        new = Post(title="New", date=datetime.date(2020, 1, 1))
        old = Post(title="Old", date=datetime.date(1, 1, 1))
        outside = "falls outside the years 1 to 9999 in UTC"
        midnight = f"its midnight in timezone, {first.isoformat()}, {outside}"
        cases: list[tuple[list[Post], dict[str, Any], str]] = [
            (
                [new, Post(title="Undated"), old, old],
                {},
                f"the date of posts[2] ('Old') has no Atom timestamp: {midnight}",
            ),
            (  # the newest date, stamped first as the feed's updated
                [Post(title="Undated"), old, Post(title="Again", date=old.date)],
                {},
                f"the date of posts[1] ('Old') has no Atom timestamp: {midnight}",
            ),
            (
                [new],
                {"updated": first.date()},
                f"updated has no Atom timestamp: {midnight}",
            ),
            (
                [new],
                {"updated": first},
                f"updated has no Atom timestamp: {first.isoformat()} {outside}",
            ),
            (
                [new],
                {"updated": last},
                f"updated has no Atom timestamp: {last.isoformat()} {outside}",
            ),
            (
                [new, Post(title="Odd")],
                {"entry_updated": lambda post: first if post.title == "Odd" else None},
                "the entry_updated of posts[1] ('Odd') has no Atom timestamp: "
                f"{first.isoformat()} {outside}",
            ),
        ]
        for posts, options, message in cases:
            with pytest.raises(bloglist.WriteError) as caught:
                atom(posts, timezone=east, **options)
            assert str(caught.value) == message

    def test_a_timezone_with_no_offset_names_the_post_or_the_option(self) -> None:
        """A timezone whose utcoffset() returns None gives a post's date no
        timestamp: the WriteError names the post (the first dated that day,
        also when it is the feed's default updated) or updated."""

        day = datetime.date(2020, 1, 1)
        what = "has no Atom timestamp: at its midnight, 2020-01-01T00:00:00, "
        why = "timezone (NoOffset) gives no UTC offset"
        aware = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
        cases: list[tuple[list[Post], dict[str, Any], str]] = [
            (
                [Post(title="Undated"), Post(title="Dated", date=day)],
                {},
                f"the date of posts[1] ('Dated') {what}{why}",
            ),
            (
                [Post(title="Undated"), Post(title="Dated", date=day)],
                {"updated": aware},
                f"the date of posts[1] ('Dated') {what}{why}",
            ),
            ([Post(title="Undated")], {"updated": day}, f"updated {what}{why}"),
        ]
        for posts, options, message in cases:
            with pytest.raises(bloglist.WriteError) as caught:
                atom(posts, timezone=NoOffset(), **options)
            assert str(caught.value) == message


class TestChecks:
    @pytest.mark.parametrize(
        "lang",
        [
            "en",
            "en-US",
            "pt-BR",
            "zh-Hant-TW",
            "sr-Latn",
            "es-419",
            "x-klingon",
            "i-klingon",
            "de-CH-1996",
            "en-a-bbb-x-private",
        ],
    )
    def test_language_tags_that_are_well_formed(self, lang: str) -> None:
        """Well-formed BCP 47 tags are written as xml:lang."""
        assert f'xml:lang="{lang}"' in atom([], lang=lang)

    @pytest.mark.parametrize(
        "lang", ["en_US", "", "english language", "e", "en-", "-en", "en--US", "123"]
    )
    def test_language_tags_that_are_not(self, lang: str) -> None:
        """Anything else raises ValueError naming lang."""
        with pytest.raises(ValueError, match=r"lang .* is not a BCP 47 language tag"):
            atom([], lang=lang)

    @pytest.mark.parametrize(
        ("option", "what"),
        [("lang", "lang"), ("feed_id", "feed_id"), ("link", "link")],
    )
    def test_a_long_value_refused_is_quoted_short(self, option: str, what: str) -> None:
        """A refused language tag or IRI is quoted as every message quotes
        its input, its first 39 characters and an ellipsis, not whole: a
        value of a megabyte made a message of a megabyte."""
        with pytest.raises(ValueError, match=r" is not (a|an) ") as refused:
            atom([], **{option: "x y" * 300_000})
        expected = f"{what} {('x y' * 13)!r}\N{HORIZONTAL ELLIPSIS} is not"
        assert str(refused.value).startswith(expected)
        assert len(str(refused.value)) < 200

    @pytest.mark.parametrize(
        "feed_id",
        ["C:\\feed", "notaniri", "http://x y", "urn:", "a:<b>", "x:%zz", "", "feed:"],
    )
    def test_feed_ids_that_are_not_absolute_iris(self, feed_id: str) -> None:
        """A Windows path, a bare word or a spaced URL is not a feed id."""
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id=feed_id)

    @pytest.mark.parametrize(
        "feed_id",
        [
            "urn:uuid:0e1f",
            "https://example.com/b%C3%A9",
            "tag:e.com,2025:x",
            "https://例え.jp/",
        ],
    )
    def test_feed_ids_that_are(self, feed_id: str) -> None:
        """URNs, URLs, tag URIs and IRIs with non-ASCII text are accepted."""
        assert f"<id>{feed_id}</id>" in atom([], feed_id=feed_id)

    @pytest.mark.parametrize(
        "char",
        [
            "\u00a0",  # no-break space
            "\u2028",  # line separator
            "\u3000",  # ideographic space
            "\u202e",  # right-to-left override: a link displayed as another
            "\u200f",  # right-to-left mark
            "\u2067",  # right-to-left isolate
            "\u061c",  # Arabic letter mark
            "\ufdd0",  # a noncharacter
            "\U0010fffe",  # the noncharacter that ends the last plane
        ],
    )
    def test_spaces_bidi_controls_and_noncharacters_are_not_iris(
        self, char: str
    ) -> None:
        """RFC 3987 (4.1) forbids bidirectional formatting characters in an
        IRI; a Unicode space is a space."""
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id=f"https://e.com/{char}x")
        with pytest.raises(ValueError, match="is not an IRI"):
            atom([], link=f"https://e.com/{char}x")

    @pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\U0001f600", "\ufdcf"])
    def test_other_format_characters_and_symbols_are(self, char: str) -> None:
        """A zero-width space, a byte order mark, an emoji: the grammar's
        ucschar ranges hold them."""
        assert f"<id>https://e.com/{char}</id>" in atom(
            [], feed_id=f"https://e.com/{char}"
        )

    def test_a_non_string_lang_or_id_is_a_type_error(self) -> None:
        """Wrong types say so."""
        with pytest.raises(TypeError, match="lang must be a str"):
            atom([], lang=1)
        with pytest.raises(TypeError, match="feed_id must be a str"):
            atom([], feed_id=None)

    def test_links_must_be_iris(self) -> None:
        """A link with a space or a quote is refused."""
        with pytest.raises(ValueError, match="link 'a b' is not an IRI"):
            atom([], link="a b")
        with pytest.raises(ValueError, match="self_link"):
            atom([], self_link='"x"')

    def test_a_long_link_is_checked_in_little_memory(self) -> None:
        """A link of a million characters is checked without holding state
        for each of them: the pattern's repeated group took 114 bytes a
        character (570 MB for a link of 5 MB), now nothing but the feed."""
        long = "https://example.com/" + "a%20" * 250_000
        atom([], link=long)  # the imports and patterns a process pays once
        tracemalloc.start()
        try:
            feed = atom([], link=long, self_link=long)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert feed.count(long) == 2
        assert peak < 8 * len(feed)


def _atom(**options: Any) -> str:
    """The feed of no post, with a title and feed id unless given."""
    options.setdefault("title", "Blog")
    options.setdefault("feed_id", "urn:x:1")
    return bloglist.to_atom([], **options)


def test_a_long_feed_id_is_checked_in_little_memory() -> None:
    """The check of an absolute IRI keeps no state a character, as that of
    a link does (TestChecks)."""
    long = "https://example.com/" + "a%20" * 250_000
    _atom(feed_id=long)  # the imports and patterns a process pays once
    tracemalloc.start()
    try:
        feed = _atom(feed_id=long)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert feed.count(long) == 1
    assert peak < 8 * len(feed)


def test_an_empty_link_is_no_iri() -> None:
    """An empty link is no IRI, and is refused."""
    with pytest.raises(ValueError, match="link '' is not an IRI"):
        _atom(link="")


class TestAtomChecks:
    @pytest.mark.parametrize(
        ("link", "good"),
        [("https://example.com/%4g", "https://example.com/%4A"), ("/a%A", "/a%Ab")],
    )
    def test_a_percent_needs_two_hex_digits(self, link: str, good: str) -> None:
        """A link whose percent sign is not followed by two hex digits is no
        IRI: refused as the feed's link, as an entry's a WriteError."""
        with pytest.raises(ValueError, match="is not an IRI"):
            atom([], link=link)
        with pytest.raises(bloglist.WriteError, match="is not an IRI"):
            atom([Post(title="T")], entry_link=lambda post: link)
        assert f'href="{good}"' in atom([], link=good)

    @pytest.mark.parametrize(
        "link", ["https://example.com/\x85", "/a\x9fb", "\x80", "https://e.com/a\x7fb"]
    )
    def test_a_c1_control_is_no_iri(self, link: str) -> None:
        """A C1 control or DEL in a link or the feed id is refused, not written as
        U+FFFD (a link the caller did not give)."""
        with pytest.raises(ValueError, match="is not an IRI"):
            atom([], link=link)
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id=f"urn:x:{link}")

    def test_a_one_letter_scheme_is_a_drive_not_an_absolute_iri(self) -> None:
        """``c:/feed`` is a Windows path, not a feed id; a scheme of two
        letters is one."""
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id="c:/feed")
        assert "<id>ab:feed</id>" in atom([], feed_id="ab:feed")

    @pytest.mark.parametrize("lang", ["zh-abc-def-ghi", "zh-yue-HK", "sgn-ase"])
    def test_up_to_three_extended_language_subtags(self, lang: str) -> None:
        """BCP 47 allows up to three extlang subtags after a language."""
        assert f'xml:lang="{lang}"' in atom([], lang=lang)

    @pytest.mark.parametrize(
        "lang", ["zh-abc-def-ghi-jkl", "en-US-ab1c", "de-abc1", "en-abcd-abcd"]
    )
    def test_tags_that_only_look_well_formed(self, lang: str) -> None:
        """Four extlangs, or a variant of four characters that does not
        start with a digit, is not a BCP 47 tag."""
        with pytest.raises(ValueError, match="is not a BCP 47 language tag"):
            atom([], lang=lang)


def feed_root(**options: object) -> ET.Element:
    """The parsed feed of one post, with the options given."""
    text = bloglist.to_atom(
        [Post(title="T", excerpt="E")],
        title="Blog",
        feed_id="urn:example:blog",
        **options,  # type: ignore[arg-type]
    )
    return ET.fromstring(text)


class TestIriCharacters:
    """Each character docs/export.md names as one an IRI may not hold
    (``<>"{}|\\^`` and the backtick) is refused wherever the feed takes an IRI."""

    @pytest.mark.parametrize("char", list('<>"{}|\\^`'))
    def test_feed_id_link_and_self_link_refuse_it(self, char: str) -> None:
        iri = f"https://example.com/a{char}b"
        for option in ("feed_id", "link", "self_link"):
            with pytest.raises(ValueError, match=option):
                bloglist.to_atom(
                    [],
                    title="Blog",
                    **{"feed_id": "urn:example:blog", option: iri},  # type: ignore[arg-type]
                )

    @pytest.mark.parametrize("char", list('<>"{}|\\^`'))
    def test_entry_link_and_entry_id_refuse_it(self, char: str) -> None:
        iri = f"https://example.com/a{char}b"
        for option in ("entry_link", "entry_id"):
            with pytest.raises(WriteError, match=r"posts\[0\]"):
                bloglist.to_atom(
                    [Post(title="T", excerpt="E")],
                    title="Blog",
                    feed_id="urn:example:blog",
                    **{option: lambda _post: iri},  # type: ignore[arg-type]
                )

    def test_the_same_iri_without_it_is_written(self) -> None:
        root = feed_root(link="https://example.com/ab")
        assert root.find(f"{ATOM}link").get("href") == "https://example.com/ab"  # type: ignore[union-attr]


class TestLanguageSubtagLength:
    """A language subtag is two to eight letters (RFC 5646, section 2.1)."""

    @pytest.mark.parametrize("lang", ["ab", "abc", "abcd", "abcdefgh", "abcdefgh-US"])
    def test_two_to_eight_letters_are_taken(self, lang: str) -> None:
        assert (
            feed_root(lang=lang).get("{http://www.w3.org/XML/1998/namespace}lang")
            == lang
        )

    @pytest.mark.parametrize("lang", ["a", "abcdefghi", "abcdefghi-US"])
    def test_one_or_nine_letters_are_refused(self, lang: str) -> None:
        with pytest.raises(ValueError, match="lang"):
            feed_root(lang=lang)


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_with_lang(lang: str) -> str:
    return bloglist.to_atom(
        [Post(title="T", excerpt="E")],
        title="Blog",
        feed_id="urn:example:blog",
        lang=lang,
    )


class TestPrivateUseSubtagLength:
    """RFC 5646, section 2.1: ``privateuse = "x" 1*("-" (1*8alphanum))``, on
    its own or after a language. A subtag of one to eight letters or digits
    is taken; one of nine is no language tag, whatever comes before the
    ``x``."""

    @pytest.mark.parametrize("prefix", ["", "en-"])
    @pytest.mark.parametrize("length", range(1, 9))
    def test_one_to_eight_characters_are_taken(self, prefix: str, length: int) -> None:
        lang = f"{prefix}x-{'a1' * 4}"[: len(prefix) + 2 + length]
        root = ET.fromstring(feed_with_lang(lang))
        assert root.get(XML_LANG) == lang

    @pytest.mark.parametrize("prefix", ["", "en-"])
    @pytest.mark.parametrize("subtag", ["abcdefghi", "123456789", "a-abcdefghi"])
    def test_nine_characters_are_refused(self, prefix: str, subtag: str) -> None:
        lang = f"{prefix}x-{subtag}"
        with pytest.raises(ValueError, match=r"lang .* is not a BCP 47 language tag"):
            feed_with_lang(lang)


class TestGivenTextIsWrittenAsGiven:
    """``None`` is what leaves an option out (or, for ``author``, takes the
    feed's title); any str, the empty one included, is written as given."""

    def test_an_empty_subtitle_is_an_empty_element(self) -> None:
        assert feed_root(subtitle="").find(f"{ATOM}subtitle").text is None  # type: ignore[union-attr]
        assert feed_root().find(f"{ATOM}subtitle") is None

    def test_an_empty_author_is_written_not_replaced_by_the_title(self) -> None:
        name = f"{ATOM}author/{ATOM}name"
        assert feed_root(author="").find(name).text is None  # type: ignore[union-attr]
        assert feed_root().find(name).text == "Blog"  # type: ignore[union-attr]


class TestPiecesMadeAfterEveryCheck:
    """The command writes a feed as it is made (atom_pieces): every check of
    every entry is made before the first piece, so that a failure at the
    last post leaves nothing written, not half a feed."""

    @pytest.mark.parametrize(
        ("option", "match"),
        [
            ("entry_link", r"entry_link of posts\[1\]"),
            ("entry_id", r"entry_id of posts\[1\]"),
            ("entry_updated", r"entry_updated of posts\[1\]"),
        ],
    )
    def test_a_failure_at_the_last_post_comes_before_any_piece(
        self, option: str, match: str
    ) -> None:
        from bloglist._export import atom_pieces

        posts = [Post(title="a", date=datetime.date(2025, 3, 5)), Post(title="b")]
        bad: dict[str, object] = {
            "entry_link": "not an <iri>",
            "entry_id": "not an <iri>",
            "entry_updated": datetime.datetime(2025, 3, 5),  # naive
        }
        good: dict[str, object] = {
            "entry_link": None,
            "entry_id": "urn:x:a",
            "entry_updated": None,
        }

        def given(post: Post) -> Any:
            return bad[option] if post.title == "b" else good[option]

        options: dict[str, Any] = {option: given}
        # Raised by the call itself, before a piece is asked for.
        with pytest.raises(bloglist.WriteError, match=match):
            atom_pieces(posts, title="t", feed_id="urn:x:t", **options)
        with pytest.raises(bloglist.WriteError, match=match):
            bloglist.to_atom(posts, title="t", feed_id="urn:x:t", **options)

    def test_the_pieces_join_into_the_feed(self) -> None:
        """Each piece ends a line: the head, one an entry, then the end."""
        from bloglist._export import atom_pieces

        posts = bloglist.loads(bloglist.sample_text())
        pieces = list(atom_pieces(posts, title="t", feed_id="urn:x:t"))
        assert "".join(pieces) == bloglist.to_atom(posts, title="t", feed_id="urn:x:t")
        assert len(pieces) == len(posts) + 2
        assert all(piece.endswith("\n") for piece in pieces)
        assert pieces[-1] == "</feed>\n"
        assert all(piece.startswith("  <entry>\n") for piece in pieces[1:-1])


class TestEntryLinks:
    def test_each_entry_links_to_its_page(self) -> None:
        """entry_link gives each entry its own link."""
        posts = [Post(title="One"), Post(title="Two")]
        feed = atom(
            posts, entry_link=lambda post: f"https://e.com/{post.title.lower()}"
        )
        assert feed.count('<link rel="alternate" href="https://e.com/one"/>') == 1
        assert feed.count('<link rel="alternate" href="https://e.com/two"/>') == 1

    def test_entries_fall_back_to_the_feed_link(self) -> None:
        """Without entry_link, or where it gives None, entries link to the feed's link."""
        posts = [Post(title="One"), Post(title="Two")]
        feed = atom(
            posts,
            link="https://e.com/",
            entry_link=lambda post: None if post.title == "One" else "https://e.com/2",
        )
        assert feed.count('href="https://e.com/"') == 2  # the feed, and entry One
        assert feed.count('href="https://e.com/2"') == 1
        assert "<link" not in atom(posts)

    def test_an_entry_link_that_is_not_an_iri_is_a_write_error(self) -> None:
        """A bad URL from the caller's function names the post."""
        with pytest.raises(
            bloglist.WriteError, match=r"entry_link of posts\[0\] \('One'\)"
        ):
            atom([Post(title="One")], entry_link=lambda post: "not a url")
        # Empty is no link either (None is the feed's): refused, not the feed's.
        with pytest.raises(
            bloglist.WriteError,
            match=r"the entry_link of posts\[0\] \('One'\) '' is not an IRI",
        ):
            atom(
                [Post(title="One")],
                link="https://e.com/",
                entry_link=lambda post: "",
            )

    def test_entry_ids_from_the_caller(self) -> None:
        """entry_id replaces the content-derived id; it must be an absolute IRI."""
        feed = atom([Post(title="One")], entry_id=lambda post: "urn:x:1")
        assert "<id>urn:x:1</id>" in feed
        with pytest.raises(bloglist.WriteError, match="entry_id"):
            atom([Post(title="One")], entry_id=lambda post: "relative")
        with pytest.raises(bloglist.WriteError, match="is None"):
            atom([Post(title="One")], entry_id=lambda post: None)

    def test_entry_updated_from_the_caller(self) -> None:
        """entry_updated gives an entry's updated; None keeps the default."""
        dated = Post(title="Dated", date=datetime.date(2025, 3, 1))
        undated = Post(title="Undated")
        monrovia = datetime.timezone(-datetime.timedelta(minutes=44, seconds=30))
        moments = {
            "Dated": datetime.datetime(2025, 3, 7, 9, 30, tzinfo=datetime.UTC),
            "Undated": datetime.datetime(1971, 1, 1, tzinfo=monrovia),
        }
        feed = atom(
            [dated, undated, Post(title="Other")],
            updated=datetime.date(2025, 3, 9),
            entry_updated=lambda post: moments.get(post.title),
        )
        updated = re.findall(r"<updated>([^<]*)</updated>", feed)
        published = re.findall(r"<published>([^<]*)</published>", feed)
        # The feed's own, then each entry's: a seconds offset is written in UTC.
        assert updated == [
            "2025-03-09T00:00:00Z",
            "2025-03-07T09:30:00Z",
            "1971-01-01T00:44:30Z",
            "2025-03-09T00:00:00Z",
        ]
        assert published == ["2025-03-01T00:00:00Z"]
        assert valid(feed) == []

    @pytest.mark.parametrize(
        ("value", "wrong"),
        [
            (datetime.datetime(2025, 3, 7), "a naive datetime"),
            (datetime.date(2025, 3, 7), "of type date"),
            ("2025-03-07T00:00:00Z", "of type str"),
            ("", "of type str"),
            (0, "of type int"),
            (1741305600.0, "of type float"),
            (object(), "of type object"),
            (uuid.UUID(int=1), "of type UUID"),
        ],
    )
    def test_an_entry_updated_that_is_not_an_aware_datetime(
        self, value: object, wrong: str
    ) -> None:
        """A bad value from the caller's function names the post and the type."""
        with pytest.raises(
            bloglist.WriteError,
            match=rf"entry_updated of posts\[0\] \('One'\) is {wrong}, not a",
        ):
            atom([Post(title="One")], entry_updated=lambda post: value)


def test_a_type_is_named_with_no_article_to_guess() -> None:
    """'of type OSError': an article chosen by the type's first letter read
    'an UUID'; none is chosen."""

    post = bloglist.Post(title="T")
    with pytest.raises(
        bloglist.WriteError, match=r"is of type OSError, not a timezone-aware"
    ):
        bloglist.to_atom(
            [post],
            title="Blog",
            feed_id="urn:x:y",
            entry_updated=lambda p: OSError(),  # type: ignore[arg-type,return-value]
        )


class TestCommand:
    def _run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "bloglist", "--sample", "--format", "atom", *args],
            capture_output=True,
            check=False,
        )

    def test_command_exposes_link_author_subtitle_and_lang(self) -> None:
        """The feed options of the command reach the feed, which stays valid."""
        done = self._run(
            "--link", "https://lumen.example/blog/",
            "--author", "Lumen & Co",
            "--subtitle", "Engineering <notes>",
            "--lang", "en-GB",
        )  # fmt: skip
        assert done.returncode == 0
        feed = done.stdout.decode("utf-8")
        assert valid(feed) == []
        assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">' in feed
        assert "<name>Lumen &amp; Co</name>" in feed
        assert '<subtitle type="text">Engineering &lt;notes&gt;</subtitle>' in feed
        assert feed.count('href="https://lumen.example/blog/"') == 1 + len(SAMPLE)

    @pytest.mark.parametrize(
        ("option", "value"),
        [("--lang", "en_US"), ("--feed-id", "notaniri"), ("--link", "C:\\blog")],
    )
    def test_bad_feed_options_are_usage_errors(self, option: str, value: str) -> None:
        """Checked before any reading: status 2 with the option named."""
        done = self._run(option, value)
        assert done.returncode == 2
        assert f"argument {option}: ".encode() in done.stderr
