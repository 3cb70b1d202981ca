"""A site's yearly 意见征集 figures for the annual reports, from a year of consultations set up here."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.interaction.consultations.figures import YearlyFigures, figure_years, yearly_figures
from govsite.interaction.consultations.models import ConsultationPage
from interaction.consultations_factories import (
    beijing,
    make_comment,
    make_consultation,
    make_offline_comment,
    site_editor,
)

pytestmark = pytest.mark.django_db

NOW = beijing(2026, 1, 12, 10)  # report season: 2025 is over, C's feedback period still runs


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("moderator")


@pytest.fixture
def other_site(home):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="云川市人民政府", slug="yunchuan")
    )
    return Site.objects.create(
        hostname="yunchuan.localhost", root_page=other_home, site_name="云川市人民政府"
    )


def approved(comment, by, adoption: str = ""):
    comment.approve(by=by)
    if adoption:
        comment.set_adoption(adoption, "理由", now=NOW)
    comment.save()
    return comment


def with_adoption(comment, adoption: str):
    comment.set_adoption(adoption, "理由", now=NOW)
    comment.save()
    return comment


@pytest.fixture
def year_of_consultations(make_column, moderator, other_site):
    """Consultations around 2025 on the site, and others that must not count."""
    column = make_column("意见征集", kind="interaction")
    a = make_consultation(
        column, title="A", start_at=beijing(2024, 12, 10, 9), end_at=beijing(2025, 1, 10, 23, 59, 59)
    )
    b = make_consultation(
        column, title="B", start_at=beijing(2025, 3, 1, 9), end_at=beijing(2025, 3, 31, 23, 59, 59)
    )
    c = make_consultation(
        column, title="C", start_at=beijing(2025, 12, 1, 9), end_at=beijing(2025, 12, 31, 23, 59, 59)
    )
    d = make_consultation(
        column, title="D", start_at=beijing(2025, 12, 20, 9), end_at=beijing(2026, 1, 31, 18)
    )
    make_consultation(column, title="G", start_at=beijing(2026, 1, 5, 9), end_at=beijing(2026, 2, 5, 18))
    draft = make_consultation(
        column, title="草稿", live=False, start_at=beijing(2025, 5, 1), end_at=beijing(2025, 6, 1)
    )
    foreign_column = other_site.root_page.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    foreign = make_consultation(
        foreign_column, title="别站", start_at=beijing(2025, 5, 1), end_at=beijing(2025, 6, 1)
    )
    # A published its feedback in time; B never did (flagged); C is still within its period.
    ConsultationPage.objects.filter(pk=a.pk).update(feedback_published_at=beijing(2025, 1, 20, 9))
    a.refresh_from_db()

    approved(make_comment(a, submitted_at=beijing(2024, 12, 15, 9)), moderator, "adopted")  # received in 2024
    approved(make_comment(a, submitted_at=beijing(2025, 1, 5, 9)), moderator, "adopted")
    with_adoption(make_offline_comment(a, moderator, received_on=datetime.date(2025, 1, 12)), "partly")

    make_comment(b, submitted_at=beijing(2025, 3, 10, 9))  # pending: received, not yet assessed
    rejected = make_comment(b, submitted_at=beijing(2025, 3, 11, 10))
    rejected.reject(by=moderator, reason="广告")
    rejected.save()  # invalid: never counted
    with_adoption(make_offline_comment(b, moderator, channel="hearing", received_on=datetime.date(2025, 3, 20)),
                  "not_adopted")  # fmt: skip
    approved(make_comment(b, submitted_at=beijing(2025, 3, 12, 9)), moderator)  # valid, not marked

    make_comment(c, submitted_at=beijing(2025, 12, 31, 23, 30))  # 15:30 UTC: still 2025 in Beijing
    make_offline_comment(c, moderator, channel="fax", received_on=datetime.date(2026, 1, 2))

    make_comment(d, submitted_at=beijing(2025, 12, 31, 23, 59, 59))
    make_comment(d, submitted_at=beijing(2026, 1, 1, 0, 0, 0))  # 2025-12-31 16:00 UTC, yet 2026 in Beijing

    make_comment(draft, submitted_at=beijing(2025, 5, 2, 9))
    make_comment(foreign, submitted_at=beijing(2025, 5, 2, 9))
    make_offline_comment(foreign, moderator, received_on=datetime.date(2025, 5, 3))
    return Site.objects.get(root_page__slug="home")


def test_a_year_of_figures(year_of_consultations):
    figures = yearly_figures(year_of_consultations, 2025, now=NOW)
    assert figures == YearlyFigures(
        year=2025, opened=3, closed=3, received_online=5, received_offline=2, adopted=1, partly=1,
        not_adopted=1, feedback_published=1, feedback_waiting=1, missing_feedback=1,
    )  # fmt: skip
    assert (figures.received, figures.unassessed) == (7, 4)
    assert dict(figures.rows())["其中：逾期未公布反馈（期）"] == 1


def test_neighbouring_years_split_at_midnight_in_beijing(year_of_consultations):
    assert yearly_figures(year_of_consultations, 2024, now=NOW) == YearlyFigures(
        year=2024, opened=1, received_online=1, adopted=1
    )
    # 2026 so far: G opened; D is still open; D's comment at midnight and C's fax from 2 January.
    assert yearly_figures(year_of_consultations, 2026, now=NOW) == YearlyFigures(
        year=2026, opened=1, received_online=1, received_offline=1
    )


def test_a_year_still_running_counts_only_what_has_happened(year_of_consultations):
    before_d_closes = yearly_figures(year_of_consultations, 2026, now=beijing(2026, 1, 31, 18))
    after_d_closes = yearly_figures(year_of_consultations, 2026, now=beijing(2026, 1, 31, 18, 0, 1))
    assert (before_d_closes.closed, after_d_closes.closed) == (0, 1)
    assert yearly_figures(year_of_consultations, 2025, now=beijing(2025, 3, 1, 8, 59, 59)).opened == 0
    assert yearly_figures(year_of_consultations, 2025, now=beijing(2025, 3, 1, 9)).opened == 1


def test_feedback_past_its_period_is_flagged_later_in_the_year(year_of_consultations):
    later = yearly_figures(year_of_consultations, 2025, now=beijing(2026, 3, 2, 10))
    assert (later.feedback_published, later.feedback_waiting, later.missing_feedback) == (1, 0, 2)


def test_another_site_counts_only_its_own(year_of_consultations, other_site):
    figures = yearly_figures(other_site, 2025, now=NOW)
    assert (figures.opened, figures.closed, figures.received_online, figures.received_offline) == (1, 1, 1, 1)


def test_the_admin_index_shows_a_table_per_year(client, django_user_model, make_column, home):
    today = timezone.localdate()
    last_year = today.year - 1
    page = make_consultation(make_column("意见征集", kind="interaction"), title="去年的意见征集",
                             start_at=beijing(last_year, 3, 1, 9), end_at=beijing(last_year, 3, 31, 18))  # fmt: skip
    editor = site_editor(django_user_model, home)
    make_comment(page, submitted_at=beijing(last_year, 3, 2, 9))
    make_offline_comment(page, editor, channel="letter", received_on=datetime.date(last_year, 3, 20))
    assert figure_years(Site.objects.get(), today) == [today.year, last_year]

    client.force_login(editor)
    html = client.get(reverse("consultations_admin:index")).content.decode()
    assert f'data-year="{today.year}"' in html and f'data-year="{last_year}"' in html
    table = html.split(f'data-year="{last_year}"')[1].split("</table>")[0]
    assert f"{last_year} 年" in table
    for label, value in [("新开展意见征集（期）", 1), ("征集结束（期）", 1), ("其中：逾期未公布反馈（期）", 1),
                         ("收到有效意见（条）", 2), ("其中：网上提交（条）", 1),
                         ("其中：信函、传真、座谈会等线下渠道（条）", 1)]:  # fmt: skip
        assert f'<th scope="row">{label}</th><td>{value}</td>' in table


def test_with_several_sites_the_figures_wait_for_a_choice(admin_client, year_of_consultations, other_site):
    html = admin_client.get(reverse("consultations_admin:index")).content.decode()
    assert "请选择一个网站查看其年度统计数据" in html and "data-year=" not in html
    html = admin_client.get(reverse("consultations_admin:index"), {"site": other_site.pk}).content.decode()
    assert "年度统计：云川市人民政府" in html and 'data-year="' in html
