"""django-allauth adapter: sign-up can be closed with ``MEMBER_SIGNUP_OPEN=false``."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class MemberAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "MEMBER_SIGNUP_OPEN", True)
