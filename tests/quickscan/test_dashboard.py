"""The response dashboard (ministry only) and the public summary of a round (aggregates only)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quickscan import dashboard
from quickscan.invitations import ensure_invitations
from quickscan.models import Response, Round
from regions.models import Municipality

ZEELAND_JOINT = ("GM0687", "GM0718", "GM0717")  # Middelburg (50,004 inh.), Vlissingen, Veere


def municipalities(*codes):
    return list(Municipality.objects.filter(code__in=codes))


def respond(round_, codes, *, complete, invitation=None, answers=None):
    response = Response.objects.create(
        round=round_,
        invitation=invitation,
        source=Response.Source.ONLINE if invitation else Response.Source.IMPORT,
        answers=answers or {},
        submitted_at=timezone.now() if complete else None,
    )
    response.municipalities.set(municipalities(*codes))
    return response


@pytest.fixture
def filled_round(open_round):
    """Six invitations (one more revoked), four responses, and noise in another round.

    * Middelburg's link: complete, joint for Middelburg, Vlissingen and Veere (Zeeland);
    * Amsterdam's link: started, not complete;
    * an imported complete response for Aa en Hunze (Drenthe), and one naming no municipality;
    * Utrecht invited, nothing yet; Groningen's invitation revoked.
    """
    invitations = {
        inv.municipality.code: inv
        for inv in ensure_invitations(
            open_round, municipalities(*ZEELAND_JOINT, "GM0363", "GM1680", "GM0344", "GM0014")
        )
    }
    invitations["GM0014"].revoked_at = timezone.now()
    invitations["GM0014"].save()
    respond(
        open_round, ZEELAND_JOINT, complete=True, invitation=invitations["GM0687"], answers={"q2": "Geheim"}
    )
    respond(open_round, ["GM0363"], complete=False, invitation=invitations["GM0363"])
    respond(open_round, ["GM1680"], complete=True)
    respond(open_round, [], complete=True)
    other = Round.objects.create(label="2026", title="Andere ronde", status=Round.Status.OPEN)
    respond(other, ["GM0344", "GM0014"], complete=True)
    return open_round


def group(rows, label):
    return next(row for row in rows if row.label == label)


def test_round_counts_by_hand(filled_round):
    counts = dashboard.round_counts(filled_round)
    assert (counts.invited, counts.responses, counts.complete, counts.started) == (6, 4, 3, 1)
    assert counts.municipalities == 342
    assert (counts.covered, counts.covered_complete, counts.covered_started) == (5, 4, 1)
    assert counts.anonymous == 1
    assert counts.response_rate == 0.9  # 3 / 342
    assert counts.coverage_rate == 1.2  # 4 / 342

    zeeland = group(counts.by_province, "Zeeland")
    assert (zeeland.municipalities, zeeland.invited, zeeland.covered_complete, zeeland.responses) == (
        13,
        3,
        3,
        1,
    )
    assert zeeland.coverage_percent == 23.1  # 3 / 13
    north_holland = group(counts.by_province, "Noord-Holland")
    assert (north_holland.invited, north_holland.covered_started, north_holland.covered_complete) == (1, 1, 0)
    drenthe = group(counts.by_province, "Drenthe")
    assert (drenthe.municipalities, drenthe.covered_complete, drenthe.responses) == (12, 1, 1)
    utrecht = group(counts.by_province, "Utrecht")
    assert (utrecht.invited, utrecht.covered, utrecht.responses) == (1, 0, 0)  # the other round not counted
    groningen = group(counts.by_province, "Groningen")
    assert groningen.invited == 0  # revoked
    assert counts.by_province[-1].key == dashboard.UNKNOWN and counts.by_province[-1].responses == 1
    assert sum(row.responses for row in counts.by_province) == counts.complete

    sizes = {row.key: row for row in counts.by_size_class}
    assert [row.key for row in counts.by_size_class] == [
        "g4",
        "over_100k",
        "50k_100k",
        "under_50k",
        "unknown",
    ]
    assert [sizes[key].municipalities for key in ("g4", "over_100k", "50k_100k", "under_50k")] == [
        4,
        28,
        63,
        247,
    ]
    # The joint response counts once, in the class of two of its three municipalities (under 50,000).
    assert sizes["under_50k"].responses == 2 and sizes["50k_100k"].responses == 0
    assert sizes["under_50k"].covered_complete == 3 and sizes["50k_100k"].covered_complete == 1
    assert sizes["g4"].covered_started == 1


def test_a_tie_goes_to_the_group_with_more_inhabitants():
    assert dashboard._majority([("small", 20_000), ("large", 300_000)]) == "large"
    assert dashboard._majority([("a", 1), ("b", 900_000), ("a", 2)]) == "a"


def test_invitation_status_follows_coverage(filled_round):
    statuses = {
        inv.municipality.code: dashboard.status_of(inv)
        for inv in dashboard.invitations_with_status(filled_round)
    }
    assert statuses == {
        "GM0687": "complete",
        "GM0718": "complete",  # named in Middelburg's joint response, own link unused
        "GM0717": "complete",
        "GM0363": "started",
        "GM1680": "complete",  # imported response
        "GM0344": "not_started",
        "GM0014": "not_started",
    }


def test_counting_takes_a_constant_number_of_queries(filled_round):
    def queries():
        with CaptureQueriesContext(connection) as context:
            dashboard.round_counts(filled_round)
            list(dashboard.invitations_with_status(filled_round))
            dashboard.municipality_statuses(filled_round)
        return len(context.captured_queries)

    before = queries()
    more = Municipality.objects.order_by("code")[:40]
    ensure_invitations(filled_round, list(more))
    for municipality in more[:30]:
        respond(filled_round, [municipality.code], complete=municipality.pk % 2 == 0)
    assert queries() == before <= 9


def test_suppress_hides_small_cells_and_one_more_when_one_would_be_derivable():
    assert dashboard.suppress([12, 7, 5]) == [12, 7, 5]
    assert dashboard.suppress([12, 3, 0]) == [12, None, None]
    assert dashboard.suppress([12, 3, 8, 6]) == [12, None, 8, None]  # 3 alone = total - 26
    assert dashboard.suppress([3]) == [None]


def test_the_unknown_row_does_not_stand_in_for_a_hidden_province():
    groups = [
        dashboard.GroupCounts("PV1", "A", municipalities=20, covered_complete=12, responses=12),
        dashboard.GroupCounts("PV2", "B", municipalities=20, covered_complete=3, responses=3),
        dashboard.GroupCounts("PV3", "C", municipalities=20, covered_complete=9, responses=9),
        dashboard.GroupCounts(dashboard.UNKNOWN, "?", responses=6),
    ]
    rows = dashboard.public_rows(groups, total_responses=30)
    assert [row.covered.value for row in rows[:3]] == [12, None, None]  # B, and C so B is not 24 - 12 - 9
    assert [row.responses.value for row in rows] == [12, None, 9, None]  # 6 is the smallest other
    assert rows[0].covered.percent == 60.0 and rows[0].responses.percent == 40.0


# --- the ministry dashboard in the admin --------------------------------------------------------


def test_dashboard_shows_counts_and_statuses_to_the_ministry_only(
    client, filled_round, ministry_user, coordinator_user
):
    url = reverse("quickscan_admin:dashboard", args=[filled_round.label])
    client.force_login(ministry_user)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vlissingen" in html and "Utrecht" in html  # invited municipalities with status
    assert "Begonnen, nog niet af" in html and "Uitgenodigd, nog niet begonnen" in html
    assert "Geheim" not in html  # no answers on the dashboard
    assert "<svg" in html
    assert client.get(reverse("quickscan_admin:rounds")).status_code == 200

    client.force_login(coordinator_user)
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("quickscan_admin:rounds")).status_code in (302, 403)
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login


def test_the_menu_item_is_shown_to_the_ministry_only(client, filled_round, ministry_user, coordinator_user):
    client.force_login(ministry_user)
    assert reverse("quickscan_admin:rounds") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(coordinator_user)
    assert reverse("quickscan_admin:rounds") not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- the public summary ----------------------------------------------------------------------------


def summary(client, label="2027"):
    page = client.get(reverse("quickscan:summary", kwargs={"label": label}))
    assert page.status_code == 200
    return page.content.decode()


def test_public_summary_hides_small_cells_names_and_answers(client, filled_round):
    html = summary(client)
    assert "Quickscan 2027" in html
    # Totals are shown; every breakdown cell here is below 5, so none is shown.
    assert "<dd>3</dd>" in html  # complete responses
    assert "&lt; 5" in html
    for hidden in ("<td>1 (", "<td>3 (", "<td>2 ("):
        assert hidden not in html
    public = html.replace("G4 (Amsterdam, Rotterdam, Den Haag, Utrecht)", "G4")  # the class's own label
    for name in ("Middelburg", "Vlissingen", "Veere", "Aa en Hunze", "Amsterdam"):
        assert name not in public
    assert "Geheim" not in html
    assert "Zeeland" in html and "<svg" in html  # provinces and size classes are public


def test_public_summary_shows_cells_of_five_and_more(client, open_round):
    zeeland = list(Municipality.objects.filter(province__name="Zeeland").order_by("code")[:6])
    drenthe = list(Municipality.objects.filter(province__name="Drenthe").order_by("code")[:7])
    for municipality in [*zeeland, *drenthe]:
        respond(open_round, [municipality.code], complete=True)
    html = summary(client)
    # Zeeland: 6 responses (46 % of 13) covering 6 of its 13 municipalities (46 %).
    assert '<th scope="row">Zeeland</th>\n      <td>6 (46%)</td>\n      <td>6 (46%)</td>' in html
    # Drenthe: 7 responses (54 % of 13) covering 7 of its 12 municipalities (58 %).
    assert '<th scope="row">Drenthe</th>\n      <td>7 (54%)</td>\n      <td>7 (58%)</td>' in html
    for municipality in [*zeeland, *drenthe]:
        assert municipality.name not in html.replace("Zeeland", "").replace("Drenthe", "")


def test_draft_rounds_have_no_public_summary_and_the_url_does_not_clash_with_links(client, open_round):
    Round.objects.create(label="2030", title="Nog niet open")
    assert client.get(reverse("quickscan:summary", kwargs={"label": "2030"})).status_code == 404
    assert client.get(reverse("quickscan:summary", kwargs={"label": "bestaat-niet"})).status_code == 404
    assert reverse("quickscan:summary", kwargs={"label": "2027"}) == "/quickscan/ronde/2027/"


def test_public_summary_in_english(client, filled_round):
    from django.utils import translation

    with translation.override("en"):  # restores the language the request activates
        page = client.get(reverse("quickscan:summary", kwargs={"label": "2027"}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="en"' in html
    assert "Response by province" in html and "Complete responses" in html
