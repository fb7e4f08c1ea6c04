"""Numbers agree with their nouns: "1 regio heeft", never "1 regio's hebben"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone, translation

from members.contact import rate_limit_message
from members.models import ContactLog
from practices.figures import Figure, FigureSpec, Row
from practices.models import ApproachPage

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_template_passes_a_number_as_a_plain_blocktrans_variable():
    """``{% blocktrans with count=… %}`` names a number without a plural form; use
    ``{% blocktrans count count=… %}…{% plural %}…`` (or another name for non-counts)."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(
            r"{%\s*blocktrans(?:late)?\s+with\b[^%]*\bcount=", path.read_text(encoding="utf-8")
        ):
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []


def _figure(answered: int) -> Figure:
    from practices.figures import FIGURES

    spec: FigureSpec = FIGURES[0]
    rows = [Row(code="x", label="Iets", count=answered, percent=100.0)]
    return Figure(
        spec=spec,
        total=5,
        answered=answered,
        not_filled=5 - answered,
        rows=rows,
        answered_by_size={},
        total_by_size={},
    )


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        (1, "1 van de 5 profielen beantwoordde deze vraag."),
        (2, "2 van de 5 profielen beantwoordden deze vraag."),
    ],
)
def test_figure_summary_agrees_with_the_number(answered, expected):
    with translation.override("nl"):
        assert expected in _figure(answered).summary()


@pytest.mark.django_db
@override_settings(MEMBER_CONTACT_LIMIT_HOUR=1, MEMBER_CONTACT_LIMIT_DAY=20)
def test_contact_limit_of_one_message_is_singular(demo, django_user_model):
    sender = django_user_model.objects.create_user("enkel", "enkel@example.org", "x")
    page = ApproachPage.objects.first()
    ContactLog.objects.create(
        sender=sender, page=page, page_title="x", recipient_count=1, sent_at=timezone.now()
    )
    with translation.override("nl"):
        assert "afgelopen uur al 1 bericht verstuurd." in rate_limit_message(sender)


def _stages_in_regions(count: int) -> None:
    """Exactly ``count`` regions get a published profile with a stage."""
    pages = list(ApproachPage.objects.live().order_by("path"))
    by_region = {}
    for page in pages:
        by_region.setdefault(page.path[: -ApproachPage.steplen], page)
    chosen = list(by_region.values())[:count]
    assert len(chosen) == count
    ApproachPage.objects.exclude(pk__in=[page.pk for page in chosen]).update(stage="")
    ApproachPage.objects.filter(pk__in=[page.pk for page in chosen]).update(stage="implemented")


@pytest.mark.parametrize("regions", [1, 2])
@pytest.mark.django_db
def test_overview_map_sentence_counts_covered_municipalities(client, demo, regions):
    """The map's sentence counts the municipalities a profile with a stage covers, in the right
    number ("1 gemeente valt", "n gemeenten vallen"), in Dutch and English."""
    _stages_in_regions(regions)
    response = client.get("/landelijk-beeld/")
    html = response.content.decode()
    covered = response.context["covered_municipalities"]
    assert covered >= 1
    if covered == 1:
        assert "1 gemeente valt onder een gepubliceerd profiel met een fase" in html
    else:
        assert f"{covered} gemeenten vallen onder een gepubliceerd profiel met een fase" in html
    assert "regio's hebben" not in html
    english = client.get("/en/landelijk-beeld/").content.decode()
    word = "municipality is" if covered == 1 else "municipalities are"
    assert f"{covered} {word} covered by a published profile with a stage" in english
