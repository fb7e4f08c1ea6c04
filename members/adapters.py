"""django-allauth adapter: sign-up can be closed with ``MEMBER_SIGNUP_OPEN=false``; allauth's mails
(confirmation, password reset, "account already exists") go through the outbox, so a failing mail
server never turns a sign-up into a 500. Known and unknown addresses cost the same work: one
password hash and one queued mail on sign-up, one queued mail on a password reset (allauth's
"unknown account" mail, ``ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS``)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site

from outbox import queue as outbox


class MemberAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "MEMBER_SIGNUP_OPEN", True)

    def send_account_already_exists_mail(self, email: str) -> None:
        # A sign-up with an address that has an account creates nothing, while a new one hashes
        # the password (save_user): hash it here too, so both take the same work (no user
        # enumeration by timing). Both then queue one mail.
        make_password(
            (allauth_context.request.POST.get("password1") or "") if allauth_context.request else ""
        )
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix, email, context):
        # As DefaultAccountAdapter.send_mail, but queued instead of message.send().
        request = allauth_context.request
        full_context = {"request": request, "email": email, "current_site": get_current_site(request)}
        full_context.update(context)
        message = self.render_mail(template_prefix, email, full_context)
        outbox.queue(message, kind=f"account.{template_prefix.rsplit('/', 1)[-1]}")
