"""Personal invitation links: a signed invitation id and nonce (no account, no guessable ids).

A tampered link fails the signature; a revoked invitation or one whose nonce was renewed no longer
matches; a closed round refuses new answers. Each case gets its own Dutch explanation.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "quickscan.invitation"


class LinkError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid", "revoked", "closed"


def make_token(invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def invitation_path(invitation) -> str:
    return reverse("quickscan:start", kwargs={"token": make_token(invitation)})


def invitation_for(token: str):
    from .models import Invitation

    try:
        data = signing.loads(token, salt=SALT)
        invitation = Invitation.objects.select_related("round", "municipality").get(pk=int(data["i"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError, Invitation.DoesNotExist):
        raise LinkError("invalid") from None
    if invitation.nonce != data.get("n"):
        raise LinkError("invalid")
    if invitation.is_revoked:
        raise LinkError("revoked")
    return invitation
