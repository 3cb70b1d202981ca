"""When an interview is 预告, 直播中 or 已结束: from its scheduled times and what staff did.

Times are stored as aware datetimes (UTC in the database); what staff type in the admin is read in the
site's time zone (Asia/Shanghai), so "09:30" is 09:30 in 北京时间 whatever the server's zone.

Without staff action the state follows the clock: upcoming before the start, live from the start up to
(not including) the end, archived from the end. Staff may start a session early or let it run over
("开始直播"), and end it early or on time ("结束直播"). A session started by hand and never ended does not
stay live for ever: it is archived ``MAX_OVERRUN`` after its scheduled end.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_OVERRUN = datetime.timedelta(hours=6)


class InterviewState(models.TextChoices):
    UPCOMING = "upcoming", _("预告")
    LIVE = "live", _("直播中")
    ARCHIVED = "archived", _("已结束")


class Phase(models.TextChoices):
    """What staff did; ``SCHEDULED`` leaves the state to the clock."""

    SCHEDULED = "scheduled", _("按计划时间")
    STARTED = "started", _("已开始直播")
    FINISHED = "finished", _("已结束直播")


def interview_state(
    starts_at: datetime.datetime, ends_at: datetime.datetime, phase: str, now: datetime.datetime
) -> InterviewState:
    if phase == Phase.FINISHED:
        return InterviewState.ARCHIVED
    if phase == Phase.STARTED:
        return InterviewState.LIVE if now < ends_at + MAX_OVERRUN else InterviewState.ARCHIVED
    if now < starts_at:
        return InterviewState.UPCOMING
    if now < ends_at:
        return InterviewState.LIVE
    return InterviewState.ARCHIVED
