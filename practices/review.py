""" "Gecontroleerd, nog actueel": a coordinator confirms that a profile still holds.

The review is recorded as a new revision of the profile's latest version with only
``last_reviewed`` changed, and a log entry ``practices.reviewed`` (registered in wagtail_hooks).
What happens next follows the roles (regions.roles):

* a user who may publish, on a live profile without pending changes: the revision is published,
  so the public page and the freshness rule see the new date at once;
* a user who may not publish (a coordinator), same profile: the revision goes into the moderation
  workflow ("Goedkeuring Ministerie"), as every change of theirs does;
* a profile with unpublished changes, or never published: the review stays in the draft and is
  published with those changes (publishing it alone would publish, or drop, someone's edits).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

REVIEWED_ACTION = "practices.reviewed"
PUBLISHED, SUBMITTED, IN_DRAFT = "published", "submitted", "in_draft"


class ReviewRefused(Exception):
    """The user may not record a review of this page (a Dutch message for them)."""


def refusal(page, user) -> str:
    """Why ``user`` cannot record a review of ``page`` now ("" when they can)."""
    if not page.permissions_for_user(user).can_edit():
        return _("U mag dit profiel niet bewerken.")
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return _("Dit profiel wacht op goedkeuring of is vergrendeld; u kunt de controle later vastleggen.")
    return ""


@transaction.atomic
def record_review(page, user, today: datetime.date | None = None) -> str:
    """Record that ``user`` checked ``page`` today; returns PUBLISHED, SUBMITTED or IN_DRAFT."""
    reason = refusal(page, user)
    if reason:
        raise ReviewRefused(reason)
    today = today or timezone.localdate()
    pending = page.has_unpublished_changes or not page.live
    latest = page.get_latest_revision_as_object()
    latest.last_reviewed = today
    revision = latest.save_revision(user=user, log_action=False, clean=False)
    log(
        instance=page,
        action=REVIEWED_ACTION,
        user=user,
        revision=revision,
        data={"last_reviewed": today.isoformat()},
    )
    if pending:
        return IN_DRAFT
    if page.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        return PUBLISHED
    page.refresh_from_db()  # the workflow submits the latest revision: ours
    workflow = page.get_workflow()
    if workflow is None:
        return IN_DRAFT
    workflow.start(page, user)
    return SUBMITTED
