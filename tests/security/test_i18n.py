"""English: every UI string has an English translation (compiled .mo committed), Dutch stays the
default, /en/ pages are English and their internal links keep the /en/ prefix."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_english_catalogue_is_complete_and_compiled():
    catalogue = polib.pofile(str(PO))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} strings without English: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy translations: {fuzzy[:10]}"
    assert MO.exists(), "run manage.py compilemessages and commit the .mo"
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(MO))}
    singular = [entry for entry in catalogue if not entry.msgid_plural]
    stale = [entry.msgid for entry in singular if compiled.get(entry.msgid) != entry.msgstr]
    assert not stale, f".mo is older than the .po: {stale[:5]}"


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(PO)):
        source = set(re.findall(r"%\(\w+\)s", entry.msgid + entry.msgid_plural))
        if not entry.msgid_plural:
            assert set(re.findall(r"%\(\w+\)s", entry.msgstr)) == source, entry.msgid
            continue
        for target in entry.msgstr_plural.values():  # a singular form may leave out the count
            assert set(re.findall(r"%\(\w+\)s", target)) <= source, entry.msgid


def test_translations_are_active():
    with translation.override("en"):
        assert translation.gettext("Naar de inhoud") == "Skip to content"
    with translation.override("nl"):
        assert translation.gettext("Naar de inhoud") == "Naar de inhoud"


PAGES = ["/", "/regios/", "/regios/haaglanden/", "/regios/haaglanden/scheidingspunt-zoetermeer/"]
OPTIONAL_PAGES = ["/zoeken/", "/landelijk-beeld/", "/bijeenkomsten/"]


def _internal_links(html: str) -> list[str]:
    links = re.findall(r'(?:href|action)="(/[^"]*)"', html)
    skip = ("/static/", "/media/", "/documents/", "/api/", "/admin/", "/i18n/", "/sitemap.xml", "/open-data/")
    return [link for link in links if not link.startswith(skip)]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES + OPTIONAL_PAGES)
def test_dutch_is_the_default(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()
    assert "Naar de inhoud" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES + OPTIONAL_PAGES)
def test_english_pages_are_english_and_stay_english(client, demo, path):
    response = client.get("/en" + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Naar de inhoud" not in html
    dutch_links = [link for link in _internal_links(html) if not link.startswith("/en/")]
    assert not dutch_links, f"links that drop /en/ on {path}: {sorted(set(dutch_links))[:8]}"


@pytest.mark.django_db
def test_taxonomy_labels_switch_language(client, demo):
    from practices import taxonomy

    vocabulary = taxonomy.vocabulary("stage")
    code = vocabulary.codes[0]
    with translation.override("nl"):
        dutch = vocabulary.label(code)
    with translation.override("en"):
        english = vocabulary.label(code)
    assert dutch and english and dutch != english


@pytest.mark.django_db
def test_language_switch_keeps_the_page(client, demo):
    html = client.get("/en/regios/haaglanden/").content.decode()
    assert 'name="next" type="hidden" value="/regios/haaglanden/"' in html
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/regios/haaglanden/"},
        HTTP_REFERER="/regios/haaglanden/",
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/regios/haaglanden/"
    # back to Dutch with what the form on the English page sends
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/regios/haaglanden/"})
    assert response["Location"] == "/regios/haaglanden/"
