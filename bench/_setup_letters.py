"""Setup and check steps of ``letters_load.py``, each run in its own process with the benchmark's environment.

    _setup_letters.py setup          migrate, one portal (the serve_article site) with a 互动交流 column and a
                                     市长信箱 LetterChannelPage, collectstatic; prints {"channel": path, ...}
    _setup_letters.py verify FILE    FILE holds {"prefix": the run's subject prefix, "records": [{marker, number,
                                     code}, ...]}; prints, for each record, what the database holds under its marker

The check reads the database directly: a letter counts as stored when a row with the submission's unique
marker as its subject exists, and a receipt counts as true when that row carries the number shown and the
digest of the query code shown, and the letter's audit trail starts with its "receive" event.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings")
django.setup()

from _setup_article import build_site  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Exists, OuterRef  # noqa: E402

from govsite.columns.models import ColumnPage  # noqa: E402
from govsite.interaction import querycode  # noqa: E402
from govsite.interaction.letters.models import Letter, LetterEvent  # noqa: E402
from govsite.interaction.letters.pages import LetterChannelPage  # noqa: E402

CHANNEL_TITLE = "市长信箱"
NOTICE = "<p>请如实反映问题，我们将在7个工作日内答复。</p>"


def setup() -> dict[str, str]:
    call_command("migrate", interactive=False, verbosity=0)
    article = build_site()
    home = article.get_parent().get_parent()
    column = home.add_child(instance=ColumnPage(title="互动交流", kind="interaction", show_in_menus=True))
    channel = column.add_child(instance=LetterChannelPage(title=CHANNEL_TITLE, notice=NOTICE))
    call_command("collectstatic", interactive=False, verbosity=0)
    return {"channel": channel.get_url(), "prefix": channel.prefix}


def verify(records_file: Path) -> dict[str, object]:
    """For each submission: how many letters carry its marker, and whether the receipt shown matches."""
    submitted = json.loads(records_file.read_text())
    run_prefix, records = submitted["prefix"], submitted["records"]
    received = LetterEvent.objects.filter(letter=OuterRef("pk"), action="receive")
    rows: dict[str, list[dict[str, object]]] = {}
    letters = Letter.objects.filter(subject__startswith=run_prefix).annotate(has_receive=Exists(received))
    for subject, number, query_digest, has_receive in letters.values_list(
        "subject", "number", "query_digest", "has_receive"
    ):
        rows.setdefault(subject, []).append(
            {"number": number, "digest": query_digest, "receive": has_receive}
        )
    checked = []
    for record in records:
        stored = rows.get(record["marker"], [])
        number, code = record.get("number") or "", record.get("code") or ""
        match = next((row for row in stored if row["number"] == number), None)
        checked.append(
            {
                "marker": record["marker"],
                "stored": len(stored),
                "number_matches": match is not None,
                "code_matches": bool(match and code and match["digest"] == querycode.digest(code)),
                "receive_event": all(row["receive"] for row in stored),
            }
        )
    sent = {record["marker"] for record in records}
    return {
        "checked": checked,
        "letters_in_run": sum(len(found) for found in rows.values()),
        "letters_not_sent": sum(len(found) for marker, found in rows.items() if marker not in sent),
    }


def main(argv: list[str]) -> None:
    if argv[1:] == ["setup"]:
        result: dict[str, object] = dict(setup())
    elif len(argv) == 3 and argv[1] == "verify":
        result = verify(Path(argv[2]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
