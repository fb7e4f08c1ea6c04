"""Models of the practices app, one module per concern."""

from .interventions import Intervention
from .overview import OverviewPage
from .profile import (
    ApproachContact,
    ApproachLineage,
    ApproachPage,
    ApproachPageTag,
    ApproachPartner,
    EvaluationReport,
    PrincipleRating,
)
from .published import is_published, published_among

__all__ = [
    "ApproachContact",
    "ApproachLineage",
    "ApproachPage",
    "ApproachPageTag",
    "ApproachPartner",
    "EvaluationReport",
    "Intervention",
    "OverviewPage",
    "PrincipleRating",
    "is_published",
    "published_among",
]
