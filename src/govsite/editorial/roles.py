"""Editorial roles per site and per column, as Wagtail groups with page and collection permissions.

| role | page permissions on the site's root (or one column) | can |
|---|---|---|
| 信息员 contributor | add | write items, edit their own drafts, submit them for review; never publish |
| 编辑 editor | add, change | write and edit any item of the scope, submit for review; never publish |
| 审核 reviewer | change, publish | act on the review tasks (初审, 保密审查, 终审) of the scope; publish |
| 网站管理员 site admin | all six | everything in the site's pages, 终审, and the site's 网站档案 |

Everything here is idempotent: run it again and the groups end with exactly these permissions.
Documents and images go to one collection per site, so a site's staff choose only their own files.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from govsite.editorial.models import EditorialRole, Role
from govsite.editorial.scope import ancestor_paths
from govsite.editorial.workflows import add_role_groups_to_tasks, ensure_site_workflow

PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.CONTRIBUTOR: ("add",),
    Role.EDITOR: ("add", "change"),
    Role.REVIEWER: ("change", "publish"),
    Role.SITE_ADMIN: ("add", "change", "publish", "bulk_delete", "lock", "unlock"),
}
_WRITE_FILES = ("add_document", "choose_document", "add_image", "choose_image")
_MANAGE_FILES = (*_WRITE_FILES, "change_document", "delete_document", "change_image", "delete_image")
COLLECTION_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.CONTRIBUTOR: _WRITE_FILES,
    Role.EDITOR: _WRITE_FILES,
    Role.REVIEWER: ("choose_document", "choose_image"),
    Role.SITE_ADMIN: _MANAGE_FILES,
}
COLUMN_ROLES = (Role.CONTRIBUTOR, Role.EDITOR, Role.REVIEWER)  # a site admin is for the whole site


def site_label(site: Site) -> str:
    return site.site_name or site.hostname


def group_name(site: Site, role: Role, column: Page | None = None) -> str:
    if column is None:
        return f"{site_label(site)} · {role.label}"
    # The column's id keeps two columns of one title (工作动态 under two sections) apart.
    return f"{site_label(site)} · {column.title[:60]}（栏目{column.pk}） · {role.label}"


@transaction.atomic
def setup_site_roles(site: Site) -> dict[Role, Group]:
    """The four roles of a site, granted on its root page; the standard workflow if it has none."""
    groups = {role: _role_group(site, role, None) for role in Role}
    collection = site_collection(site)
    for role, group in groups.items():
        _grant(group, site.root_page, PAGE_PERMISSIONS[role], collection, COLLECTION_PERMISSIONS[role])
    add_role_groups_to_tasks(groups)
    ensure_site_workflow(site)
    return groups


@transaction.atomic
def setup_column_roles(column: Page) -> dict[Role, Group]:
    """信息员, 编辑 and 审核 for one column only: they can touch nothing outside it."""
    site = site_of_page(column)
    if site is None:
        raise ValueError(f"page {column.pk} is in no site")
    groups = {role: _role_group(site, role, column) for role in COLUMN_ROLES}
    collection = site_collection(site)
    for role, group in groups.items():
        _grant(group, column, PAGE_PERMISSIONS[role], collection, COLLECTION_PERMISSIONS[role])
    add_role_groups_to_tasks(groups)
    return groups


def roles_of(user) -> list[EditorialRole]:
    return list(EditorialRole.objects.filter(group__user=user).select_related("site", "column"))


def site_of_page(page: Page) -> Site | None:
    """The innermost site whose root is the page or one of its ancestors."""
    return (
        Site.objects.filter(root_page__path__in=ancestor_paths(page.path))
        .select_related("root_page")
        .order_by("-root_page__depth")
        .first()
    )


def site_collection(site: Site) -> Collection:
    """The site's own collection of documents and images, below the root collection."""
    root = Collection.get_first_root_node()
    name = site_label(site)
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def _role_group(site: Site, role: Role, column: Page | None) -> Group:
    known = EditorialRole.objects.filter(site=site, column=column, role=role).select_related("group").first()
    if known is not None:
        return known.group
    name = group_name(site, role, column)
    group, _created = Group.objects.get_or_create(name=name)
    taken = EditorialRole.objects.filter(group=group).exclude(site=site).exists()
    if taken:  # another site of the same name: tell them apart by host name
        group, _created = Group.objects.get_or_create(name=f"{name}（{site.hostname}）")
    EditorialRole.objects.update_or_create(
        group=group, defaults={"site": site, "column": column, "role": role}
    )
    return group


def _grant(
    group: Group,
    page: Page,
    page_actions: tuple[str, ...],
    collection: Collection,
    collection_codenames: tuple[str, ...],
) -> None:
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

    page_type = ContentType.objects.get_for_model(Page)
    wanted = list(
        Permission.objects.filter(content_type=page_type, codename__in=[f"{a}_page" for a in page_actions])
    )
    GroupPagePermission.objects.filter(group=group).exclude(page=page, permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)

    files = list(
        Permission.objects.filter(
            content_type__app_label__in=["wagtaildocs", "wagtailimages"], codename__in=collection_codenames
        )
    )
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission__in=files
    ).delete()
    for permission in files:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
