"""Roles as Wagtail groups, page permissions and one moderation workflow (idempotent).

* "Ministerie": edits, publishes and moderates everything; approves coordinators' changes.
* "Coördinator <regio>": adds and edits pages in that region's subtree only; publishing goes
  through the workflow "Goedkeuring Ministerie" (one GroupApprovalTask for Ministerie).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import RegionIndexPage, RegionPage

MINISTRY_GROUP = "Ministerie"
COORDINATOR_PREFIX = "Coördinator "
WORKFLOW_NAME = "Goedkeuring Ministerie"

MINISTRY_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
COORDINATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MINISTRY_MODEL_PERMISSIONS = {
    # app_label: codenames (snippets and reference data the ministry maintains)
    "practices": ("add_intervention", "change_intervention", "delete_intervention", "view_intervention"),
    "regions": ("change_municipality", "view_municipality", "view_province", "view_youthcareregion"),
}
COORDINATOR_MODEL_PERMISSIONS = {
    "practices": ("add_intervention", "view_intervention"),
    "regions": ("view_municipality",),
}


def coordinator_group_name(region_page: RegionPage) -> str:
    return f"{COORDINATOR_PREFIX}{region_page.title}"


def coordinated_regions(user):
    """The region pages whose coordinator group ``user`` belongs to (by title, as the groups are named)."""
    if not (user and user.is_authenticated):
        return RegionPage.objects.none()
    names = user.groups.filter(name__startswith=COORDINATOR_PREFIX).values_list("name", flat=True)
    return RegionPage.objects.filter(title__in=[name[len(COORDINATOR_PREFIX) :] for name in names]).order_by(
        "title"
    )


def is_ministry(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name=MINISTRY_GROUP).exists())
    )


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant_pages(group: Group, page: Page, codenames) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def _grant_models(group: Group, spec: dict) -> None:
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(admin)
    for app_label, codenames in spec.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def _grant_collections(group: Group, codenames) -> None:
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


@transaction.atomic
def ensure_roles() -> dict[str, int]:
    index = RegionIndexPage.objects.first()
    home = index.get_parent() if index else Page.get_first_root_node()
    ministry, _ = Group.objects.get_or_create(name=MINISTRY_GROUP)
    _grant_pages(ministry, home, MINISTRY_PAGE_PERMISSIONS)
    _grant_models(ministry, MINISTRY_MODEL_PERMISSIONS)
    _grant_collections(
        ministry,
        [
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
            ("wagtailimages", "add_image"),
            ("wagtailimages", "change_image"),
            ("wagtailimages", "choose_image"),
        ],
    )

    coordinators = 0
    for region_page in RegionPage.objects.all():
        group, _ = Group.objects.get_or_create(name=coordinator_group_name(region_page))
        _grant_pages(group, region_page, COORDINATOR_PAGE_PERMISSIONS)
        _grant_models(group, COORDINATOR_MODEL_PERMISSIONS)
        _grant_collections(
            group,
            [
                ("wagtaildocs", "add_document"),
                ("wagtaildocs", "choose_document"),
                ("wagtailimages", "add_image"),
                ("wagtailimages", "choose_image"),
            ],
        )
        coordinators += 1

    if index is not None:
        ensure_workflow(ministry, index)
    return {"ministry": 1, "coordinator_groups": coordinators}


def ensure_workflow(ministry: Group, index: RegionIndexPage) -> Workflow:
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.set([ministry])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
