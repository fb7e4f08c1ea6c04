"""Signed links that let a registrant view or cancel their registration without an account.

The link carries the registration's random UUID signed with the site's secret key, so it cannot
be guessed or forged; it stops working once the personal data are erased.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "events.registration"


def make_token(registration) -> str:
    return signing.Signer(salt=SALT).sign(str(registration.token))


def read_token(value: str) -> str | None:
    """The registration UUID in a signed token, or None when the signature is wrong."""
    try:
        return signing.Signer(salt=SALT).unsign(value)
    except signing.BadSignature:
        return None


def registration_url_path(registration) -> str:
    return reverse("events:registration", args=[make_token(registration)])
