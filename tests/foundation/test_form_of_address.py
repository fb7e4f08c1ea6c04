"""One form of address: the site, its mails and allauth's pages say "u", never "je/jij/jouw".

Scanned: every template (pages and mails), every string literal in the project's Python code, the
Dutch msgids of the project catalogue, the Dutch overrides of third-party strings, and the strings
django-allauth shows as they come out of gettext in Dutch (so an allauth upgrade that adds a "je"
string fails here). Django's own messages (password validators included) must be Dutch.
"""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
# Proper names of real initiatives keep their own words.
ALLOWED = ["Scheiden doe je samen", "scheiden-doe-je-samen"]
PROJECT_DIRS = [
    "config",
    "home",
    "regions",
    "practices",
    "search",
    "events",
    "members",
    "outbox",
    "quickscan",
]


def informal_words(text: str) -> list[str]:
    for allowed in ALLOWED:
        text = re.sub(re.escape(allowed), "", text, flags=re.IGNORECASE)
    return INFORMAL.findall(text)


def test_the_scan_finds_informal_address():
    assert informal_words("Weet je zeker dat jij wilt afmelden?") == ["je", "jij"]
    assert informal_words("Jouw account") == ["Jouw"]
    assert informal_words("Weet u zeker dat u wilt uitloggen? Jeugdregio, jeugdhulp, bijeenkomst") == []
    assert informal_words("Scheiden doe je samen (Dalfsen)") == []


def test_templates_and_mail_templates_say_u():
    found = {}
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt"} and (words := informal_words(path.read_text(encoding="utf-8"))):
            found[str(path.relative_to(ROOT))] = words
    assert found == {}


def _string_literals(path: Path):
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.STRING:
                yield token.start[0], token.string


def test_python_strings_say_u():
    found = []
    for directory in PROJECT_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, literal in _string_literals(path):
                if (words := informal_words(literal)) and not literal.lstrip("rbuf").startswith(
                    ('"""', "'''")
                ):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {words}")
    assert found == []


def test_catalogues_say_u():
    english = polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    dutch_msgids = [f"{entry.msgid} {entry.msgid_plural}" for entry in english if not entry.obsolete]
    assert len(dutch_msgids) > 500
    assert [text for text in dutch_msgids if informal_words(text)] == []
    overrides = polib.pofile(str(ROOT / "translation_overrides" / "nl" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgstr for entry in overrides if informal_words(entry.msgstr)] == []


def _allauth_strings_in_use():
    """allauth's Dutch entries for the parts this site uses (e-mail accounts: no social accounts,
    no MFA, no login by code or phone), with the msgstr allauth itself ships."""
    import allauth

    catalogue = polib.pofile(
        str(Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    )
    unused = re.compile(r"mfa|socialaccount|usersessions|idp|headless|phone|code|passkey|reauth")
    for entry in catalogue:
        places = [place for place, _line in entry.occurrences]
        used = [place for place in places if re.match(r"(account/|templates/account/|core/)", place)]
        if entry.obsolete or not [place for place in used if not unused.search(place)]:
            continue
        yield entry


def test_allauth_pages_and_mails_say_u_in_dutch():
    entries = [entry for entry in _allauth_strings_in_use() if informal_words(entry.msgstr)]
    assert len(entries) > 40  # allauth's own translation says "je": the overrides must win
    still_informal = []
    with translation.override("nl"):
        for entry in entries:
            shown = (
                translation.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else translation.gettext(entry.msgid)
            )
            if informal_words(shown) or shown == entry.msgid:
                still_informal.append((entry.msgid[:60], shown[:80]))
    assert still_informal == []


def test_allauth_pages_render_with_u(client, db):
    html = client.get("/account/password/reset/").content.decode()
    assert "Wachtwoord vergeten? Vul hieronder uw e-mailadres in." in html
    assert not informal_words(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("kort", "Dit wachtwoord is te kort."),
        ("12345678901", "Dit wachtwoord is te algemeen."),
        ("83749201573", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_password_validators_speak_dutch(password, expected):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        validate_password(password)
    messages = " ".join(error.value.messages)
    assert expected in messages
    assert not informal_words(messages)


def test_signup_password_errors_are_dutch(client, db):
    response = client.post(
        "/account/signup/",
        {"email": "nieuw@example.org", "password1": "12345678", "password2": "12345678", "name": "Nieuw Lid"},
    )
    html = response.content.decode()
    assert "Dit wachtwoord is te kort" in html or "Dit wachtwoord is te algemeen" in html, html[-3000:]
    assert "This password" not in html
