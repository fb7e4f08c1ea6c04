"""Hypothesis strategies for hostile input: Unicode edge cases, injection strings, oversized and
malformed values."""

from __future__ import annotations

from urllib.parse import quote, quote_from_bytes

from hypothesis import strategies as st

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "*:*",
    '{"$ne": null}',
    "\\",
    "'",
    '"',
    "%",
    "_",
    "(",
    "AND OR NOT",
    "-",
    "~",
    "&",
    "|",
    ":*",
]

EDGE_TEXT = [
    "",
    " ",
    "\t\n",
    "é",
    "e\u0301",  # combining accent
    "\u200b",  # zero-width space
    "\u202e",  # right-to-left override
    "\ufeff",  # byte-order mark
    "\uffff",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "👨‍👩‍👧‍👦",
    "²",  # isdigit() but not int()
    "١٢",  # Arabic-Indic digits
    "0",
    "-1",
    "1e9",
    "99999999999999999999999999",
    "1.5",
    " 1",
    "İ",
    "ß",
    "ﬁ",
]

# any text except lone surrogates (they cannot be encoded as UTF-8, so no client can send them)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(INJECTIONS),
    st.sampled_from(EDGE_TEXT),
    st.integers(min_value=200, max_value=20_000).map(lambda n: "x" * n),  # oversized
    st.lists(st.sampled_from(EDGE_TEXT + INJECTIONS), min_size=2, max_size=5).map("".join),
)


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)


# raw bytes in a query string: invalid UTF-8, NULs, stray '%' and '&'
raw_query = st.binary(max_size=80).map(lambda raw: quote_from_bytes(raw, safe="=&%+"))
