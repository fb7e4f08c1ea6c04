"""Signal receivers of the members app (connected in ``MembersConfig.ready``)."""

from __future__ import annotations

from .access import auto_verify


def on_email_confirmed(sender, request=None, email_address=None, **kwargs) -> None:
    if email_address is not None:
        auto_verify(email_address.user, email_address.email)
