"""Views of the interventions catalogue (thin: the filters and queries live in catalogue.py)."""

from __future__ import annotations

from django.template.response import TemplateResponse

from practices import taxonomy

from . import catalogue, maps


def catalogue_listing(request, index):
    form = catalogue.CatalogueFilterForm(request.GET or None)
    items = catalogue.catalogue_items()
    status = 200
    if form.is_bound and not form.is_valid():
        status, items = 400, items.none()
    elif form.is_bound:
        items = form.apply(items)
    context = index.get_context(request)
    context.update(
        {
            "filter_form": form,
            "items": [(item, index.url_for(item)) for item in items],
            "filtered": bool(form.is_bound and any(request.GET.get(name) for name in form.fields)),
        }
    )
    return TemplateResponse(request, "interventions/intervention_index_page.html", context, status=status)


def intervention_detail(request, index, item):
    offered = catalogue.offered(item)
    context = index.get_context(request)
    context.update(
        {
            "intervention": item,
            "offered": offered,
            "target_groups": taxonomy.vocabulary("target_group").labels(item.target_groups or []),
            "phases": taxonomy.vocabulary("intervention_phase").labels(item.phases or []),
            "care_lines": taxonomy.vocabulary("care_line").labels(item.care_lines or []),
            "offer_label": taxonomy.label("offer", item.offer) if item.offer else "",
            "map_svg": maps.offered_map_svg(
                offered.named, offered.in_region, id_prefix="offered", labelledby="h-where"
            )
            if offered.named or offered.in_region
            else "",
        }
    )
    return TemplateResponse(request, "interventions/intervention_page.html", context)
