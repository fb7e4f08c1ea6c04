"""OverviewPage ("Landelijk beeld"): the quickscan's figures, live from the registry.

The page itself holds only an introduction; the numbers come from ``practices.figures`` (now) or
``practices.trend`` (``?at=YYYY-MM-DD``). ``?figure=<key>&format=csv`` downloads one figure's
table (``figure=map`` for the regions), with the same optional ``at``.
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from sitelinks.public_pages import PublicPageManager

from ..csv_export import SafeWriter

EARLIEST_DATE = datetime.date(2000, 1, 1)


class BadOverviewRequest(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def parse_at(value: str | None, today: datetime.date) -> datetime.date | None:
    if value is None or value.strip() == "":
        return None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise BadOverviewRequest(
            "at", gettext("Ongeldige datum '%(value)s': gebruik de vorm JJJJ-MM-DD.") % {"value": value[:40]}
        ) from None
    if day > today:
        raise BadOverviewRequest("at", gettext("Kies een datum vandaag of in het verleden."))
    if day < EARLIEST_DATE:
        raise BadOverviewRequest("at", gettext("Kies een datum na 1 januari 2000."))
    return day


class OverviewPage(Page):
    objects = PublicPageManager()  # .public() without a page scan: sitelinks/public_pages.py

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("landelijk beeld")
        verbose_name_plural = _("landelijk beeld")

    def serve(self, request, *args, **kwargs):
        today = timezone.localdate()
        try:
            at = parse_at(request.GET.get("at"), today)
            figure_key = request.GET.get("figure")
            output = request.GET.get("format")
            if output is not None or figure_key is not None:
                return self.serve_csv(figure_key, output, at)
        except BadOverviewRequest as error:
            context = Page.get_context(self, request, *args, **kwargs)
            context["error"] = error
            return TemplateResponse(request, self.get_template(request), context, status=400)
        request.overview_at = at
        return super().serve(request, *args, **kwargs)

    def serve_csv(self, figure_key, output, at):
        from .. import figures

        if output != "csv":
            raise BadOverviewRequest("format", gettext("Alleen format=csv wordt ondersteund."))
        if figure_key != "map" and figure_key not in figures.FIGURES_BY_KEY:
            keys = ", ".join([*figures.FIGURES_BY_KEY, "map"])
            raise BadOverviewRequest(
                "figure", gettext("Onbekende figuur. Kies een van: %(keys)s.") % {"keys": keys}
            )
        overview = self.build_overview(at)
        if figure_key == "map":
            header, rows = figures.regions_table(overview)
        else:
            header, rows = figures.figure_table(overview.figure(figure_key))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="landelijk-beeld-{figure_key}-{overview.at}.csv"'
        )
        writer = SafeWriter(response)
        writer.writerow(header)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
        return response

    @staticmethod
    def build_overview(at: datetime.date | None):
        from .. import figures, trend

        return trend.overview_at(at) if at else figures.overview_now()

    def get_context(self, request, *args, **kwargs):
        from ..overview_context import overview_context

        context = super().get_context(request, *args, **kwargs)
        at = getattr(request, "overview_at", None)
        context.update(overview_context(self, request, at))
        return context
