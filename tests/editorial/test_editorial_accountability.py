"""谁发布谁负责: each publication records its submitter, reviewers, 保密审查 and publisher, with times."""

from editorial.editorial_support import act, article_form, draft, fresh, submit
from govsite.editorial.models import PublicationRecord


def publish_through_workflow_with_a_rejection(cluster):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    act(page, cluster.user("a-news-reviewer"), comment="可以")
    act(page, cluster.user("a-reviewer"), "reject", comment="请核实会议时间")
    page = fresh(page)
    page.body = "<p>11月20日，会议强调，要压实安全生产责任。</p>"
    page.save_revision(user=contributor)
    submit(page, contributor)
    act(page, cluster.user("a-reviewer"), confidentiality_confirmed=True, comment="已核实")
    act(page, cluster.user("a-site_admin"))
    return fresh(page)


def test_record_after_a_full_path_with_a_rejection(cluster):
    page = publish_through_workflow_with_a_rejection(cluster)
    record = PublicationRecord.objects.get(page=page)
    assert record.revision_id == page.live_revision_id and record.title == page.title
    assert record.workflow_name == "标准审核流程（初审、保密审查、终审）"
    assert record.submitted_by == cluster.user("a-contributor")
    assert record.submitted_by_name == "A李信息（a-contributor）"
    steps = [(step["task"], step["status"], step["by"], step["comment"]) for step in record.reviews]
    assert steps == [
        ("初审", "approved", "栏目赵审核（a-news-reviewer）", "可以"),
        ("保密审查", "rejected", "A赵审核（a-reviewer）", "请核实会议时间"),
        ("保密审查", "approved", "A赵审核（a-reviewer）", "已核实"),
        ("终审", "approved", "A钱管理（a-site_admin）", ""),
    ]
    times = [step["at"] for step in record.review_steps]
    assert times == sorted(times) and record.submitted_at < times[0] < record.published_at
    assert record.confidentiality_confirmed_by == cluster.user("a-reviewer")
    assert record.confidentiality_confirmed_by_name == "A赵审核（a-reviewer）"
    assert times[1] < record.confidentiality_confirmed_at <= times[2]
    assert record.published_by == cluster.user("a-site_admin")
    assert record.published_by_name == "A钱管理（a-site_admin）"
    assert record.published_at == page.last_published_at and not record.scheduled


def test_direct_publication_records_author_and_publisher(cluster, client):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    client.force_login(cluster.user("a-reviewer"))
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, **{"action-publish": "1"}))
    record = PublicationRecord.objects.get(page=page)
    assert not record.via_workflow and record.reviews == []
    assert record.submitted_by == cluster.user("a-reviewer")  # the author of the published revision
    assert record.published_by == cluster.user("a-reviewer")
    assert record.confidentiality_confirmed_at is None


def test_each_publication_has_its_own_record_and_a_workflow_is_used_once(cluster, client):
    page = publish_through_workflow_with_a_rejection(cluster)
    client.force_login(cluster.user("a-reviewer"))
    client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, title="标题已修改", **{"action-publish": "1"})
    )
    first, second = PublicationRecord.objects.filter(page=page).order_by("published_at")
    assert first.via_workflow and not second.via_workflow
    assert second.title == "标题已修改" and second.published_by == cluster.user("a-reviewer")


def test_staff_see_the_record_others_do_not(cluster, client):
    page = publish_through_workflow_with_a_rejection(cluster)
    url = f"/admin/editorial/pages/{page.pk}/accountability/"

    client.force_login(cluster.user("a-news-editor"))
    html = client.get(url).content.decode()
    assert "发布责任记录" in html and "A钱管理（a-site_admin）" in html and "请核实会议时间" in html
    assert "栏目赵审核（a-news-reviewer）" in html
    edit_page = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert url in edit_page  # the header's 发布责任记录 button

    client.force_login(cluster.user("b-site_admin"))
    assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login

    public = client.get(page.url).content.decode()
    assert "赵审核" not in public and "钱管理" not in public and "发布责任记录" not in public
