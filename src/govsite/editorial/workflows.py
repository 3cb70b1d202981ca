"""The standard review workflow (初审 → 保密审查 → 终审) and where it applies.

Assignment is Wagtail's own (``WorkflowPage``: a workflow on a page covers its subtree, the nearest
assignment wins), so an administrator can still give one column another workflow under 设置 → 工作流.
``setup_site_roles`` puts the standard workflow on a site's root unless the site already has one of its
own; ``assign_to_columns`` puts it on a site's columns of given kinds.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage, WorkflowTask

from govsite.editorial.models import ConfidentialityReviewTask, ReviewTask, Role

STANDARD_WORKFLOW_NAME = "标准审核流程（初审、保密审查、终审）"
FIRST_REVIEW, CONFIDENTIALITY_REVIEW, FINAL_REVIEW = "初审", "保密审查", "终审"
# Task name, type, and the roles whose groups act on it.
STANDARD_TASKS: tuple[tuple[str, type[Task], tuple[Role, ...]], ...] = (
    (FIRST_REVIEW, ReviewTask, (Role.REVIEWER,)),
    (CONFIDENTIALITY_REVIEW, ConfidentialityReviewTask, (Role.REVIEWER,)),
    (FINAL_REVIEW, ReviewTask, (Role.REVIEWER, Role.SITE_ADMIN)),
)


@transaction.atomic
def standard_workflow() -> Workflow:
    """The standard workflow with its three tasks, created on first use."""
    workflow, _created = Workflow.objects.get_or_create(
        name=STANDARD_WORKFLOW_NAME, defaults={"active": True}
    )
    existing = {task.name: task for task in workflow.tasks.specific()}
    for order, (name, task_class, _roles) in enumerate(STANDARD_TASKS):
        task = existing.get(name)
        if task is None:
            task = task_class.objects.filter(name=name, active=True).first() or task_class.objects.create(
                name=name
            )
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def standard_tasks() -> dict[str, Task]:
    return {task.name: task for task in standard_workflow().tasks.specific()}


def add_role_groups_to_tasks(groups: dict[Role, Group]) -> None:
    """Let a site's (or column's) reviewer groups act on the standard tasks that their role acts on."""
    tasks = standard_tasks()
    for name, _task_class, roles in STANDARD_TASKS:
        task = tasks.get(name)
        if task is not None:
            task.groups.add(*(groups[role] for role in roles if role in groups))


def assign_workflow(page: Page, workflow: Workflow | None = None) -> WorkflowPage:
    """Wagtail's "workflow for this page and its subpages", set to ``workflow`` (default: the standard one)."""
    workflow_page, _created = WorkflowPage.objects.update_or_create(
        page=page, defaults={"workflow": workflow or standard_workflow()}
    )
    return workflow_page


def ensure_site_workflow(site: Site) -> Workflow | None:
    """The standard workflow on the site's root, unless the site already has one of its own."""
    if WorkflowPage.objects.filter(page=site.root_page).exists():
        return None
    return assign_workflow(site.root_page).workflow


def assign_to_columns(site: Site, kinds: Iterable[str], workflow: Workflow | None = None) -> list[Page]:
    """Give the site's columns of the given kinds (``policy``, ``notice`` …) the workflow."""
    from govsite.columns.models import ColumnPage

    workflow = workflow or standard_workflow()
    columns = list(ColumnPage.objects.descendant_of(site.root_page).filter(kind__in=list(kinds)))
    for column in columns:
        assign_workflow(column, workflow)
    return columns


def describe(workflow: Workflow) -> str:
    steps = "、".join(task.name for task in workflow.tasks)
    return _("%(name)s：%(steps)s") % {"name": workflow.name, "steps": steps}
