"""Inviting people to a session: the "Uitnodigen" action on a suggested invitee.

An invitation goes to the coordinators of the suggested region (their accounts in the region's
coordinator group, ``regions.roles``) or to an address the organiser enters. Each address gets one
e-mail with the session's link, queued in the outbox in the same transaction as its
``SessionInvitation`` record (delivered after commit, retried; a failing mail server never fails
the action). The organiser then sees who was invited, by whom and when, and who registered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outbox import queue as outbox
from practices.models import is_published
from regions.roles import coordinator_group_name
from sitelinks.absolute_urls import page_url

from .models import Registration, SessionInvitation, retention_days


class InvitationError(Exception):
    """An invitation that cannot be sent; ``message`` (Dutch) is shown to the organiser."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def coordinator_addresses(regions) -> dict[int, list[str]]:
    """{region page id: sorted e-mail addresses of its active coordinators}, in one query."""
    regions = [region for region in regions if region is not None]
    by_group = {coordinator_group_name(region): region.pk for region in regions}
    addresses: dict[int, set[str]] = defaultdict(set)
    rows = Group.objects.filter(name__in=by_group).values_list("name", "user__email", "user__is_active")
    for name, email, active in rows:
        if email and active:
            addresses[by_group[name]].add(email.strip())
    return {pk: sorted(addresses.get(pk, ())) for pk in by_group.values()}


def check_can_invite(session) -> None:
    if not is_published(session):
        raise InvitationError(_("Publiceer de bijeenkomst eerst: de link in de uitnodiging moet werken."))
    if session.start <= timezone.now():
        raise InvitationError(_("De bijeenkomst is al begonnen; uitnodigen kan niet meer."))


def recipients(*, region=None, email: str = "") -> list[str]:
    """The address the organiser entered, else the region's coordinators."""
    email = email.strip()
    if email:
        return [email]
    if region is None:
        raise InvitationError(_("Vul een e-mailadres in of kies een regio met een coördinator."))
    addresses = coordinator_addresses([region]).get(region.pk, [])
    if not addresses:
        raise InvitationError(
            _("%(region)s heeft geen coördinator met een e-mailadres. Vul een e-mailadres in.")
            % {"region": region.title}
        )
    return addresses


def _message(session, invitation, inviter) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "events/email/invitation.txt",
            {
                "session": session,
                "region": invitation.region,
                "session_url": page_url(session),
                "retention_days": retention_days(),
            },
        )
        subject = _("Uitnodiging: %(title)s") % {"title": session.title}
    reply_to = [address for address in (session.organiser_email, getattr(inviter, "email", "")) if address]
    return EmailMessage(subject=subject, body=body, to=[invitation.email], reply_to=reply_to[:1] or None)


def invite(session, *, by, region=None, email: str = "", now=None) -> list[SessionInvitation]:
    """Record and mail one invitation per recipient; inviting an address again re-sends it."""
    check_can_invite(session)
    now = now or timezone.now()
    invitations = []
    with transaction.atomic():
        for address in recipients(region=region, email=email):
            invitation = SessionInvitation.objects.filter(
                session=session, email__iexact=address, anonymised_at__isnull=True
            ).first() or SessionInvitation(session=session, email=address)
            invitation.region = region
            invitation.invited_by = by
            invitation.invited_at = now
            invitation.save()
            outbox.queue(_message(session, invitation, by), kind="events.invitation")
            invitations.append(invitation)
    return invitations


@dataclass(frozen=True)
class InvitationRow:
    invitation: SessionInvitation
    registration: Registration | None

    @property
    def registered(self) -> bool:
        return self.registration is not None and self.registration.is_active


def invitation_rows(session) -> list[InvitationRow]:
    """Who was invited, and the registration of each address (latest, any status), in two queries."""
    registrations: dict[str, Registration] = {}
    for item in session.registrations.filter(anonymised_at__isnull=True).order_by("created_at", "pk"):
        registrations[item.email.lower()] = item
    invitations = session.invitations.select_related("region", "invited_by")
    return [InvitationRow(item, registrations.get(item.email.lower())) for item in invitations]
