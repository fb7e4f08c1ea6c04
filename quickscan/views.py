"""The online questionnaire: one page per section, saved on every step, resumable from the link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from practices import questionnaire

from . import flow, responding
from .forms import FIGURE_FIELDS, ClosingForm, SectionForm
from .tokens import LinkError, invitation_for

LINK_PROBLEMS = {
    "invalid": (400, "quickscan/link_invalid.html"),
    "revoked": (410, "quickscan/link_revoked.html"),
    "closed": (403, "quickscan/round_closed.html"),
}


def _link_problem(request, reason: str, invitation=None):
    status, template = LINK_PROBLEMS[reason]
    return render(request, template, {"invitation": invitation}, status=status)


def _guessing(request) -> bool:
    """Count a bad link per client address; True once the address has tried too many."""
    return is_ratelimited(
        request,
        group="quickscan-link",
        key="ip",
        rate=settings.QUICKSCAN_BAD_LINK_RATE,
        method=ALL,
        increment=True,
    )


def _open_response(request, token):
    """(invitation, response) for a valid link of an open round, or an explanatory response."""
    try:
        invitation = invitation_for(token)
    except LinkError as error:
        if error.reason == "invalid" and _guessing(request):
            return None, render(request, "quickscan/link_invalid.html", {"throttled": True}, status=429)
        return None, _link_problem(request, error.reason)
    if not invitation.round.accepts_answers:
        return None, _link_problem(request, "closed", invitation)
    return invitation, responding.response_for(invitation)


@require_http_methods(["GET", "HEAD"])
def start(request, token):
    invitation, response = _open_response(request, token)
    if invitation is None:
        return response
    steps = flow.steps_for(response.answers)
    resume = response.step if flow.step_index(steps, response.step) is not None else steps[0].key
    if request.GET.get("begin") or not response.step:
        intro = questionnaire.load().introduction
        paragraphs = intro.get("en" if request.LANGUAGE_CODE.startswith("en") else "nl") or intro.get(
            "nl", []
        )
        return render(
            request,
            "quickscan/start.html",
            {
                "invitation": invitation,
                "response": response,
                "resume": resume,
                "token": token,
                "introduction": paragraphs,
            },
        )
    return redirect("quickscan:step", token=token, step=resume)


@require_http_methods(["GET", "HEAD", "POST"])
def step(request, token, step):
    invitation, response = _open_response(request, token)
    if invitation is None:
        return response
    steps = flow.steps_for(response.answers)
    index = flow.step_index(steps, step)
    if index is None:
        messages.warning(request, _("Deze vraag hoort niet (meer) bij uw route; u gaat verder waar u was."))
        return redirect("quickscan:start", token=token)
    current = steps[index]
    if step == flow.SUMMARY:
        return _summary(request, token, invitation, response, steps, index)
    data = request.POST if request.method == "POST" else None
    if step == flow.CLOSING:
        form = ClosingForm(data, initial=_closing_initial(response))
    else:
        form = SectionForm(data, questions=current.questions, invited=invitation.municipality)
        if request.method != "POST":
            form.initial = form.initial_from(response)
    if request.method == "POST" and form.is_valid():
        going_back = "terug" in request.POST
        if step == flow.CLOSING:
            target = steps[index - 1 if going_back else index + 1].key
            responding.save_closing(response, form.cleaned_data, target)
        else:
            dropped = responding.save_section(response, form, current.key)
            if dropped:
                messages.warning(
                    request,
                    _(
                        "Uw antwoord op vraag 4 verandert de route. Deze antwoorden vallen erbuiten en zijn "
                        "verwijderd: vraag %(numbers)s."
                    )
                    % {"numbers": ", ".join(q.number for q in dropped)},
                )
            steps = flow.steps_for(response.answers)
            index = flow.step_index(steps, current.key)
            target = steps[max(index - 1, 0) if going_back else min(index + 1, len(steps) - 1)].key
            response.step = target
            response.save(update_fields=["step", "updated_at"])
        return redirect("quickscan:step", token=token, step=target)
    return render(
        request,
        "quickscan/step.html",
        {
            "token": token,
            "invitation": invitation,
            "response": response,
            "form": form,
            "step": current,
            "steps": steps,
            "position": index + 1,
            "previous": steps[index - 1] if index else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _closing_initial(response) -> dict:
    consent = response.interview_consent
    return {
        "interview_consent": "" if consent is None else ("yes" if consent else "no"),
        "contact_email": response.contact_email,
        "contact_phone": response.contact_phone,
        "results_email": response.results_email,
        "use_for_profile": response.use_for_profile,
        "show_on_map": response.show_on_map,
        **{name: getattr(response, name) for name in FIGURE_FIELDS},
    }


def _summary(request, token, invitation, response, steps, index):
    if request.method == "POST":
        responding.submit(response)
        return redirect("quickscan:done", token=token)
    return render(
        request,
        "quickscan/summary.html",
        {
            "token": token,
            "invitation": invitation,
            "response": response,
            "summary": flow.summary(response),
            "steps": steps,
            "position": index + 1,
            "previous": steps[index - 1],
        },
    )


@require_http_methods(["GET", "HEAD"])
def done(request, token):
    try:
        invitation = invitation_for(token)
    except LinkError as error:
        return _link_problem(request, error.reason)
    response = getattr(invitation, "response", None)
    if response is None or not response.is_complete:
        return redirect("quickscan:start", token=token)
    return render(
        request, "quickscan/done.html", {"token": token, "invitation": invitation, "response": response}
    )
