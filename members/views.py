"""Thin views: account page, follows, saved searches, contact form, export, deletion, unsubscribe."""

from __future__ import annotations

import json

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from practices import throttle
from practices.models import ApproachPage, is_published
from practices.visibility import can_see_member_content

from . import follows
from .access import ensure_profile
from .contact import ContactError, rate_limit_message, recipients, send_contact_message
from .forms import ContactForm, DeleteAccountForm, ProfileForm, SavedSearchForm, normalise_query_string
from .models import DigestFrequency, Follow, MemberProfile, SavedSearch
from .privacy import can_self_delete, delete_member, export_member_data
from .tokens import read_unsubscribe_token

MAX_SAVED_SEARCHES = 50
MAX_FOLLOWS = 200


def message_page(request, title: str, message: str, status: int):
    return render(request, "members/message.html", {"title": title, "message": message}, status=status)


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def search_page_url() -> str | None:
    page = Page.objects.live().filter(slug="zoeken").first()
    return page.url if page else None


# --- account -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    profile = ensure_profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Uw gegevens zijn opgeslagen."))
            return redirect("members:account")
        status = 400
    else:
        status = 200
    context = {
        "profile": profile,
        "form": form,
        "follows": Follow.objects.filter(member=request.user).select_related("page"),
        "saved_searches": SavedSearch.objects.filter(member=request.user),
        "search_url": search_page_url(),
        "can_self_delete": can_self_delete(request.user),
    }
    return render(request, "members/account.html", context, status=status)


@login_required
@require_POST
def digest_off(request):
    profile = ensure_profile(request.user)
    profile.digest_frequency = DigestFrequency.OFF
    profile.save(update_fields=["digest_frequency"])
    messages.success(request, _("U ontvangt geen attenderingsmails meer."))
    return redirect("members:account")


@login_required
def export(request):
    data = export_member_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kennisnetwerk-mijn-gegevens-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    if not can_self_delete(request.user):
        return message_page(
            request,
            _("Account verwijderen"),
            _("Accounts van redacteuren en beheerders worden door een beheerder verwijderd."),
            403,
        )
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_member(user)
        messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
        return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "members/delete_account.html", {"form": form}, status=status)


# --- follows -------------------------------------------------------------------------------


@login_required
@require_POST
def follow(request, page_id: int):
    # Only pages anyone may see are named: an unpublished or restricted page is "not found", so
    # the endpoint cannot be used to learn titles (unfollowing such a page still works).
    page = Page.objects.filter(pk=page_id).first()
    visible = page is not None and is_published(page)
    if request.POST.get("action") == "unfollow":
        if not follows.unfollow(request.user, page_id) and not visible:
            raise Http404
        if visible:
            messages.success(request, _("U volgt %(title)s niet meer.") % {"title": page.title})
        else:
            messages.success(request, _("U volgt deze pagina niet meer."))
        return HttpResponseRedirect(_next_url(request, page.url if visible else "/"))
    if not visible:
        raise Http404
    fallback = page.url
    if not follows.is_followable(page):
        return message_page(
            request, _("Volgen"), _("Alleen regio's en gepubliceerde aanpakken kunt u volgen."), 400
        )
    if Follow.objects.filter(member=request.user).count() >= MAX_FOLLOWS:
        return message_page(request, _("Volgen"), _("U volgt al het maximale aantal pagina's."), 400)
    follows.follow(request.user, page)
    ensure_profile(request.user)
    messages.success(
        request,
        _("U volgt nu %(title)s. Nieuws komt in uw attenderingsmail.") % {"title": page.title},
    )
    return HttpResponseRedirect(_next_url(request, fallback))


# --- saved searches ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def save_search(request):
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
    else:
        query = normalise_query_string(request.GET.get("query", ""))
        form = SavedSearchForm(initial={"query_string": query})
    if request.method == "POST" and form.is_valid():
        if SavedSearch.objects.filter(member=request.user).count() >= MAX_SAVED_SEARCHES:
            return message_page(
                request,
                _("Zoekopdracht bewaren"),
                _("U heeft al %(count)s zoekopdrachten bewaard; verwijder er eerst een.")
                % {"count": MAX_SAVED_SEARCHES},
                400,
            )
        saved = form.save(commit=False)
        saved.member = request.user
        saved.save()
        ensure_profile(request.user)
        messages.success(request, _("Zoekopdracht ‘%(name)s’ is bewaard.") % {"name": saved.name})
        return redirect("members:account")
    status = 400 if request.method == "POST" else 200
    query = form["query_string"].value() or ""
    return render(
        request,
        "members/save_search.html",
        {"form": form, "query": query, "search_url": search_page_url()},
        status=status,
    )


@login_required
@require_POST
def delete_search(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, member=request.user)
    saved.delete()
    messages.success(request, _("Zoekopdracht ‘%(name)s’ is verwijderd.") % {"name": saved.name})
    return redirect("members:account")


# --- contact a peer ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, page_id: int):
    page = get_object_or_404(ApproachPage.objects.published(), pk=page_id)
    title = _("Bericht aan de contactpersonen van %(title)s") % {"title": page.title}
    if not can_see_member_content(request):
        return message_page(
            request,
            title,
            _(
                "Alleen geverifieerde leden kunnen contactpersonen een bericht sturen. Uw account wordt "
                "nog geverifieerd door het ministerie."
            ),
            403,
        )
    if not recipients(page):
        return message_page(request, title, _("Dit profiel heeft geen contactpersonen."), 404)
    form = ContactForm(request.POST or None)
    status = 200
    error = None
    if request.method == "POST" and throttle.is_throttled(request, "contact"):
        error, status = throttle.throttled_message(), 429
    elif request.method == "POST":
        if form.is_valid():
            try:
                send_contact_message(
                    sender=request.user,
                    page=page,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["message"],
                )
            except ContactError as exc:
                error, status = exc.message, exc.status
            else:
                messages.success(
                    request,
                    _(
                        "Uw bericht is verstuurd naar de contactpersonen van %(title)s. Zij kunnen u "
                        "rechtstreeks antwoorden op %(email)s."
                    )
                    % {"title": page.title, "email": request.user.email},
                )
                return redirect(page.url)
        else:
            status = 400
    elif message := rate_limit_message(request.user):
        error, status = message, 429
    context = {
        "page_obj": page,
        "title": title,
        "form": form,
        "error": error,
        "recipient_count": len(recipients(page)),
    }
    return render(request, "members/contact.html", context, status=status)


# --- sign-up (allauth's view behind the public-form rate limit) ---------------------------


def throttled_signup(request, *args, **kwargs):
    if throttle.is_throttled(request, "signup"):
        return render(request, "429.html", {"message": throttle.throttled_message()}, status=429)
    return allauth_views.signup(request, *args, **kwargs)


# --- unsubscribe ---------------------------------------------------------------------------


@csrf_exempt  # RFC 8058 one-click POST from mail clients; the signed token is the credential
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    user = read_unsubscribe_token(token)
    if user is None:
        return message_page(
            request,
            _("Afmelden"),
            _("Deze afmeldlink is ongeldig of verlopen. U kunt zich afmelden op uw accountpagina."),
            400,
        )
    if request.method == "POST":
        MemberProfile.objects.filter(user=user).update(digest_frequency=DigestFrequency.OFF)
        return render(request, "members/unsubscribe.html", {"done": True})
    return render(request, "members/unsubscribe.html", {"done": False})
