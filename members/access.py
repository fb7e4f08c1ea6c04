"""Who is a (verified) member; auto-verification by e-mail domain."""

from __future__ import annotations

from django.conf import settings

from .models import MemberProfile


def member_profile(user) -> MemberProfile | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        return None


def ensure_profile(user) -> MemberProfile:
    """Every logged-in user can follow and save searches; editors get a profile on first use."""
    profile = member_profile(user)
    if profile is None:
        profile, _ = MemberProfile.objects.get_or_create(user=user)
    return profile


def is_verified_member(request) -> bool:
    """Registered as the ``is_verified_member`` Wagtail hook: verified members see contact persons."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    profile = member_profile(user)
    return bool(profile and profile.is_verified)


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def domain_is_allowed(email: str) -> bool:
    """Exact match against ``MEMBER_AUTO_VERIFY_DOMAINS`` (no subdomains, case-insensitive)."""
    allowed = {domain.strip().lower() for domain in settings.MEMBER_AUTO_VERIFY_DOMAINS}
    return bool(email) and email_domain(email) in allowed


def auto_verify(user, email: str) -> bool:
    """Called when an address is confirmed: verify the member if its domain is allow-listed."""
    if not domain_is_allowed(email):
        return False
    if (user.email or "").lower() != email.lower():
        return False
    profile = ensure_profile(user)
    if profile.is_verified:
        return False
    profile.mark_verified(by=None, note=f"domein {email_domain(email)}")
    return True
