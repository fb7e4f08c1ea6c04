"""The public summary of a round: counts and coverage only, small cells hidden, no names, no answers.

Which municipalities responded is not public (the quickscan promised anonymous reporting), so the
map shades provinces by their share of covered municipalities instead of marking municipalities.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from . import dashboard, maps
from .models import Round


@require_http_methods(["GET", "HEAD"])
def round_summary(request, label: str):
    round_ = get_object_or_404(Round, label=label)
    if round_.status == Round.Status.DRAFT:
        raise Http404
    context = {
        "round": round_,
        "small_cell": dashboard.SMALL_CELL,
        "figures_url": _figures_url(request, round_),
    }
    if round_.kind == Round.Kind.LIVE:
        counts = dashboard.round_counts(round_)
        provinces = dashboard.public_rows(counts.by_province, counts.complete)
        keys = [group.key for group in counts.by_province]
        coverage = {
            key: row.covered.percent
            for key, row in zip(keys, provinces, strict=True)
            if key != dashboard.UNKNOWN
        }
        context |= {
            "counts": counts,
            "provinces": provinces,
            "size_classes": dashboard.public_rows(counts.by_size_class, counts.complete),
            "map_svg": maps.province_map_svg(
                coverage, id_prefix="qs-pmap", labelledby="qs-map-title qs-map-sum"
            ),
        }
    return render(request, "quickscan/round_summary.html", context)


def _figures_url(request, round_) -> str | None:
    """The round's figures on the national picture (``/landelijk-beeld/?ronde=LABEL``)."""
    from urllib.parse import urlencode

    from practices.models import OverviewPage

    page = OverviewPage.objects.live().public().first()
    return f"{page.get_url(request)}?{urlencode({'ronde': round_.label})}" if page else None
