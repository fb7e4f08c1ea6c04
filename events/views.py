"""Thin views: the session listing and page, registration, the registrant's own page (signed
link) and calendar files. Rules live in ``events.registration``; these only translate them to
HTTP (refusals are 4xx with a Dutch explanation, never a 500)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from practices import throttle
from practices.models import is_published, published_among
from sitelinks.absolute_urls import page_url

from . import ical, queries, registration, tokens
from .forms import RegistrationForm, SessionFilterForm
from .models import Registration, retention_days


def _ical_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _private(response):
    """Pages behind a signed link: not cached, not indexed, the link never leaks as referrer."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the cancel form's
    # POST and Django's CSRF check refuses it; same-origin still never leaks the link to other sites.
    response["Referrer-Policy"] = "same-origin"
    return response


# --- listing and feed ---------------------------------------------------------------------


def event_index(request, index):
    form = SessionFilterForm(request.GET or None)
    status = 200
    upcoming = queries.upcoming_sessions().child_of(index).prefetch_related("host_regions")
    past = queries.past_sessions().child_of(index).prefetch_related("host_regions")
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        upcoming, past = form.apply(upcoming), form.apply(past)
    context = index.get_context(request)
    context.update(
        {
            "filter_form": form,
            "upcoming": upcoming if status == 200 else [],
            "past": past if status == 200 else [],
            "feed_url": index.feed_url,
        }
    )
    return TemplateResponse(request, index.get_template(request), context, status=status)


def calendar_feed(request, index):
    sessions = queries.upcoming_sessions().child_of(index)
    data = ical.build_calendar(
        sessions,
        name=_("Bijeenkomsten Kennisnetwerk Scheiden"),
        uid=f"agenda-{index.pk}@kennisnetwerkscheiden.nl",
        url_for=page_url,
    )
    return _ical_response(data, "bijeenkomsten.ics")


# --- session page and registration ----------------------------------------------------------


def session_detail(request, session, form=None, status=200, error=""):
    state = registration.window_state(session)
    seats_left = registration.seats_left(session)
    if form is None and state.is_open:
        form = RegistrationForm(retention_days=retention_days())
    context = session.get_context(request)
    context.update(
        {
            "form": form if state.is_open else None,
            "window": state,
            "seats_left": seats_left,
            "is_full": seats_left == 0,
            "registration_error": error,
            "register_url": (session.url or "") + session.reverse_subpage("register"),
            "ical_url": session.ical_url,
            "documents": session.documents.select_related("document"),
            # Works on previews too (unsaved relations are modelcluster's in-memory querysets).
            "featured": sorted(
                published_among(session.featured_approaches.all()), key=lambda approach: approach.title
            ),
            "hosts": sorted(session.host_regions.all(), key=lambda region: region.title),
        }
    )
    return TemplateResponse(request, session.get_template(request), context, status=status)


def session_register(request, session):
    if request.method != "POST":
        return HttpResponseRedirect(session.url)
    form = RegistrationForm(request.POST, retention_days=retention_days())
    if throttle.is_throttled(request, "registration"):
        return session_detail(request, session, form=form, status=429, error=throttle.throttled_message())
    if not form.is_valid():
        return session_detail(request, session, form=form, status=400)
    try:
        created = registration.register(session, form.cleaned_data)
    except registration.RegistrationError as error:
        return session_detail(request, session, form=form, status=error.status_code, error=error.message)
    if created.status == Registration.Status.CONFIRMED:
        messages.success(
            request,
            _("U bent aangemeld. We hebben een bevestiging gestuurd naar %(email)s.")
            % {"email": created.email},
        )
    else:
        messages.success(
            request,
            _(
                "De bijeenkomst is vol: u staat op de wachtlijst. Komt er een plaats vrij, dan krijgt u "
                "automatisch bericht op %(email)s."
            )
            % {"email": created.email},
        )
    return HttpResponseRedirect(session.url)


def calendar_file(request, page_path: str, name: str):
    """``<index>/agenda.ics`` and ``<session>/bijeenkomst.ics``: the page is found by Wagtail's own
    routing, so the files follow the pages when they move; only live, unrestricted pages."""
    from .models import EventIndexPage, ExchangeSessionPage

    page = Page.find_for_request(request, page_path)
    if page is None or not is_published(page):
        raise Http404
    page = page.specific
    if name == "agenda" and isinstance(page, EventIndexPage):
        return calendar_feed(request, page)
    if name == "bijeenkomst" and isinstance(page, ExchangeSessionPage):
        return session_ical(request, page)
    raise Http404


def session_ical(request, session):
    data = ical.session_calendar(session, url=page_url(session))
    return _ical_response(data, f"{session.slug}.ics")


# --- the registrant's own page (signed link) --------------------------------------------------


def _registration_for(token: str) -> Registration:
    value = tokens.read_token(token)
    if value is None:
        raise Http404(_("Deze link is ongeldig of verlopen."))
    return get_object_or_404(
        Registration.objects.select_related("session", "municipality"),
        token=value,
        anonymised_at__isnull=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def registration_detail(request, token):
    item = _registration_for(token)
    session = item.session
    status = 200
    if request.method == "POST":
        try:
            promoted = registration.cancel(item)
        except registration.RegistrationError as error:
            messages.error(request, error.message)
            status = 409
        else:
            del promoted  # the promoted people are told by e-mail
            messages.success(
                request, _("U bent afgemeld. Bedankt voor het doorgeven; uw plaats gaat naar een ander.")
            )
            return _private(HttpResponseRedirect(request.path))
    confirmed = item.status == Registration.Status.CONFIRMED
    context = {
        "registration": item,
        "session": session,
        "confirmed": confirmed,
        "show_online_link": confirmed and bool(session.online_link) and not session.is_past,
        "can_cancel": item.is_active and session.start > timezone.now(),
        "ical_url": request.path + "bijeenkomst.ics",
    }
    return _private(TemplateResponse(request, "events/registration_detail.html", context, status=status))


def registration_ical(request, token):
    item = _registration_for(token)
    confirmed = item.status == Registration.Status.CONFIRMED
    data = ical.session_calendar(item.session, online_link=confirmed, url=page_url(item.session))
    return _private(_ical_response(data, f"{item.session.slug}.ics"))
