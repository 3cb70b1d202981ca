"""撤稿: an item comes off the public site only with a reason, which the accountability record keeps."""

from editorial.editorial_support import approve_all, draft, fresh, submit
from govsite.editorial.models import PublicationRecord, Withdrawal


def published(cluster):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.news_a, contributor)
    submit(page, contributor)
    approve_all(page, cluster.user("a-reviewer"))
    return fresh(page)


def test_withdrawal_needs_a_reason_and_is_recorded(cluster, client):
    page = published(cluster)
    url = f"/admin/editorial/pages/{page.pk}/withdraw/"
    client.force_login(cluster.user("a-reviewer"))

    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200 and "请填写撤稿理由" in response.content.decode()
    assert fresh(page).live

    response = client.post(url, {"reason": "文中数据有误，待核实后重新发布"})
    assert response.status_code == 302
    assert not fresh(page).live
    withdrawal = Withdrawal.objects.get(page=page)
    assert withdrawal.reason == "文中数据有误，待核实后重新发布"
    assert withdrawal.withdrawn_by == cluster.user("a-reviewer")
    assert withdrawal.withdrawn_by_name == "A赵审核（a-reviewer）"
    assert withdrawal.publication == PublicationRecord.objects.get(page=page)

    record = client.get(f"/admin/editorial/pages/{page.pk}/accountability/").content.decode()
    assert "撤稿记录" in record and "文中数据有误，待核实后重新发布" in record
    client.logout()
    assert client.get(page.url).status_code == 404


def test_wagtails_own_unpublish_leads_to_the_withdrawal_form(cluster, client):
    page = published(cluster)
    client.force_login(cluster.user("a-reviewer"))
    response = client.post(f"/admin/pages/{page.pk}/unpublish/", {})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editorial/pages/{page.pk}/withdraw/"
    assert fresh(page).live

    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/admin/editorial/pages/{page.pk}/withdraw/" in edit
    assert (
        f"/admin/pages/{page.pk}/unpublish/" not in edit.split('class="footer')[-1]
    )  # not in the action menu


def test_bulk_unpublish_of_items_is_refused(cluster, client):
    page = published(cluster)
    client.force_login(cluster.user("a-reviewer"))
    client.post(
        f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}&next=/admin/", {"include_descendants": ""}
    )
    assert fresh(page).live and not Withdrawal.objects.exists()


def test_who_cannot_unpublish_cannot_withdraw(cluster, client):
    page = published(cluster)
    for name in ("a-contributor", "a-editor", "b-site_admin"):
        client.force_login(cluster.user(name))
        response = client.post(f"/admin/editorial/pages/{page.pk}/withdraw/", {"reason": "随便撤下"})
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert "/withdraw/" not in response["Location"]
    assert fresh(page).live and not Withdrawal.objects.exists()
