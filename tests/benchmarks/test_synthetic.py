"""The synthetic-profile generator: proportions, reproducibility, a valid tree, clean deletion."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Revision

from benchmarks import synthetic
from practices import taxonomy
from practices.models import ApproachPage

ANCHOR = datetime.date(2026, 1, 15)


def _places(n_regions: int = 3, per_region: int = 4) -> list[synthetic.PlaceOption]:
    places = []
    for r in range(n_regions):
        codes = tuple(f"GM{r}{m:03d}" for m in range(per_region))
        for m, code in enumerate(codes):
            places.append(
                synthetic.PlaceOption(
                    region_key=100 + r,
                    region_name=f"Regio {r}",
                    municipality_code=code,
                    municipality_name=f"Gemeente {r}-{m}",
                    region_municipality_codes=codes,
                )
            )
    return places


def test_same_seed_same_profiles_other_seed_differs():
    first = synthetic.build_specs(50, 42, _places(), ANCHOR)
    again = synthetic.build_specs(50, 42, _places(), ANCHOR)
    other = synthetic.build_specs(50, 43, _places(), ANCHOR)

    def key(specs):
        return [(s.title, s.fields, s.partners, s.municipality_codes) for s in specs]

    assert key(first) == key(again)
    assert [s.fields for s in first] != [s.fields for s in other]


def test_stage_proportions_follow_the_quickscan():
    specs = synthetic.build_specs(6000, 1, _places(), ANCHOR)
    stages = Counter(s.fields["stage"] for s in specs)
    total = sum(synthetic.STAGE_WEIGHTS.values())
    for code, weight in synthetic.STAGE_WEIGHTS.items():
        assert stages[code] / len(specs) == pytest.approx(weight / total, abs=0.025), code
    # quickscan figure 2: ~27% implemented, ~18% implementing, about a quarter not (yet) started
    assert 0.24 < stages["implemented"] / len(specs) < 0.30
    not_yet = sum(stages[c] for c in synthetic.STAGE_WEIGHTS if c not in synthetic.ACTIVE_STAGES)
    assert 0.21 < not_yet / len(specs) < 0.29


def test_multi_valued_fields_match_their_tables_and_vocabularies():
    specs = synthetic.build_specs(4000, 5, _places(), ANCHOR)
    active = [s for s in specs if s.fields["stage"] in synthetic.ACTIVE_STAGES]
    offers = Counter(code for s in active for code in s.fields["offers"])
    assert offers["local_team_help"] / len(active) == pytest.approx(0.85, abs=0.04)
    assert offers["divorce_desk"] / len(active) == pytest.approx(0.40, abs=0.04)
    execution = Counter(code for s in active for code in s.fields["execution_bottlenecks"])
    assert execution["help_voluntary"] / len(active) > 0.6
    partner_types = Counter(p["partner_type"] for s in active for p in s.partners)
    assert partner_types.most_common(1)[0][0] == "neighbourhood_team"
    for spec in specs:
        for name in ("offers", "funding_sources", "cooperation_bottlenecks", "execution_bottlenecks"):
            vocabulary = taxonomy.vocabulary(ApproachPage._meta.get_field(name).vocabulary_name)
            assert all(code in vocabulary for code in spec.fields.get(name, []))
        if "none" in spec.fields.get("execution_bottlenecks", []):
            assert spec.fields["execution_bottlenecks"] == ["none"]
        if "divorce_desk" in spec.fields.get("offers", []):
            assert spec.fields["front_door"] == "desk"
        for code in ("stage", "level", "front_door", "evaluation_status"):
            if spec.fields.get(code):
                assert spec.fields[code] in taxonomy.vocabulary(code)


def test_not_yet_started_profiles_have_no_offer_or_partners():
    specs = synthetic.build_specs(500, 9, _places(), ANCHOR)
    for spec in specs:
        if spec.fields["stage"] not in synthetic.ACTIVE_STAGES:
            assert not spec.partners and not spec.fields.get("offers")


def test_titles_are_flagged_and_municipalities_stay_in_their_region():
    places = _places()
    specs = synthetic.build_specs(300, 3, places, ANCHOR, first_number=42)
    assert specs[0].title.startswith("Fictief profiel 0042 – ")
    assert specs[0].slug == "fictief-profiel-0042"
    region_codes = {p.region_key: set(p.region_municipality_codes) for p in places}
    for spec in specs:
        assert spec.fields["is_fictional"] is True
        assert "Fictief profiel (testdata)" in spec.fields["summary"]
        assert spec.municipality_codes
        assert set(spec.municipality_codes) <= region_codes[spec.region_key]
        assert spec.fields["last_reviewed"] <= ANCHOR


def test_no_places_is_a_clear_error():
    with pytest.raises(ValueError, match="referentiedata"):
        synthetic.build_specs(1, 1, [], ANCHOR)


@pytest.mark.django_db
def test_bulk_created_profiles_form_a_valid_published_tree(demo):
    real = set(ApproachPage.objects.values_list("pk", flat=True))
    report = synthetic.create_profiles(60, seed=11, anchor=ANCHOR)
    assert report.created == 60
    fictional = ApproachPage.objects.filter(is_fictional=True)
    assert fictional.count() == 60
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depth, numchild all sound
    page = fictional.live().order_by("path").first()
    assert page.title.startswith("Fictief profiel ")
    assert page.url_path == page.get_parent().url_path + page.slug + "/"
    assert page.latest_revision_id == page.live_revision_id
    restored = page.latest_revision.as_object()
    assert restored.title == page.title
    assert sorted(m.pk for m in restored.municipalities.all()) == sorted(
        page.municipalities.values_list("pk", flat=True)
    )
    assert [p.partner_type for p in restored.partners.all()] == [p.partner_type for p in page.partners.all()]
    response = Client().get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    # a second run continues the numbering instead of clashing on slugs
    synthetic.create_profiles(5, seed=11, anchor=ANCHOR)
    slugs = list(ApproachPage.objects.filter(is_fictional=True).values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 65
    assert "fictief-profiel-0065" in slugs
    # and Wagtail's own add_child still works next to the bulk-created siblings
    region = page.get_parent()
    region.add_child(instance=ApproachPage(title="Handmatig", slug="handmatig"))
    assert Page.find_problems() == ([], [], [], [], [])
    # delete removes the fictional pages and only those
    ApproachPage.objects.filter(slug="handmatig").delete()
    report = synthetic.delete_profiles()
    assert report.deleted == 65
    assert set(ApproachPage.objects.values_list("pk", flat=True)) == real
    assert (
        not Revision.objects.filter(object_id__in=[str(pk) for pk in range(page.pk, page.pk + 70)])
        .filter(content_type__model="approachpage")
        .exists()
    )
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_command_creates_and_deletes(demo, capsys):
    call_command("generate_synthetic_profiles", "--count", "7", "--seed", "2", "--no-index")
    assert ApproachPage.objects.filter(is_fictional=True).count() == 7
    call_command("generate_synthetic_profiles", "--delete", "--no-index")
    assert not ApproachPage.objects.filter(is_fictional=True).exists()
    assert ApproachPage.objects.filter(is_fictional=False).count() == 5
