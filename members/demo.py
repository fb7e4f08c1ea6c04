"""Demo data of the members app.

``ensure_demo_members`` (a step in ``home.demo.loader.EXTRA_STEPS``) creates one verified demo
member. The sources name no contact persons, so the demo profiles have none; to try the contact
form, ``manage.py add_demo_contact`` adds one clearly fictional contact person (example.org) to the
Scheidingspunt profile. It is never part of the standard demo set."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from practices.models import ApproachContact, ApproachPage

from .models import MemberProfile

DEMO_MEMBER_EMAIL = "lid@example.org"
DEMO_CONTACT = {
    "name": "Demo-contactpersoon (fictief)",
    "role": "Fictief voorbeeld voor de demo",
    "email": "contact-scheidingspunt@example.org",
}


@transaction.atomic
def ensure_demo_members() -> dict:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username="demo-lid",
        defaults={"email": DEMO_MEMBER_EMAIL, "first_name": "Lotte", "last_name": "Lid"},
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=DEMO_MEMBER_EMAIL, defaults={"verified": True, "primary": True}
    )
    profile, _ = MemberProfile.objects.get_or_create(
        user=user, defaults={"organisation": "Demo-gemeente (fictief)", "role": "Beleidsadviseur"}
    )
    if not profile.is_verified:
        profile.mark_verified(note="demo")

    return {"member_created": created}


@transaction.atomic
def add_demo_contact(slug: str = "scheidingspunt-zoetermeer") -> bool:
    """Adds the fictional contact person (and publishes a revision); False if already present."""
    page = ApproachPage.objects.get(slug=slug)
    if page.contacts.filter(email=DEMO_CONTACT["email"]).exists():
        return False
    page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    page.contacts.add(ApproachContact(**DEMO_CONTACT))
    page.save_revision().publish()
    return True
