"""Child process of `bench/inspector.py`: LinkChecker checking one site, its CSV log on stdout.

    .venv/bin/python bench/_inspect_linkchecker.py default|unthrottled CONFIG_FILE URL

Runs ``linkchecker -f CONFIG_FILE --no-status --check-extern -v -o csv/utf-8 URL`` in this process:
recursion into every page of the start URL's host (LinkChecker's default, infinite depth), every other
link (external, attachment, image) checked once without recursion, 10 threads, every URL logged (``-v``)
so that the parent can count them. ``CONFIG_FILE`` is empty for ``default``. LinkChecker waits 0.1–0.6 s
between two requests to one host unless the host answers with a ``LinkChecker`` header; no setting
lowers that floor, so ``unthrottled`` sets the wait to zero here and ``maxrequestspersecond`` very high
in ``CONFIG_FILE``: LinkChecker's own work, without its politeness.

Prints ``BENCH-RESULT {json}`` on stderr: wall and CPU time of the check (not of the imports) and the peak
RSS. (Run as root, LinkChecker drops to user nobody and can write no file of its own: stdout and stderr
are the parent's.)
"""

from __future__ import annotations

import json
import resource
import sys
import time

import linkcheck.director.aggregator as aggregator
from linkcheck.command.linkchecker import linkchecker


def main() -> None:
    mode, config, url = sys.argv[1:4]
    if mode == "unthrottled":
        aggregator.Aggregate.wait_time_min_default = 0.0
        aggregator.Aggregate.wait_time_max_default = 0.0
    sys.argv = ["linkchecker", "-f", config, "--no-status", "--check-extern", "-v", "-o", "csv/utf-8", url]
    wall, cpu, code = time.perf_counter(), time.process_time(), 0
    try:
        code = linkchecker() or 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        result = {
            "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        sys.stdout.flush()
        print("BENCH-RESULT " + json.dumps(result), file=sys.stderr, flush=True)
    sys.exit(0 if code in (0, 1) else code)  # 1: some links were broken, as planted


if __name__ == "__main__":
    main()
