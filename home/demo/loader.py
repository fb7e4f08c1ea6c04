"""One entry point for the demo site: reference data, page tree, roles, profiles, extras.

Apps above practices (events, members, search) may register extra demo steps in
``EXTRA_STEPS`` as dotted paths to callables returning a short report value."""

from __future__ import annotations

from django.utils.module_loading import import_string

from regions.reference import load_reference_data
from regions.roles import ensure_roles
from sitelinks.absolute_urls import sync_default_site

from ..site_tree import ensure_site_tree
from .profiles import ensure_demo_profiles
from .users import ensure_demo_users

EXTRA_STEPS = [
    ("sessions", "events.demo.ensure_demo_sessions"),
    ("members", "members.demo.ensure_demo_members"),
    ("interventions", "interventions.demo.ensure_intervention_catalogue"),
    ("search_documents", "search.demo.ensure_search_documents"),
]


def load_demo_content(users: bool = True, log=print) -> dict:
    report = {}
    reference = load_reference_data()
    report["municipalities"] = sum(vars(reference["municipalities"]).values())
    ensure_site_tree()
    # The Site record says where the site is served: the same address as mails and the API.
    report["site_synced"] = sync_default_site()
    report["roles"] = ensure_roles()
    report["profiles"] = ensure_demo_profiles()
    if users:
        report["users"] = ensure_demo_users() or "unchanged"
    for key, path in EXTRA_STEPS:
        report[key] = import_string(path)()
    return report
