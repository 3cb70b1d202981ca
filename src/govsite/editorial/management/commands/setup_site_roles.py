"""Create (or bring up to date) the editorial roles of sites and columns, and the review workflow.

govsite setup_site_roles                       every site: 信息员, 编辑, 审核, 网站管理员
govsite setup_site_roles --site yunchuan.localhost
govsite setup_site_roles --column 123          roles limited to one column
govsite setup_site_roles --site HOST --workflow-kinds policy,notice
                                               the standard workflow on those columns of the site
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Page, Site

from govsite.editorial.roles import setup_column_roles, setup_site_roles, site_label
from govsite.editorial.workflows import assign_to_columns, standard_workflow


class Command(BaseCommand):
    help = "建立或更新网站（或栏目）的信息员、编辑、审核、网站管理员角色及标准审核流程"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="网站主机名（默认：全部网站）")
        parser.add_argument("--column", type=int, help="只为这一栏目（页面ID）建立栏目角色")
        parser.add_argument(
            "--workflow-kinds", default="", help="为这些类型的栏目指定标准审核流程，如 policy,notice"
        )

    def handle(self, *args, site: str | None, column: int | None, workflow_kinds: str, **options) -> None:
        workflow = standard_workflow()
        if column is not None:
            page = Page.objects.filter(pk=column).first()
            if page is None:
                raise CommandError(f"没有ID为 {column} 的页面")
            groups = setup_column_roles(page.specific)
            self.stdout.write(f"栏目“{page.title}”：" + "、".join(group.name for group in groups.values()))
            return
        sites = Site.objects.select_related("root_page").order_by("hostname")
        if site:
            sites = sites.filter(hostname=site)
            if not sites:
                raise CommandError(f"没有主机名为 {site} 的网站")
        kinds = [kind.strip() for kind in workflow_kinds.split(",") if kind.strip()]
        for each in sites:
            groups = setup_site_roles(each)
            self.stdout.write(f"{site_label(each)}：" + "、".join(group.name for group in groups.values()))
            if kinds:
                columns = assign_to_columns(each, kinds, workflow)
                self.stdout.write(f"  {len(columns)} 个栏目使用“{workflow.name}”")
