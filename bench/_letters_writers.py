"""The simulated writers of ``letters_load.py``: asyncio + aiohttp, each writer a loop of whole submissions.

One submission, as a citizen's browser makes it: GET the write form (CSRF cookie and token, CAPTCHA
hashkey), the CAPTCHA answer (read from the ``captcha_captchastore`` table by hashkey: the benchmark's
privilege, a person reads the picture), POST the letter as multipart form data with a unique marker as
its subject, and follow the redirect to the receipt. Every request is bounded by a timeout and the run
stops by itself: no writer starts a submission after the run's last second.

Each submission is recorded with what the writer was shown: a receipt (number and query code), an error
page (status and its Chinese message), or no answer at all (connection error or timeout).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import html
import re
import time
from collections.abc import Callable

import aiohttp
import psycopg

RAMP_SECONDS = 2.0  # writers start spread over this, not all in the same millisecond
RETRY_PAUSE = 0.5  # after a form that did not load, as a person would wait before reloading
CAPTCHA_CONNECTIONS = 4
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈志强", "杨丽娟", "赵敏", "黄海涛", "周晓燕", "吴国华"]
CONTENT = (
    "我家住在青山路幸福小区，小区东门外的地铁站工地连续两周在夜里十二点以后施工，渣土车进出噪音很大，"
    "附近居民无法休息，老人和孩子尤其受影响。请相关部门督促施工单位遵守夜间施工规定，并公布投诉电话。"
)

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_HASHKEY = re.compile(
    r'name="captcha_0"[^>]*value="([0-9a-f]{40})"|value="([0-9a-f]{40})"[^>]*name="captcha_0"'
)
_NUMBER = re.compile(r'id="letter-number">([^<]+)<')
_CODE = re.compile(r'id="letter-code">([^<]+)<')
_ALERT = re.compile(r'class="letters-error" role="alert">(.*?)</p>', re.DOTALL)
_H1_P = re.compile(r"<h1>(.*?)</h1>\s*<p>(.*?)</p>", re.DOTALL)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclasses.dataclass
class Submission:
    writer: int
    seq: int
    marker: str
    sent_at: float  # seconds since the run started, when the POST was sent
    outcome: str = "cancelled"  # receipt | error | no_answer | unexpected | cancelled
    stage: str = ""  # post | receipt: which response the outcome comes from
    status: int | None = None
    message: str = ""
    number: str = ""
    code: str = ""
    latency: float = 0.0  # seconds from sending the POST to reading the last page
    recovered: bool = False  # an error on the receipt page, and the receipt shown when reloaded after the run

    @property
    def chinese(self) -> bool:
        return bool(_CJK.search(self.message))


@dataclasses.dataclass
class Form:
    csrf: str
    hashkey: str
    answer: str


def shown_message(body: str) -> str:
    """The message an error page shows the writer: the form's alert, or the error page's heading and text."""
    match = _ALERT.search(body)
    if match:
        text = match.group(1)
    elif match := _H1_P.search(body):
        text = f"{match.group(1)} {match.group(2)}"
    elif match := _TITLE.search(body):
        text = match.group(1)
    else:
        text = body[:200]
    return " ".join(html.unescape(_TAGS.sub(" ", text)).split())[:120]


class CaptchaReader:
    """Reads CAPTCHA answers over a few connections of its own; reconnects after the database went away."""

    def __init__(self, dsn: str, connections: int = CAPTCHA_CONNECTIONS, timeout: float = 10.0) -> None:
        self.dsn, self.timeout = dsn, timeout
        self.idle: asyncio.Queue[psycopg.AsyncConnection | None] = asyncio.Queue()
        for _ in range(connections):
            self.idle.put_nowait(None)

    async def answer(self, hashkey: str) -> str | None:
        connection = await self.idle.get()
        try:
            if connection is None or connection.closed:
                connection = await psycopg.AsyncConnection.connect(
                    self.dsn, autocommit=True, connect_timeout=int(self.timeout)
                )
            query = connection.execute(
                "SELECT response FROM captcha_captchastore WHERE hashkey = %s", (hashkey,)
            )
            cursor = await asyncio.wait_for(query, self.timeout)
            row = await cursor.fetchone()
            return str(row[0]) if row else None
        except (psycopg.Error, OSError, TimeoutError):
            if connection is not None:
                with contextlib.suppress(psycopg.Error, OSError):
                    await connection.close()
            connection = None
            return None
        finally:
            self.idle.put_nowait(connection)

    async def close(self) -> None:
        while not self.idle.empty():
            connection = self.idle.get_nowait()
            if connection is not None:
                with contextlib.suppress(psycopg.Error, OSError):
                    await connection.close()


@dataclasses.dataclass
class Load:
    """One run of the writers against the app; its tallies are read after ``run`` returns."""

    base: str  # http://127.0.0.1:PORT
    channel: str  # /hdjl/szxx/
    tag: str  # the marker prefix of this run, e.g. 负载R1-
    writers: int
    seconds: float
    timeout: float
    captcha_dsn: str
    submissions: list[Submission] = dataclasses.field(default_factory=list)
    form_failures: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    form_failure_times: list[float] = dataclasses.field(default_factory=list)  # run seconds, when answered
    captcha_failures: int = 0
    responses: int = 0
    forms_loaded: int = 0
    elapsed: float = 0.0
    started: float = 0.0
    captcha: CaptchaReader = dataclasses.field(init=False, repr=False)
    # Receipt pages that failed: the writer's cookies and the page, reloaded once the run is over.
    reloads: list[tuple[Submission, aiohttp.CookieJar, str]] = dataclasses.field(default_factory=list)

    def clock(self) -> float:
        return time.monotonic() - self.started

    @property
    def write_url(self) -> str:
        return f"{self.base}{self.channel}write/"

    async def run(
        self, fault: Callable[[], None] | None = None, fault_at: float = 0.0
    ) -> tuple[float, float]:
        """Run the writers; ``fault`` (blocking) is called in a thread at ``fault_at`` s. Returns the fault's
        start and end in run seconds ((0, 0) without a fault)."""
        self.captcha = CaptchaReader(self.captcha_dsn)
        connector = aiohttp.TCPConnector(limit=self.writers + 10, force_close=True)
        self.started = time.monotonic()
        window = (0.0, 0.0)
        fault_task = None
        if fault is not None:
            fault_task = asyncio.create_task(self._fault(fault, fault_at))
        tasks = [
            asyncio.create_task(self._writer(number, connector)) for number in range(1, self.writers + 1)
        ]
        # Every submission ends within three request timeouts (form, POST, receipt); past that, give up.
        hard_stop = self.seconds + RAMP_SECONDS + 3 * self.timeout + 30
        _done, pending = await asyncio.wait(tasks, timeout=hard_stop)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        self.elapsed = self.clock()
        if fault_task is not None:
            window = await fault_task
        await self._reload_receipts(connector)
        await connector.close()
        await self.captcha.close()
        return window

    async def _reload_receipts(self, connector: aiohttp.TCPConnector) -> None:
        """What a writer shown an error on the receipt page gets by reloading it later (same cookies)."""
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        for sub, jar, url in self.reloads:
            async with aiohttp.ClientSession(
                connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout
            ) as http:
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with http.get(url) as response:
                        body, status = await response.text(), response.status
                    number, code = _NUMBER.search(body), _CODE.search(body)
                    if status == 200 and number and code:
                        sub.recovered, sub.number, sub.code = (
                            True,
                            number.group(1).strip(),
                            code.group(1).strip(),
                        )

    async def _fault(self, fault: Callable[[], None], at: float) -> tuple[float, float]:
        await asyncio.sleep(max(0.0, at - self.clock()))
        begin = self.clock()
        await asyncio.to_thread(fault)
        return begin, self.clock()

    async def _writer(self, number: int, connector: aiohttp.TCPConnector) -> None:
        await asyncio.sleep(RAMP_SECONDS * (number - 1) / self.writers)
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        seq = 0
        while self.clock() < self.seconds:
            # A fresh cookie jar per submission: each one is a different citizen's visit.
            jar = aiohttp.CookieJar(unsafe=True)  # unsafe: accept cookies from an IP address (127.0.0.1)
            async with aiohttp.ClientSession(
                connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout
            ) as http:
                form = await self._load_form(http)
                if form is None:
                    await asyncio.sleep(RETRY_PAUSE)
                    continue
                seq += 1
                await self._submit(http, number, seq, form)

    async def _load_form(self, http: aiohttp.ClientSession) -> Form | None:
        try:
            async with http.get(self.write_url) as response:
                body = await response.text()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            self._form_failed(type(error).__name__)
            return None
        self.responses += 1
        if status != 200:
            self._form_failed(f"HTTP {status}")
            return None
        csrf, hashkey = _CSRF.search(body), _HASHKEY.search(body)
        if not csrf or not hashkey:
            self._form_failed("no form on the page")
            return None
        self.forms_loaded += 1
        key = hashkey.group(1) or hashkey.group(2)
        answer = await self.captcha.answer(key)
        if answer is None:
            self.captcha_failures += 1
            return None
        return Form(csrf.group(1), key, answer)

    def _form_failed(self, why: str) -> None:
        self.form_failures[why] += 1
        self.form_failure_times.append(self.clock())

    async def _submit(self, http: aiohttp.ClientSession, number: int, seq: int, form: Form) -> None:
        marker = f"{self.tag}W{number:03d}-{seq:04d} 夜间施工噪音扰民"
        submission = Submission(number, seq, marker, self.clock())
        self.submissions.append(submission)
        data = aiohttp.FormData(default_to_multipart=True)  # the page's form is multipart/form-data
        for name, value in (
            ("csrfmiddlewaretoken", form.csrf),
            ("writer_name", NAMES[(number + seq) % len(NAMES)]),
            ("writer_phone", f"138{number:04d}{seq % 10000:04d}"),
            ("writer_email", ""),
            ("subject", marker),
            ("content", CONTENT),
            ("agrees_to_publish", "on"),
            ("captcha_0", form.hashkey),
            ("captcha_1", form.answer),
        ):
            data.add_field(name, value)
        started = time.monotonic()
        try:
            await self._post_and_follow(http, data, submission)
        except (aiohttp.ClientError, TimeoutError) as error:
            submission.outcome, submission.message = "no_answer", type(error).__name__
        submission.latency = time.monotonic() - started

    async def _post_and_follow(
        self, http: aiohttp.ClientSession, data: aiohttp.FormData, sub: Submission
    ) -> None:
        sub.stage = "post"
        headers = {"Origin": self.base, "Referer": self.write_url}
        async with http.post(self.write_url, data=data, allow_redirects=False, headers=headers) as response:
            body = await response.text()
            sub.status, location = response.status, response.headers.get("Location", "")
        self.responses += 1
        if sub.status >= 400:
            sub.outcome, sub.message = "error", shown_message(body)
            return
        if sub.status not in (301, 302, 303) or not location.rstrip("/").endswith("receipt"):
            sub.outcome, sub.message = "unexpected", f"{sub.status} {location}"
            return
        sub.stage = "receipt"
        receipt_url = self.base + location if location.startswith("/") else location
        async with http.get(receipt_url) as response:
            body = await response.text()
            sub.status = response.status
        self.responses += 1
        number, code = _NUMBER.search(body), _CODE.search(body)
        if sub.status == 200 and number and code:
            sub.outcome, sub.number, sub.code = "receipt", number.group(1).strip(), code.group(1).strip()
        elif sub.status == 200:
            sub.outcome, sub.message = "unexpected", "receipt page without number: " + shown_message(body)
        else:
            sub.outcome, sub.message = "error", shown_message(body)
            self.reloads.append((sub, http.cookie_jar, receipt_url))
