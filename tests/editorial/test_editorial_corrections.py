"""更正说明: a substantive change to a published item carries a note the public sees once the change is live."""

from django.utils import timezone

from editorial.editorial_support import approve_all, article_form, draft, fresh
from govsite.editorial.models import CorrectionNote, PublicationRecord

NOTE = "原文“11月21日”应为“11月20日”，已更正。"


def published(cluster, client):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    client.force_login(cluster.user("a-reviewer"))
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, **{"action-publish": "1"}))
    client.logout()
    page = fresh(page)
    assert page.live
    return page


def public_html(client, page) -> str:
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_correction_goes_public_with_the_change_it_explains(cluster, client):
    page = published(cluster, client)
    assert "更正说明" not in public_html(client, page)

    client.force_login(cluster.user("a-editor"))
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "本次修改需公开更正" in edit
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, body="<p>11月20日，会议强调，要压实安全生产责任。</p>", correction_public="on",
                     correction_text=NOTE, **{"action-submit": "1"}),
    )  # fmt: skip
    assert response.status_code == 302
    note = CorrectionNote.objects.get(page=page)
    assert note.published_at is None and note.created_by == cluster.user("a-editor")
    assert NOTE not in public_html(client, page)  # still under review

    approve_all(page, cluster.user("a-reviewer"))
    note.refresh_from_db()
    record = PublicationRecord.objects.filter(page=page).order_by("-published_at").first()
    assert note.publication == record and note.published_at == record.published_at
    html = public_html(client, page)
    assert f"更正说明：{NOTE}" in html
    assert f'更正时间：<time datetime="{timezone.localtime(note.published_at).isoformat()}">' in html
    assert f"{timezone.localtime(note.published_at):%Y-%m-%d %H:%M}" in html
    assert "11月20日，会议强调" in html


def test_ticking_the_box_needs_a_note(cluster, client):
    page = published(cluster, client)
    client.force_login(cluster.user("a-reviewer"))
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, title="修改标题", correction_public="on", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "须填写更正说明" in response.content.decode()
    assert fresh(page).title != "修改标题" and not CorrectionNote.objects.exists()


def test_a_typo_fix_without_the_box_shows_no_note(cluster, client):
    page = published(cluster, client)
    client.force_login(cluster.user("a-reviewer"))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, title="我市召开安全生产工作会议。", **{"action-publish": "1"}),
    )
    assert fresh(page).title.endswith("。")
    assert not CorrectionNote.objects.exists() and "更正说明" not in public_html(client, page)


def test_direct_republication_shows_the_note_at_once(cluster, client):
    page = published(cluster, client)
    client.force_login(cluster.user("a-reviewer"))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, title="我市召开安全生产工作会议（更正）", correction_public="on", correction_text=NOTE,
                     **{"action-publish": "1"}),
    )  # fmt: skip
    assert f"更正说明：{NOTE}" in public_html(client, page)


def test_a_pending_note_is_shown_to_editors_and_can_be_withdrawn(cluster, client):
    page = published(cluster, client)
    client.force_login(cluster.user("a-editor"))
    client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, correction_public="on", correction_text=NOTE)
    )
    assert CorrectionNote.objects.get(page=page).published_at is None
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert NOTE in edit and "待随修改发布" in edit

    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page))  # saved with the box unticked
    assert not CorrectionNote.objects.exists()


def test_no_correction_for_a_page_never_published(cluster, client):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    client.force_login(cluster.user("a-contributor"))
    assert "本次修改需公开更正" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, correction_public="on", correction_text=NOTE)
    )
    assert not CorrectionNote.objects.exists()
