"""A member's own data: export everything as JSON, delete the account and its personal data."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from .access import member_profile
from .models import ContactLog, Follow, SavedSearch


def _iso(value):
    return value.isoformat() if value else None


def export_member_data(user) -> dict:
    profile = member_profile(user)
    return {
        "exported_at": _iso(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "profile": {
            "organisation": profile.organisation,
            "role": profile.role,
            "municipality": str(profile.municipality) if profile.municipality else None,
            "municipality_code": profile.municipality.code if profile.municipality else None,
            "created_at": _iso(profile.created_at),
            "verified": profile.is_verified,
            "verified_at": _iso(profile.verified_at),
            "digest_frequency": profile.digest_frequency,
            "last_digest_at": _iso(profile.last_digest_at),
        }
        if profile
        else None,
        "follows": [
            {"page_id": f.page_id, "title": f.page.title, "url": f.page.url, "since": _iso(f.created_at)}
            for f in Follow.objects.filter(member=user).select_related("page")
        ],
        "saved_searches": [
            {"name": s.name, "query_string": s.query_string, "created_at": _iso(s.created_at)}
            for s in SavedSearch.objects.filter(member=user)
        ],
        # the text of messages is never stored, so it cannot be exported either
        "contact_messages": [
            {"profile": log.page_title, "page_id": log.page_id, "sent_at": _iso(log.sent_at)}
            for log in ContactLog.objects.filter(sender=user)
        ],
    }


def can_self_delete(user) -> bool:
    """Editors and administrators are removed in the Wagtail admin (their revisions refer to them)."""
    return not (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


@transaction.atomic
def delete_member(user) -> None:
    """Deletes the user, profile, follows, saved searches and e-mail addresses (cascade); contact
    logs lose the sender (who) and keep only when and which profile, as anonymous statistics."""
    ContactLog.objects.filter(sender=user).update(sender=None)
    user.delete()
