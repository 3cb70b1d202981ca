"""A two-site cluster with every editorial role, built through ``setup_site_roles`` as the platform does."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.editorial.models import Role
from govsite.editorial.roles import setup_column_roles, setup_site_roles

PASSWORD = "govsite-test"


@dataclass
class Cluster:
    site_a: Site
    site_b: Site
    news_a: ColumnPage
    policy_a: ColumnPage
    notice_a: ColumnPage
    news_b: ColumnPage
    users: dict[str, object] = field(default_factory=dict)

    def user(self, name: str):
        return self.users[name]


def make_user(username: str, full_name: str, *groups, superuser: bool = False):
    User = get_user_model()
    user = User.objects.create_user(
        username, f"{username}@example.cn", PASSWORD, first_name=full_name, is_superuser=superuser,
        is_staff=superuser,
    )  # fmt: skip
    user.groups.add(*groups)
    return user


@pytest.fixture
def _fast_passwords(settings):
    """Eleven users per test: hashing their passwords properly would take most of the test's time.
    Not for the demo's users, whose hash the demo computes once per process."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cluster(home, make_column, _fast_passwords) -> Cluster:
    site_a = Site.objects.get(root_page=home)
    home_b = Page.get_first_root_node().add_child(instance=HomePage(title="云川市人民政府", slug="yunchuan"))
    site_b = Site.objects.create(
        hostname="yunchuan.localhost", port=80, root_page=home_b, site_name="云川市人民政府网"
    )
    result = Cluster(
        site_a=site_a,
        site_b=site_b,
        news_a=make_column("工作动态", "news"),
        policy_a=make_column("政策文件", "policy"),
        notice_a=make_column("通知公告", "notice"),
        news_b=make_column("工作动态", "news", parent=home_b),
    )
    names = {
        Role.CONTRIBUTOR: "李信息",
        Role.EDITOR: "王编辑",
        Role.REVIEWER: "赵审核",
        Role.SITE_ADMIN: "钱管理",
    }
    for prefix, site in (("a", site_a), ("b", site_b)):
        for role, group in setup_site_roles(site).items():
            result.users[f"{prefix}-{role.value}"] = make_user(
                f"{prefix}-{role.value}", prefix.upper() + names[role], group
            )
    for role, group in setup_column_roles(result.news_a).items():
        result.users[f"a-news-{role.value}"] = make_user(f"a-news-{role.value}", "栏目" + names[role], group)
    result.users["root"] = make_user("root", "超级管理员", superuser=True)
    return result
