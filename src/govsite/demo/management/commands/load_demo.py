"""``manage.py load_demo``: the demo cluster, built once and rebuilt only when its inputs change."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from govsite.demo.builder import SCALES, DemoBuilder, DemoOptions, ensure_users, hostname_for
from govsite.demo.layout import SITES
from govsite.demo.models import DemoState

# Bump when the layout or the corpus changes, so existing demo databases are rebuilt.
DEMO_VERSION = 1


class Command(BaseCommand):
    help = "Load the demo cluster (a province portal, two cities, a county and a department site)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day the demo is built around (YYYY-MM-DD); default: today")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="full",
            help="full: about 2,000 pages; small: a tenth, for tests",
        )
        parser.add_argument("--port", type=int, default=8000, help="the port the sites are served on")
        parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
        parser.add_argument("--admin-user", default="")
        parser.add_argument("--admin-password", default="")

    def handle(self, *args, **options):
        try:
            today = (
                datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        demo = DemoOptions(today=today, seed=options["seed"], scale=options["scale"], port=options["port"])
        fingerprint = f"v{DEMO_VERSION}:{demo.seed}:{demo.scale}:{demo.today}:{demo.port}"
        state = DemoState.objects.first()
        if not options["force"] and state and state.fingerprint == fingerprint and self.sites_present(demo):
            self.stdout.write("演示站群已是最新，无需重建。")
        else:
            started = time.monotonic()
            with transaction.atomic():
                counts = DemoBuilder(demo).build()
                DemoState.objects.all().delete()
                DemoState.objects.create(fingerprint=fingerprint)
            for name, count in counts.items():
                self.stdout.write(f"  {name}: {count} 条信息")
            total = sum(counts.values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"演示站群已建立：{len(counts)} 个网站，{total} 条信息，用时 {time.monotonic() - started:.1f} 秒。"
                )
            )
        if options["admin_user"] and options["admin_password"]:
            for line in ensure_users(options["admin_user"], options["admin_password"]):
                self.stdout.write(f"  {line}")

    @staticmethod
    def sites_present(demo: DemoOptions) -> bool:
        from wagtail.models import Site

        hostnames = {hostname_for(spec, demo) for spec in SITES}
        return Site.objects.filter(hostname__in=hostnames, port=demo.port).count() == len(hostnames)
