"""Sending the personal link and reminders by e-mail, a failing mail server, and erasing personal data."""

from __future__ import annotations

import datetime
import re
import socket

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from quickscan.invitations import absolute_link, ensure_invitations
from quickscan.models import Invitation, Response, Round
from quickscan.tokens import invitation_for
from regions.models import Municipality


@pytest.fixture
def refusing_smtp():
    """SMTP settings pointing at a loopback port nobody listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=2,
    ):
        yield


def send_url(invitation):
    return reverse("quickscan_admin:send_invitation", args=[invitation.pk])


# --- sending the invitation from the admin -------------------------------------------------------


def test_ministry_sends_the_personal_link_to_the_address_it_entered(client, invitation, ministry_user):
    invitation.email = "jeugd@middelburg.example"
    invitation.save()
    client.force_login(ministry_user)
    confirm = client.get(send_url(invitation))
    assert confirm.status_code == 200 and "jeugd@middelburg.example" in confirm.content.decode()
    page = client.post(send_url(invitation), {"next": "/admin/"}, follow=True)
    assert page.redirect_chain[-1][0] == "/admin/"
    assert "is verstuurd naar jeugd@middelburg.example" in page.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jeugd@middelburg.example"]
    assert "Middelburg" in message.subject
    link = re.search(r"http://\S+/quickscan/(\S+)/", message.body)
    assert link and absolute_link(invitation).startswith(link[0].split("/quickscan/")[0])
    assert invitation_for(link[1]) == invitation  # the personal link of this invitation
    assert "Geachte heer/mevrouw" in message.body and "U hebt geen account nodig" in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_without_an_address_nothing_is_sent_and_the_reason_is_given(client, invitation, ministry_user):
    client.force_login(ministry_user)
    page = client.post(send_url(invitation))
    assert page.status_code == 400
    assert "Vul eerst een e-mailadres in" in page.content.decode()
    assert mail.outbox == []


def test_a_refusing_mail_server_gives_a_dutch_message_not_a_500(
    client, invitation, ministry_user, refusing_smtp
):
    invitation.email = "jeugd@middelburg.example"
    invitation.save()
    client.force_login(ministry_user)
    page = client.post(send_url(invitation), follow=True)
    assert page.status_code == 200
    assert "kon niet worden verstuurd" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.sent_at is None


def test_coordinators_cannot_send(client, invitation, coordinator_user):
    invitation.email = "jeugd@middelburg.example"
    invitation.save()
    client.force_login(coordinator_user)
    assert client.post(send_url(invitation)).status_code in (302, 403)
    assert mail.outbox == []


def test_the_action_is_on_the_invitation_list_and_edit_screens(client, invitation, ministry_user):
    client.force_login(ministry_user)
    listing = client.get(reverse("wagtailsnippets_quickscan_invitation:list")).content.decode()
    assert send_url(invitation) in listing and "Stuur uitnodiging" in listing
    edit = client.get(
        reverse("wagtailsnippets_quickscan_invitation:edit", args=[invitation.pk])
    ).content.decode()
    assert send_url(invitation) in edit


# --- reminders ----------------------------------------------------------------------------------


@pytest.fixture
def invited(open_round):
    """Invitations with addresses in several states; returns {code: invitation}."""
    codes = ["GM0687", "GM0718", "GM0717", "GM0363", "GM1680", "GM0344", "GM0014"]
    invitations = {
        inv.municipality.code: inv
        for inv in ensure_invitations(open_round, list(Municipality.objects.filter(code__in=codes)))
    }
    for code, inv in invitations.items():
        inv.email = f"{code.lower()}@example.org"
    invitations["GM0344"].email = ""  # no address
    invitations["GM0014"].revoked_at = timezone.now()
    invitations["GM1680"].sent_at = timezone.now() - datetime.timedelta(days=2)  # just invited
    for inv in invitations.values():
        inv.save()

    def respond(inv, covers, complete):
        response = Response.objects.create(
            round=open_round, invitation=inv, submitted_at=timezone.now() if complete else None
        )
        response.municipalities.set(Municipality.objects.filter(code__in=covers))

    respond(invitations["GM0687"], ["GM0687", "GM0717"], complete=True)  # Middelburg, also for Veere
    respond(invitations["GM0718"], ["GM0718"], complete=False)  # Vlissingen started
    return invitations


def reminded():
    return sorted(message.to[0].split("@")[0].upper() for message in mail.outbox)


def test_reminders_go_to_unfinished_invitations_with_an_address(invited):
    call_command("quickscan_reminders", "2027", verbosity=0)
    # Vlissingen (started) and Amsterdam (not started); not Middelburg or Veere (complete, Veere by
    # the joint response), Utrecht (no address), Groningen (revoked) or Aa en Hunze (sent 2 days ago).
    assert reminded() == ["GM0363", "GM0718"]
    assert "Herinnering" in mail.outbox[0].subject
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 2


def test_no_second_reminder_within_the_interval(invited):
    call_command("quickscan_reminders", "2027", verbosity=0)
    mail.outbox.clear()
    call_command("quickscan_reminders", "2027", verbosity=0)
    assert mail.outbox == []
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Invitation.objects.filter(reminded_at__isnull=False).update(reminded_at=eight_days_ago)
    Invitation.objects.filter(sent_at__isnull=False).update(sent_at=eight_days_ago)
    call_command("quickscan_reminders", "2027", verbosity=0)
    assert reminded() == ["GM0363", "GM0718", "GM1680"]


@override_settings(QUICKSCAN_REMINDER_DAYS=1)
def test_the_interval_is_a_setting(invited):
    call_command("quickscan_reminders", "2027", verbosity=0)
    assert "GM1680" in reminded()  # sent two days ago, more than one day


def test_dry_run_sends_nothing(invited, capsys):
    call_command("quickscan_reminders", "2027", "--dry-run")
    assert mail.outbox == [] and not Invitation.objects.filter(reminded_at__isnull=False).exists()
    assert "2 herinnering(en) zouden worden verstuurd" in capsys.readouterr().out


def test_a_refusing_mail_server_does_not_crash_the_reminders(invited, refusing_smtp, capsys):
    call_command("quickscan_reminders", "2027")
    assert "2 herinnering(en) niet verstuurd" in capsys.readouterr().err
    assert not Invitation.objects.filter(reminded_at__isnull=False).exists()  # tried again next time


def test_no_reminders_for_a_closed_round(invited, open_round):
    open_round.close()
    with pytest.raises(CommandError, match="niet open"):
        call_command("quickscan_reminders", "2027")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("quickscan_reminders", "1999")


# --- privacy ------------------------------------------------------------------------------------


def personal_response(round_, invitation=None):
    response = Response.objects.create(
        round=round_,
        invitation=invitation,
        answers={"q2": "Beleidsadviseur", "q4": "implemented"},
        respondent_name="Jet Jansen",
        respondent_email="jet@example.org",
        interview_consent=True,
        contact_email="jet.interview@example.org",
        contact_phone="0612345678",
        results_email="jet.resultaten@example.org",
        submitted_at=timezone.now(),
    )
    return response


def close_days_ago(round_, days):
    round_.close()
    Round.objects.filter(pk=round_.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days))


def test_closing_a_round_erases_the_invitation_addresses(invitation, open_round):
    invitation.email = "jeugd@middelburg.example"
    invitation.save()
    open_round.close()
    invitation.refresh_from_db()
    assert invitation.email == ""


def test_closing_in_the_admin_form_also_stamps_and_erases(invitation, open_round):
    invitation.email = "jeugd@middelburg.example"
    invitation.save()
    open_round.status = Round.Status.CLOSED  # what the round's edit form does
    open_round.save()
    invitation.refresh_from_db()
    assert invitation.email == "" and open_round.closed_at is not None
    first = open_round.closed_at
    open_round.close()  # closing again does not postpone the purge
    assert Round.objects.get(pk=open_round.pk).closed_at == first
    open_round.open()
    assert Round.objects.get(pk=open_round.pk).closed_at is None


@override_settings(QUICKSCAN_RETENTION_DAYS=90)
def test_purge_after_the_retention_period_keeps_the_answers(open_round, invitation):
    response = personal_response(open_round, invitation)
    recent = Round.objects.create(label="2028", title="Recent gesloten", status=Round.Status.OPEN)
    recent_response = personal_response(recent)
    still_open = Round.objects.create(label="2029", title="Open", status=Round.Status.OPEN)
    open_response = personal_response(still_open)
    close_days_ago(open_round, 91)
    close_days_ago(recent, 89)

    call_command("quickscan_purge", verbosity=0)
    response.refresh_from_db()
    for name in Response.PERSONAL_FIELDS:
        assert getattr(response, name) == ""
    assert response.interview_consent is None and response.personal_data_erased_at is not None
    assert response.answers == {"q2": "Beleidsadviseur", "q4": "implemented"}
    assert response.is_complete
    for untouched in (recent_response, open_response):
        untouched.refresh_from_db()
        assert untouched.respondent_email == "jet@example.org" and untouched.contact_phone == "0612345678"

    erased_at = response.personal_data_erased_at
    call_command("quickscan_purge", verbosity=0)  # idempotent: nothing left to do
    response.refresh_from_db()
    assert response.personal_data_erased_at == erased_at


def test_purge_reports_and_dry_run(open_round, capsys):
    personal_response(open_round)
    close_days_ago(open_round, 200)
    call_command("quickscan_purge", "--dry-run")
    assert "1 antwoord(en) zouden worden gewist" in capsys.readouterr().out
    assert Response.objects.get().respondent_email == "jet@example.org"
    call_command("quickscan_purge")
    assert "Persoonsgegevens gewist van 1 antwoord(en)" in capsys.readouterr().out
    call_command("quickscan_purge")
    assert "van 0 antwoord(en)" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("quickscan_purge", "--days", "-1")


# --- who sees individual responses --------------------------------------------------------------


def test_only_the_ministry_sees_responses_and_their_contact_details(
    client, open_round, invitation, ministry_user, coordinator_user
):
    response = personal_response(open_round, invitation)
    list_url = reverse("wagtailsnippets_quickscan_response:list")
    inspect_url = reverse("wagtailsnippets_quickscan_response:inspect", args=[response.pk])

    client.force_login(coordinator_user)
    for url in (list_url, inspect_url):
        page = client.get(url)
        assert page.status_code in (302, 403)
        assert "jet.interview@example.org" not in page.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert list_url not in home

    client.force_login(ministry_user)
    assert client.get(list_url).status_code == 200
    inspect = client.get(inspect_url)
    assert inspect.status_code == 200
    assert "jet.interview@example.org" in inspect.content.decode()


# --- the purge's rules at their edges (quickscan/privacy.py) ---------------------------------------


def test_purge_cut_off_counts_and_leftover_addresses(open_round, invitation):
    from quickscan.privacy import purge, responses_due, rounds_due

    response = personal_response(open_round, invitation)
    close_days_ago(open_round, 30)
    Invitation.objects.filter(pk=invitation.pk).update(email="later@middelburg.example")  # after closing
    assert list(rounds_due(31)) == [] and list(responses_due(31)) == []
    assert list(rounds_due(29)) == [open_round] and list(responses_due(29)) == [response]
    assert purge(31) == {"responses": 0, "invitations": 0}
    assert purge(29) == {"responses": 1, "invitations": 1}
    assert Invitation.objects.get(pk=invitation.pk).email == ""
    assert purge(29) == {"responses": 0, "invitations": 0}  # nothing left


def test_purge_leaves_open_rounds_and_catches_refilled_fields(open_round, invitation):
    from quickscan.privacy import purge, responses_due

    still_open = Round.objects.create(label="2031", title="Open", status=Round.Status.OPEN)
    personal_response(still_open)
    Round.objects.filter(pk=still_open.pk).update(closed_at=timezone.now() - datetime.timedelta(days=400))
    assert purge(1) == {"responses": 0, "invitations": 0}  # open: however long ago a date says

    response = personal_response(open_round)
    close_days_ago(open_round, 100)
    purge(90)
    assert list(responses_due(90)) == []
    for name in ("respondent_name", "contact_phone"):  # e.g. typed in again by an editor
        Response.objects.filter(pk=response.pk).update(**{name: "Jet"})
        assert list(responses_due(90)) == [response]
        purge(90)
        assert getattr(Response.objects.get(pk=response.pk), name) == ""
    Response.objects.filter(pk=response.pk).update(interview_consent=True)
    assert list(responses_due(90)) == [response]
