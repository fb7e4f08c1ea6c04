"""Adoption lineage is shown in both directions on the profile pages."""

from __future__ import annotations

import pytest

from practices.models import ApproachLineage, ApproachPage
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


def test_lineage_both_directions(client, demo):
    source = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    adopters = []
    for n in range(3):
        page = make_approach("JZ24" if n else "JZ38", title=f"Loket naar voorbeeld {n}", publish=False)
        page.lineage = [ApproachLineage(source=source, relation="adopted", note=f"Loket overgenomen ({n})")]
        page.save_revision().publish()
        adopters.append(ApproachPage.objects.get(pk=page.pk))

    body = client.get(source.url).content.decode()
    assert "Overgenomen door 3 aanpakken" in body
    for page in adopters:
        assert f'href="{page.url}"' in body

    body = client.get(adopters[0].url).content.decode()
    assert "Herkomst" in body
    assert f'href="{source.url}"' in body and "Loket overgenomen (0)" in body


def test_unpublished_adopter_is_not_shown(client, demo):
    source = ApproachPage.objects.get(slug="joop-zeeland")
    page = make_approach("JZ38", title="Concept dat overneemt", publish=False)
    page.lineage = [ApproachLineage(source=source, relation="adopted")]
    page.save_revision()  # draft only
    assert "Overgenomen door" not in client.get(source.url).content.decode()
