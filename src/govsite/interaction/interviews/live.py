"""The live text broadcast's feed: ``/interviews/<page id>/live.json?after=<last entry id>``.

The interview page renders every published entry on the server, so it is complete without JavaScript
(a note asks the reader to refresh). With JavaScript, ``static/govsite/js/interviews.js`` asks this feed
every few seconds for the entries after the last one it shows and appends them.

Why polling and not WebSockets or Server-Sent Events:

- **WSGI servers.** The platform runs on gunicorn or granian in WSGI mode with a handful of workers per
  machine. A WebSocket or an SSE stream holds a worker (or a thread) for as long as a viewer watches: a
  popular interview with thousands of viewers would need thousands of workers, or an ASGI stack with a
  channel layer (Redis pub/sub) kept running for one page type. A poll holds a worker for milliseconds.
- **Intranet proxies.** Government sites are reached through intranet proxies, security gateways, WAFs
  and the baked-page nginx; many buffer responses (an SSE stream then arrives all at once, at the end),
  close idle connections after 30-60 seconds, or do not pass the WebSocket upgrade at all. A short GET
  for a small JSON document passes every one of them.
- **Scale by caching.** Every viewer who has seen the same last entry asks for the same URL, and the
  answer carries ``Cache-Control: public, max-age=<a few seconds>``. A proxy cache in front of the site
  (nginx ``proxy_cache``, a CDN inside the government network) then answers all of them with one request to
  Django per URL every few seconds, however many people watch. The browser omits cookies on these
  requests, and the feed never touches the session, so nothing makes the answer private.
- **The content's pace.** Staff type the broadcast; an entry every half minute is brisk. A few seconds'
  delay is what readers of a text broadcast expect.

Cost of one poll: the interview by primary key (live and public), then one query on the index
``interviews_entry_feed`` (interview, is_published, id) for at most ``FEED_LIMIT`` entries after ``after``.
A reader who fell behind gets ``more: true`` and asks again at once.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from govsite.interaction.interviews.models import InterviewPage, LiveEntry
from govsite.interaction.interviews.schedule import InterviewState

FEED_LIMIT = 50
ENTRY_TEMPLATE = "interviews/includes/entry.html"
ARCHIVED_MAX_AGE = 300  # an archived interview's feed changes only if staff resume the session


def poll_seconds() -> int:
    """How often browsers ask (settings.GOVSITE_INTERVIEW_POLL_SECONDS, default 5)."""
    return max(1, int(getattr(settings, "GOVSITE_INTERVIEW_POLL_SECONDS", 5)))


def cache_seconds() -> int:
    """How long a proxy may keep an answer (settings.GOVSITE_INTERVIEW_CACHE_SECONDS, default 3)."""
    return max(0, int(getattr(settings, "GOVSITE_INTERVIEW_CACHE_SECONDS", 3)))


def entries_after(interview_id: int, after: int) -> list[LiveEntry]:
    """Published entries with an id above ``after``, oldest first: the feed's one indexed query."""
    rows = (
        LiveEntry.objects.filter(interview_id=interview_id, is_published=True, pk__gt=after)
        .select_related("question", "image")
        .order_by("pk")
    )
    return list(rows[: FEED_LIMIT + 1])


@require_safe
def live_feed(request: HttpRequest, page_id: int) -> JsonResponse:
    after_text = request.GET.get("after", "0")
    if not after_text.isdigit() or len(after_text) > 18:
        return JsonResponse({"error": _("参数 after 应为非负整数")}, status=400)
    after = int(after_text)
    interview = (
        InterviewPage.objects.live().public().filter(pk=page_id).only("starts_at", "ends_at", "phase").first()
    )
    if interview is None:
        return JsonResponse({"error": _("访谈不存在或未发布")}, status=404)
    found = entries_after(interview.pk, after)
    entries, more = found[:FEED_LIMIT], len(found) > FEED_LIMIT
    state = interview.state()
    response = JsonResponse(
        {
            "state": state.value,
            "state_label": str(state.label),
            "entries": [
                {"id": entry.pk, "html": render_to_string(ENTRY_TEMPLATE, {"entry": entry})}
                for entry in entries
            ],
            "last_id": entries[-1].pk if entries else after,
            "more": more,
            "poll_seconds": poll_seconds(),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    max_age = ARCHIVED_MAX_AGE if state == InterviewState.ARCHIVED else cache_seconds()
    patch_cache_control(response, public=True, max_age=max_age)
    return response
