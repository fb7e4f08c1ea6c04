"""Creating invitations and the absolute links the ministry sends to municipalities."""

from __future__ import annotations

from sitelinks.absolute_urls import absolute

from .models import Invitation
from .tokens import invitation_path


def ensure_invitations(round_, municipalities) -> list[Invitation]:
    """One invitation per municipality (existing ones kept, so links stay the same)."""
    existing = {
        inv.municipality_id: inv
        for inv in Invitation.objects.filter(round=round_).select_related("municipality")
    }
    created = [Invitation(round=round_, municipality=m) for m in municipalities if m.pk not in existing]
    Invitation.objects.bulk_create(created)
    wanted = {m.pk for m in municipalities}
    return sorted(
        Invitation.objects.filter(round=round_, municipality_id__in=wanted).select_related(
            "municipality", "round"
        ),
        key=lambda inv: inv.municipality.name,
    )


def absolute_link(invitation, base_url: str | None = None) -> str:
    """The invitation's link on ``base_url`` (``--base-url``) or the site's base."""
    if base_url:
        return f"{base_url.rstrip('/')}{invitation_path(invitation)}"
    return absolute(invitation_path(invitation))
