"""The organiser's desk: "Nieuwe bijeenkomst", featured approaches only from published profiles,
"Uitnodigen" on suggested invitees (outbox, record, who registered, purge), "Vol — wachtlijst"
and the waiting-list position in the e-mail."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import invitations, invitees
from events import registration as logic
from events.admin_forms import ExchangeSessionPageForm
from events.models import EventIndexPage, ExchangeSessionPage, SessionInvitation
from events.privacy import purge_personal_data
from outbox.models import OutgoingMail
from practices.models import ApproachPage
from regions.models import RegionPage
from regions.roles import MINISTRY_GROUP, coordinator_group_name

from .conftest import make_user

pytestmark = pytest.mark.django_db


def _data(n, **extra):
    return {
        "name": f"N{n}",
        "email": f"n{n}@example.org",
        "organisation": "Org",
        "role": "policy",
        "municipality": None,
        **extra,
    }


@pytest.fixture
def ministry(demo):
    user = make_user("mira-desk", MINISTRY_GROUP)
    user.first_name, user.last_name = "Mira", "Minister"
    user.save()
    return user


@pytest.fixture
def themed(session_factory):
    return session_factory(
        theme_execution_bottlenecks=["offer_incoherent"], organiser_email="org@example.org"
    )


def _suggested_region(session):
    suggestion = next(s for s in invitees.suggest_for_session(session).presenters if s.region is not None)
    return suggestion.region


def _coordinator(region, username="coco-desk", email="coco@gemeente.example"):
    user = make_user(username)
    user.email = email
    user.save()
    group, _created = Group.objects.get_or_create(name=coordinator_group_name(region))
    user.groups.add(group)
    return user


# --- "Nieuwe bijeenkomst" --------------------------------------------------------------------


def test_overview_has_new_session_button_that_opens_the_add_form(client, ministry):
    client.force_login(ministry)
    html = client.get("/admin/bijeenkomsten/").content.decode()
    index = EventIndexPage.objects.get()
    url = f"/admin/pages/add/events/exchangesessionpage/{index.pk}/"
    assert "Nieuwe bijeenkomst" in html and f'href="{url}"' in html
    assert client.get(url).status_code == 200


def test_no_new_session_button_without_add_permission(client, demo):
    viewer = make_user("vera-viewer")
    viewer.user_permissions.add(*_perms("wagtailadmin.access_admin", "events.view_registration"))
    client.force_login(viewer)
    response = client.get("/admin/bijeenkomsten/")
    assert response.status_code == 200
    assert "Nieuwe bijeenkomst" not in response.content.decode()


def _perms(*names):
    from django.contrib.auth.models import Permission

    return [
        Permission.objects.get(content_type__app_label=name.split(".")[0], codename=name.split(".")[1])
        for name in names
    ]


# --- featured approaches ---------------------------------------------------------------------


def test_featured_approaches_offer_only_published_profiles(ministry):
    live = ApproachPage.objects.published().order_by("title")
    restricted, draft = live[0], live[1]
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    draft.unpublish()
    form_class = ExchangeSessionPage.get_edit_handler().get_form_class()
    form = form_class(instance=ExchangeSessionPage(), for_user=ministry)
    offered = set(form.fields["featured_approaches"].queryset.values_list("pk", flat=True))
    assert offered == set(ApproachPage.objects.published().values_list("pk", flat=True))
    assert restricted.pk not in offered and draft.pk not in offered
    assert issubclass(form_class, ExchangeSessionPageForm)


# --- "Uitnodigen" ---------------------------------------------------------------------------


def test_invite_region_coordinators_records_and_queues_mail(
    client, ministry, themed, django_capture_on_commit_callbacks
):
    region = _suggested_region(themed)
    _coordinator(region)
    _coordinator(region, "coco-two", "tweede@gemeente.example")
    client.force_login(ministry)
    report = client.get(f"/admin/bijeenkomsten/{themed.pk}/").content.decode()
    assert f'action="/admin/bijeenkomsten/{themed.pk}/uitnodigen/"' in report
    assert "coco@gemeente.example" in report
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", {"region": region.pk, "email": ""}
        )
    assert response.status_code == 302 and response["Location"].endswith("#uitgenodigd")
    expected = invitations.coordinator_addresses([region])[region.pk]
    assert {"coco@gemeente.example", "tweede@gemeente.example"} <= set(expected)
    records = SessionInvitation.objects.filter(session=themed).order_by("email")
    assert [r.email for r in records] == sorted(expected)
    assert all(r.region == region and r.invited_by == ministry for r in records)
    sent = [m for m in mail.outbox if m.subject.startswith("Uitnodiging")]
    assert sorted(m.to[0] for m in sent) == sorted(expected)
    body = sent[0].body
    assert f"http://testserver{themed.url}" in body and region.title in body
    assert sent[0].reply_to == ["org@example.org"]
    link = re.search(r"http://testserver(/\S+)", body).group(1)
    assert client.get(link).status_code == 200  # the link in the mail opens


def test_invite_an_entered_address_and_see_who_registered(
    client, ministry, themed, django_capture_on_commit_callbacks
):
    client.force_login(ministry)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", {"email": "Iemand@Example.org"})
        client.post(f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", {"email": "niet@example.org"})
    logic.register(themed, _data(1, email="iemand@example.org"))
    rows = {row.invitation.email: row for row in invitations.invitation_rows(themed)}
    assert rows["Iemand@Example.org"].registered is True
    assert rows["niet@example.org"].registered is False
    html = client.get(f"/admin/bijeenkomsten/{themed.pk}/").content.decode()
    section = html[html.index('id="uitgenodigd"') : html.index('id="genodigden"')]
    assert "Iemand@Example.org" in section and "bevestigd" in section and "Mira Minister" in section


def test_inviting_again_updates_the_record_and_resends(ministry, themed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(themed, by=ministry, email="a@example.org")
        invitations.invite(themed, by=ministry, email="A@example.org")
    assert SessionInvitation.objects.filter(session=themed).count() == 1
    assert len([m for m in mail.outbox if m.to == ["a@example.org"] or m.to == ["A@example.org"]]) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({}, "Vul een e-mailadres in of kies een regio"),
        ({"region": "999999"}, "Onbekende regio"),
    ],
)
def test_bad_invitation_is_a_400_with_a_dutch_message(client, ministry, themed, data, message):
    client.force_login(ministry)
    response = client.post(f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SessionInvitation.objects.exists() and not OutgoingMail.objects.exists()


def test_region_without_coordinator_is_refused(client, ministry, themed):
    regions = list(RegionPage.objects.order_by("title"))
    addresses = invitations.coordinator_addresses(regions)
    region = next(region for region in regions if not addresses[region.pk])
    client.force_login(ministry)
    response = client.post(f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", {"region": region.pk})
    assert response.status_code == 400
    assert "geen coördinator met een e-mailadres" in response.content.decode()
    assert not SessionInvitation.objects.exists()


def test_draft_or_past_sessions_cannot_be_invited_to(ministry, themed, session_factory):
    themed.unpublish()
    with pytest.raises(invitations.InvitationError, match="Publiceer"):
        invitations.invite(themed, by=ministry, email="a@example.org")
    past = session_factory(start=timezone.now() - datetime.timedelta(days=2))
    with pytest.raises(invitations.InvitationError, match="begonnen"):
        invitations.invite(past, by=ministry, email="a@example.org")
    assert not SessionInvitation.objects.exists()


def test_only_the_ministry_invites(client, themed):
    viewer = make_user("vera-viewer")
    viewer.user_permissions.add(*_perms("wagtailadmin.access_admin", "events.view_registration"))
    client.force_login(viewer)
    url = f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/"
    assert client.post(url, {"email": "a@example.org"}).status_code in (302, 403)  # Wagtail: redirect
    assert not SessionInvitation.objects.exists() and not OutgoingMail.objects.exists()
    assert f'action="{url}"' not in client.get(f"/admin/bijeenkomsten/{themed.pk}/").content.decode()
    assert client.get(url).status_code == 405


def test_smtp_failure_keeps_the_invitation_and_the_mail_queued(
    client, ministry, themed, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    client.force_login(ministry)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/bijeenkomsten/{themed.pk}/uitnodigen/", {"email": "a@example.org"})
    assert response.status_code == 302
    assert SessionInvitation.objects.filter(session=themed).count() == 1
    queued = OutgoingMail.objects.get(kind="events.invitation")
    assert queued.attempts == 1 and queued.status == OutgoingMail.Status.PENDING


def test_purge_erases_invitation_addresses_with_the_registrations(ministry, session_factory):
    now = timezone.now()
    session = session_factory(start=now + datetime.timedelta(days=1))
    invitations.invite(session, by=ministry, email="weg@example.org")
    keep = session_factory(start=now + datetime.timedelta(days=1))
    invitations.invite(keep, by=ministry, email="blijft@example.org")
    ExchangeSessionPage.objects.filter(pk=session.pk).update(
        start=now - datetime.timedelta(days=100), end=now - datetime.timedelta(days=99)
    )
    purge_personal_data(90, now)
    erased = SessionInvitation.objects.get(session=session)
    assert erased.anonymised_at and "weg@" not in erased.email and erased.invited_by is None
    assert erased.invited_at  # when, and the region, stay
    assert SessionInvitation.objects.get(session=keep).email == "blijft@example.org"


# --- full sessions and the waiting list -----------------------------------------------------------


def test_cards_and_session_page_say_full_waitlist(client, session_factory):
    full = session_factory(capacity=1, title="Volle bijeenkomst")
    session_factory(capacity=5, title="Ruime bijeenkomst")
    logic.register(full, _data(1))
    listing = client.get("/bijeenkomsten/").content.decode()
    full_card = listing[listing.index("Volle bijeenkomst") :][:1500]
    assert "Vol — wachtlijst" in full_card.split("</li>")[0]
    roomy_card = listing[listing.index("Ruime bijeenkomst") :].split("</li>")[0]
    assert "Vol — wachtlijst" not in roomy_card
    assert "Vol — wachtlijst" in client.get(full.url).content.decode()
    roomy = ExchangeSessionPage.objects.get(title="Ruime bijeenkomst")
    assert "Vol — wachtlijst" not in client.get(roomy.url).content.decode()


def test_waitlist_mail_says_the_position(session_factory, django_capture_on_commit_callbacks):
    session = session_factory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        logic.register(session, _data(1))
        second = logic.register(session, _data(2))
        third = logic.register(session, _data(3))
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "plaats 1 van de wachtlijst" in bodies["n2@example.org"]
    assert "plaats 2 van de wachtlijst" in bodies["n3@example.org"]
    assert "van de wachtlijst." not in bodies["n1@example.org"]
    assert (second.waitlist_position(), third.waitlist_position()) == (1, 2)
    logic.cancel(second)
    third.refresh_from_db()
    assert third.waitlist_position() == 1


def _flags_and_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events import queries

    with CaptureQueriesContext(connection) as captured:
        flags = {session.pk: session.is_full for session in queries.upcoming_sessions()}
    return flags, len(captured)


def test_full_flag_on_a_listing_costs_no_query_per_session(session_factory):
    full = session_factory(capacity=1)
    roomy = session_factory(capacity=2)
    logic.register(full, _data(1))
    logic.register(roomy, _data(2))
    flags, queries_before = _flags_and_queries()
    assert flags[full.pk] is True and flags[roomy.pk] is False
    for n in range(3):
        logic.register(session_factory(capacity=1), _data(10 + n))
    flags, queries_after = _flags_and_queries()
    assert queries_after == queries_before  # the view-restriction lookup and the listing
    assert sum(flags.values()) >= 4
    assert full.is_full is True and roomy.is_full is False  # without the annotation: counted
