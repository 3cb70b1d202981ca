"""Roles per site and column: each group can do what its role says and nothing outside its site or column."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from editorial.editorial_support import article_form, draft, fresh
from govsite.editorial.models import EditorialRole, Role
from govsite.editorial.roles import setup_site_roles
from govsite.editorial.workflows import STANDARD_WORKFLOW_NAME


def perms(user, page):
    return fresh(page).permissions_for_user(user)


def test_each_role_gets_exactly_its_page_permissions_on_the_site_root(cluster):
    granted = {
        role.role: sorted(
            GroupPagePermission.objects.filter(group=role.group).values_list(
                "permission__codename", flat=True
            )
        )
        for role in EditorialRole.objects.filter(site=cluster.site_a, column=None)
    }
    assert granted == {
        "contributor": ["add_page"],
        "editor": ["add_page", "change_page"],
        "reviewer": ["change_page", "publish_page"],
        "site_admin": sorted(
            f"{a}_page" for a in ("add", "bulk_delete", "change", "lock", "publish", "unlock")
        ),
    }
    assert set(
        GroupPagePermission.objects.filter(
            group__editorial_role__site=cluster.site_a, group__editorial_role__column=None
        ).values_list("page_id", flat=True)
    ) == {cluster.site_a.root_page_id}


def test_setup_is_idempotent_and_repairs_permissions(cluster):
    groups_before = Group.objects.count()
    page_perms_before = GroupPagePermission.objects.count()
    file_perms_before = GroupCollectionPermission.objects.count()
    contributor = EditorialRole.objects.get(site=cluster.site_a, column=None, role=Role.CONTRIBUTOR).group
    GroupPagePermission.objects.create(
        group=contributor, page=cluster.site_b.root_page, permission_type="publish"
    )

    setup_site_roles(cluster.site_a)

    assert Group.objects.count() == groups_before
    assert GroupPagePermission.objects.count() == page_perms_before
    assert GroupCollectionPermission.objects.count() == file_perms_before
    assert not GroupPagePermission.objects.filter(group=contributor, page=cluster.site_b.root_page).exists()


def test_contributor_adds_and_edits_own_drafts_but_cannot_publish(cluster):
    contributor = cluster.user("a-contributor")
    own = draft(cluster.news_a, contributor)
    someone_elses = draft(cluster.news_a, cluster.user("a-editor"), title="另一篇稿件")
    assert perms(contributor, cluster.news_a).can_add_subpage()
    assert perms(contributor, own).can_edit()
    assert perms(contributor, own).can_submit_for_moderation()
    assert not perms(contributor, own).can_publish()
    assert not perms(contributor, someone_elses).can_edit()


def test_contributor_of_one_site_cannot_edit_or_publish_in_another(cluster, client):
    page_b = draft(cluster.news_b, cluster.user("b-editor"))
    own_b = draft(cluster.news_b, cluster.user("a-contributor"), title="误建在别站的稿件")
    contributor = cluster.user("a-contributor")
    for page in (page_b, own_b):
        assert not perms(contributor, page).can_publish()
    assert not perms(contributor, page_b).can_edit()
    assert not perms(contributor, own_b).can_edit()  # owning a page grants nothing outside one's site
    assert not perms(contributor, cluster.news_b).can_add_subpage()

    client.force_login(contributor)
    response = client.get(f"/admin/pages/{page_b.pk}/edit/")
    assert response.status_code in (302, 403)
    client.post(
        f"/admin/pages/{page_b.pk}/edit/", article_form(page_b, title="篡改", **{"action-publish": "1"})
    )
    assert fresh(page_b).title != "篡改" and not fresh(page_b).live


def test_contributor_publish_request_in_admin_only_saves_a_draft(cluster, client):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    client.force_login(contributor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, title="修改后的标题", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page = fresh(page)
    assert not page.live
    assert page.get_latest_revision().as_object().title == "修改后的标题"


def test_column_editor_cannot_touch_another_column(cluster):
    editor = cluster.user("a-news-editor")
    in_news = draft(cluster.news_a, cluster.user("a-contributor"))
    in_policy = draft(cluster.notice_a, cluster.user("a-contributor"), title="关于开展安全检查的通知")
    assert perms(editor, in_news).can_edit()
    assert perms(editor, cluster.news_a).can_add_subpage()
    assert not perms(editor, in_policy).can_edit()
    assert not perms(editor, cluster.notice_a).can_add_subpage()
    assert not perms(editor, in_news).can_publish()


def test_reviewer_and_site_admin(cluster):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    reviewer, admin = cluster.user("a-reviewer"), cluster.user("a-site_admin")
    assert perms(reviewer, page).can_publish() and perms(reviewer, page).can_edit()
    assert not perms(reviewer, cluster.news_a).can_add_subpage()
    assert perms(admin, page).can_publish() and perms(admin, page).can_delete()
    assert perms(admin, cluster.news_a).can_add_subpage()
    assert not perms(admin, cluster.news_b).can_edit()


def test_site_gets_the_standard_workflow_unless_it_has_its_own(cluster):
    assert WorkflowPage.objects.get(page=cluster.site_a.root_page).workflow.name == STANDARD_WORKFLOW_NAME
    assert fresh(cluster.news_a).get_workflow().name == STANDARD_WORKFLOW_NAME


def test_command_sets_up_sites_columns_and_column_workflows(cluster):
    out = StringIO()
    call_command("setup_site_roles", "--site", "yunchuan.localhost", "--workflow-kinds", "news", stdout=out)
    assert "云川市人民政府网 · 信息员" in out.getvalue()
    assert WorkflowPage.objects.filter(page=cluster.news_b).exists()
    assert not WorkflowPage.objects.filter(page=cluster.news_a).exists()

    out = StringIO()
    call_command("setup_site_roles", "--column", str(cluster.notice_a.pk), stdout=out)
    assert "通知公告" in out.getvalue()
    assert set(EditorialRole.objects.filter(column=cluster.notice_a).values_list("role", flat=True)) == {
        "contributor",
        "editor",
        "reviewer",
    }


@pytest.mark.parametrize("option", [["--site", "nowhere.localhost"], ["--column", "999999"]])
def test_command_refuses_unknown_targets(cluster, option):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("setup_site_roles", *option, stdout=StringIO())


def test_site_admin_edits_only_their_own_sites_settings(cluster, client):
    from govsite.cluster.models import SiteKind, SiteLevel, SiteProfile

    profile_a = SiteProfile.objects.get(site=cluster.site_a)
    profile_b = SiteProfile.objects.create(
        site=cluster.site_b,
        level=SiteLevel.CITY,
        kind=SiteKind.PORTAL,
        site_code="4301000001",
        sponsor="云川市人民政府办公室",
    )
    fields = {"sponsor": profile_a.sponsor, "contact_phone": "0731-12345678", "icp_number": profile_a.icp_number,
              "police_filing_number": profile_a.police_filing_number}  # fmt: skip

    client.force_login(cluster.user("a-site_admin"))
    assert "/admin/editorial/site-settings/" in client.get("/admin/").content.decode()  # in the settings menu
    assert (
        client.get("/admin/editorial/site-settings/")["Location"]
        == f"/admin/editorial/site-settings/{cluster.site_a.pk}/"
    )
    response = client.post(f"/admin/editorial/site-settings/{cluster.site_a.pk}/", fields)
    assert response.status_code == 302
    profile_a.refresh_from_db()
    assert profile_a.contact_phone == "0731-12345678"
    assert client.post(f"/admin/editorial/site-settings/{cluster.site_b.pk}/", fields).status_code in (
        302,
        403,
    )
    profile_b.refresh_from_db()
    assert profile_b.sponsor == "云川市人民政府办公室"

    client.force_login(cluster.user("a-reviewer"))
    assert "/admin/editorial/site-settings/" not in client.get("/admin/").content.decode()
    assert client.get(f"/admin/editorial/site-settings/{cluster.site_a.pk}/").status_code in (302, 403)
