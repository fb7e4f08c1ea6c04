"""Signed one-click unsubscribe tokens (no expiry: an old digest's link must keep working).

The token carries the user id and a keyed hash of the e-mail address (not the address itself, so
it does not end up readable in proxy logs); a link stops working when the address changes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "members.digest.unsubscribe"


def _email_hash(user) -> str:
    return salted_hmac(SALT, (user.email or "").lower()).hexdigest()[:20]


def make_unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": _email_hash(user)}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str):
    """The user the token was made for, or None when it is forged, mangled or outdated."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None or not constant_time_compare(_email_hash(user), str(data.get("e", ""))):
        return None
    return user
