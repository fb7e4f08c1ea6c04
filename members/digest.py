"""The digest e-mail: what is new for one member since their last digest.

Selection is pure ORM logic, testable without mail:

* profiles: live ApproachPages published (first time = "new", again = "changed") in the window
  ``(since, until]`` that the member follows directly, follows through a region, or that match one
  of their saved searches;
* sessions: upcoming exchange sessions recommended by the ministry that were published in the
  window (only if the events app provides ``events.queries.upcoming_sessions``).

Nothing new means no e-mail, and ``last_digest_at`` stays where it was. Only public page data
(title, region, summary, URL) goes into a digest: never contact persons or other members.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.queries import upcoming_sessions
from practices.models import ApproachPage
from search.contract import SearchParamError, parse_params
from search.engines import run_search
from sitelinks.absolute_urls import absolute, page_url

from .follows import follow_reasons
from .models import DigestFrequency, MemberProfile, SavedSearch
from .tokens import make_unsubscribe_token

logger = logging.getLogger(__name__)

NEW = "new"
CHANGED = "changed"
# A digest of a frequency is not sent again before this much time has passed (guards against a
# scheduler that runs the weekly job daily, or a manual re-run).
MIN_INTERVAL = {
    DigestFrequency.DAILY: datetime.timedelta(hours=20),
    DigestFrequency.WEEKLY: datetime.timedelta(days=6),
}


@dataclass
class DigestItem:
    page: ApproachPage
    kind: str  # NEW or CHANGED
    reasons: list[str] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.kind == NEW


@dataclass
class Digest:
    user: object
    since: datetime.datetime
    until: datetime.datetime
    items: list[DigestItem] = field(default_factory=list)
    sessions: list = field(default_factory=list)

    @property
    def new(self) -> list[DigestItem]:
        return [item for item in self.items if item.kind == NEW]

    @property
    def changed(self) -> list[DigestItem]:
        return [item for item in self.items if item.kind == CHANGED]

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.sessions


# --- saved searches ------------------------------------------------------------------------

SERVICE_PAGE_SIZE = 10_000  # all matches at once: the registry has hundreds of profiles


def _service_search(params: QueryDict) -> set[int]:
    """Page ids matching the query with the search page's own engine and rules. An invalid saved
    query (e.g. a code that no longer exists) matches nothing rather than everything; a failing
    engine skips the saved search in this run (it is tried again in the next one)."""
    try:
        query = parse_params(params)
    except SearchParamError:
        return set()
    query = dataclasses.replace(query, page=1, page_size=SERVICE_PAGE_SIZE)
    try:
        result = run_search(query)
    except Exception:  # a broken engine must not stop the digest run
        logger.exception("saved search failed; skipped in this digest run")
        return set()
    return {hit.id for hit in result.hits}


def saved_search_matches(saved: SavedSearch, candidates: list[ApproachPage]) -> set[int]:
    return _service_search(QueryDict(saved.query_string)) & {page.pk for page in candidates}


# --- selection -----------------------------------------------------------------------------


def window_start(profile: MemberProfile) -> datetime.datetime:
    return profile.last_digest_at or profile.created_at


def published_in_window(since, until):
    return (
        ApproachPage.objects.published()
        .real()
        .filter(last_published_at__gt=since, last_published_at__lte=until)
        .order_by("-last_published_at")
    )


def select_profiles(user, since, until) -> list[DigestItem]:
    candidates = list(published_in_window(since, until))
    if not candidates:
        return []
    reasons: dict[int, list[str]] = {}
    candidate_ids = {page.pk for page in candidates}
    for page_id, title in follow_reasons(user).items():
        if page_id in candidate_ids:
            reasons.setdefault(page_id, []).append(_("u volgt %(title)s") % {"title": title})
    for saved in SavedSearch.objects.filter(member=user):
        for page_id in saved_search_matches(saved, candidates):
            reasons.setdefault(page_id, []).append(
                _("past bij uw zoekopdracht ‘%(name)s’") % {"name": saved.name}
            )
    items = []
    for page in candidates:
        if page.pk not in reasons:
            continue
        first = page.first_published_at
        kind = NEW if first is None or first > since else CHANGED
        items.append(DigestItem(page=page, kind=kind, reasons=reasons[page.pk]))
    items.sort(key=lambda item: (item.kind != NEW, item.page.title.casefold()))
    return items


def select_sessions(since, until) -> list:
    """Upcoming sessions recommended by the ministry and published in the window."""
    sessions = []
    for session in upcoming_sessions():
        if not getattr(session, "recommended_by_ministry", False):
            continue
        published = getattr(session, "last_published_at", None) or getattr(
            session, "first_published_at", None
        )
        if published is not None and since < published <= until:
            sessions.append(session)
    return sessions


def build_digest(user, now: datetime.datetime | None = None) -> Digest:
    now = now or timezone.now()
    profile = MemberProfile.objects.get(user=user)
    since = window_start(profile)
    return Digest(
        user=user,
        since=since,
        until=now,
        items=select_profiles(user, since, now),
        sessions=select_sessions(since, now),
    )


def members_due(frequency: str, now: datetime.datetime | None = None):
    """Active users with this digest frequency, a confirmed e-mail address, not sent too recently."""
    now = now or timezone.now()
    confirmed = EmailAddress.objects.filter(verified=True).values("user_id")
    users = get_user_model().objects.filter(
        is_active=True,
        member_profile__digest_frequency=frequency,
        pk__in=confirmed,
    )
    interval = MIN_INTERVAL.get(frequency)
    if interval:
        users = users.filter(
            Q(member_profile__last_digest_at__isnull=True)
            | Q(member_profile__last_digest_at__lte=now - interval)
        )
    return users.exclude(email="").select_related("member_profile").order_by("pk")


# --- sending -------------------------------------------------------------------------------


def digest_subject(digest: Digest) -> str:
    parts = []
    if digest.items:
        parts.append(
            ngettext("%(count)s profiel", "%(count)s profielen", len(digest.items))
            % {"count": len(digest.items)}
        )
    if digest.sessions:
        parts.append(
            ngettext("%(count)s bijeenkomst", "%(count)s bijeenkomsten", len(digest.sessions))
            % {"count": len(digest.sessions)}
        )
    return _("Nieuw in het Kennisnetwerk Scheiden: %(what)s") % {"what": _(" en ").join(parts)}


def render_digest(digest: Digest) -> EmailMultiAlternatives:
    token = make_unsubscribe_token(digest.user)
    unsubscribe_url = absolute(reverse("members:unsubscribe", args=[token]))
    context = {
        "digest": digest,
        "user": digest.user,
        "items": [
            {
                "title": item.page.title,
                "url": page_url(item.page),
                "region": item.page.get_parent().title,
                "summary": item.page.summary,
                "is_new": item.is_new,
                "reasons": item.reasons,
            }
            for item in digest.items
        ],
        "sessions": [
            {
                "title": session.title,
                "url": page_url(session),
                "start": getattr(session, "start", None),
                "reason": getattr(session, "recommendation_reason", ""),
            }
            for session in digest.sessions
        ],
        "unsubscribe_url": unsubscribe_url,
        "account_url": absolute(reverse("members:account")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    text = render_to_string("members/email/digest.txt", context)
    html = render_to_string("members/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=digest_subject(digest),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digest(user, now: datetime.datetime | None = None, dry_run: bool = False) -> Digest:
    now = now or timezone.now()
    digest = build_digest(user, now)
    if digest.is_empty or dry_run:
        return digest
    with translation.override(settings.LANGUAGE_CODE):
        render_digest(digest).send(fail_silently=False)
    MemberProfile.objects.filter(user=user).update(last_digest_at=now)
    return digest


def send_digests(frequency: str, now: datetime.datetime | None = None, dry_run: bool = False) -> dict:
    """One digest per due member; failures of one member do not stop the run."""
    now = now or timezone.now()
    report = {"members": 0, "sent": 0, "empty": 0, "failed": 0}
    for user in members_due(frequency, now):
        report["members"] += 1
        try:
            digest = send_digest(user, now, dry_run=dry_run)
        except Exception:
            logger.exception("digest for user %s failed", user.pk)
            report["failed"] += 1
            continue
        report["empty" if digest.is_empty else "sent"] += 1
    return report
