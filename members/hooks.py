"""Signal receivers and the profile-page hook (registered in ``MembersConfig.ready``)."""

from __future__ import annotations

from .access import auto_verify


def profile_context(page, request) -> dict:
    """Follow button in the profile header, contact-form link in the contact column."""
    return {
        "profile_actions": ["members/includes/follow_button.html"],
        "profile_sidebar": ["members/includes/contact_link.html"],
    }


def on_email_confirmed(sender, request=None, email_address=None, **kwargs) -> None:
    if email_address is not None:
        auto_verify(email_address.user, email_address.email)
