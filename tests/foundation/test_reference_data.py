from collections import Counter

import pytest

from regions.models import Municipality, Province, YouthCareRegion
from regions.reference import load_reference_data
from regions.size_classes import size_class_for


@pytest.mark.django_db
def test_reference_counts_match_cbs(demo):
    assert Municipality.objects.count() == 342
    assert Province.objects.count() == 12
    assert YouthCareRegion.objects.count() == 42
    assert not YouthCareRegion.objects.filter(code="JZ40").exists()


@pytest.mark.django_db
def test_reload_is_idempotent(demo):
    report = load_reference_data()
    assert report["municipalities"].created == 0
    assert report["municipalities"].updated == 0
    assert report["municipalities"].unchanged == 342
    assert report["regions"].unchanged == 42
    assert Municipality.objects.count() == 342


@pytest.mark.django_db
def test_spot_checks_from_sources(demo):
    dalfsen = Municipality.objects.select_related("province", "youth_care_region").get(code="GM0148")
    assert (dalfsen.name, dalfsen.province.name, dalfsen.youth_care_region.name) == (
        "Dalfsen",
        "Overijssel",
        "IJsselland",
    )
    assert dalfsen.population == 29683
    assert dalfsen.size_class == "under_50k"
    assert Municipality.objects.get(code="GM0637").size_class == "over_100k"  # Zoetermeer 128,434
    assert Municipality.objects.get(code="GM0518").size_class == "g4"  # 's-Gravenhage
    assert Municipality.objects.filter(province__name="Zeeland").count() == 13


@pytest.mark.django_db
def test_size_classes_follow_quickscan_bands(demo):
    counts = Counter(Municipality.objects.values_list("size_class", flat=True))
    assert counts == {"under_50k": 247, "50k_100k": 63, "over_100k": 28, "g4": 4}


def test_size_class_boundaries():
    assert size_class_for("GM9999", 49_999) == "under_50k"
    assert size_class_for("GM9999", 50_000) == "50k_100k"
    assert size_class_for("GM9999", 100_000) == "50k_100k"
    assert size_class_for("GM9999", 100_001) == "over_100k"
    assert size_class_for("GM0363", 10) == "g4"
