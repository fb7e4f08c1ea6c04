"""What happens when a respondent saves a step or submits: the rules, outside the views."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from . import flow
from .forms import FIGURE_FIELDS, ROUTE_QUESTION, ClosingForm
from .models import Response


def response_for(invitation) -> Response:
    """The invitation's response, started on first visit (one per municipality and round)."""
    response = getattr(invitation, "response", None) if invitation.pk else None
    if response is None:
        with transaction.atomic():
            response, created = Response.objects.get_or_create(
                invitation=invitation, defaults={"round": invitation.round, "source": Response.Source.ONLINE}
            )
            if created:
                response.municipalities.add(invitation.municipality)
    return response


@transaction.atomic
def save_section(response: Response, form, next_step: str) -> list:
    """Store a section's answers; a changed Q4 drops answers outside the new route (returned)."""
    before = response.answers.get(ROUTE_QUESTION)
    form.store(response)
    dropped = flow.drop_outside_route(response) if response.answers.get(ROUTE_QUESTION) != before else []
    response.step = next_step
    response.save()
    return dropped


@transaction.atomic
def save_closing(response: Response, data: dict, next_step: str) -> None:
    for name in (*ClosingForm.base_fields, *FIGURE_FIELDS):
        setattr(response, name, data.get(name))
    response.step = next_step
    response.save()


def submit(response: Response) -> None:
    """Mark the response complete; with consent, its answers become a draft of the profile."""
    from .handoff import draft_profile_from

    with transaction.atomic():
        response.submitted_at = response.submitted_at or timezone.now()
        response.step = flow.SUMMARY
        response.save(update_fields=["submitted_at", "step", "updated_at"])
    if response.use_for_profile:
        draft_profile_from(response)
