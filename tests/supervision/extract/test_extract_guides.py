"""Service guide elements (办事指南要素, SPEC §5): filled, missing, empty shells, every layout."""

import pytest

from govsite.indicators.inspection import KEY_GUIDE_ELEMENTS, GuideElement
from govsite.supervision.extract.guides import guide_elements, read_guide

URL = "http://www.xd.gov.cn/bsfw/zn/1.html"
G = GuideElement
ALL = frozenset(GuideElement)

# A complete guide, label → value, as a real 个体工商户设立登记 guide reads.
COMPLETE = {
    "事项名称": "个体工商户设立登记",
    "设定依据": "《个体工商户条例》第八条；《促进个体工商户发展条例》",
    "申请条件": "有经营能力的自然人，依照本条例规定经市场监管部门登记",
    "申请材料": "1.个体工商户开业登记申请书；2.经营者身份证明",
    "办理地点": "西地市政务服务中心一楼市场监管窗口",
    "办理时间": "工作日上午9:00-12:00，下午13:30-17:00",
    "咨询电话": "0731-88888888",
    "办理流程": "申请—受理—审查—决定—送达",
    "承诺时限": "1个工作日",
    "收费标准": "不收费",
    "表格下载": '<a href="/files/kydj.docx">个体工商户开业登记申请书</a>',
}


def _table(fields: dict[str, str]) -> str:
    rows = "".join(
        f"<tr><td class='label'>{label}</td><td>{value}</td></tr>" for label, value in fields.items()
    )
    return f"<html><body><div class='nav'>联系电话：12345</div><h1>办事指南</h1><table>{rows}</table></body></html>"


def test_complete_guide_in_a_table() -> None:
    facts = read_guide(_table(COMPLETE), URL)
    assert facts.evidence.elements == ALL
    assert facts.evidence.name == "个体工商户设立登记"
    assert facts.evidence.url == URL
    assert facts.forms == ("http://www.xd.gov.cn/files/kydj.docx",)
    assert facts.sections[G.CONTACT].text == "0731-88888888"  # not the 12345 in the navigation bar


def test_guide_missing_three_key_elements() -> None:
    fields = {k: v for k, v in COMPLETE.items() if k not in ("设定依据", "办理地点")}
    fields["申请条件"] = "暂无"
    elements = guide_elements(_table(fields), URL).elements
    assert KEY_GUIDE_ELEMENTS - elements == {G.BASIS, G.PLACE, G.CONDITIONS}


def test_empty_template_guide_has_no_element() -> None:
    """SPEC §7: a service centre whose guides are empty shells: every label, no value."""
    fields = dict.fromkeys(COMPLETE, "")
    fields["办理时间"] = "&nbsp;"
    fields["表格下载"] = "详见附件"  # with nothing attached
    fields["收费标准"] = "-"
    facts = read_guide(_table(fields), URL)
    assert facts.evidence.elements == frozenset()
    assert set(facts.sections) == ALL  # every label was seen, none filled
    assert facts.forms == ()
    assert facts.evidence.name == "办事指南"  # no 事项名称: the page heading


def test_no_fee_is_content_for_fees_only() -> None:
    fields = {"事项名称": "献血证补办", "收费标准": "无", "设定依据": "无", "表格下载": "无"}
    assert guide_elements(_table(fields), URL).elements == {G.NAME, G.FEES}


def test_see_attachment_counts_only_with_an_attachment() -> None:
    with_file = read_guide(
        _table({"申请材料": "详见附件", "附件": '<a href="/f/clqd.pdf">材料清单.pdf</a>'}), URL
    ).evidence.elements
    assert {G.MATERIALS, G.FORMS} <= with_file
    assert G.MATERIALS not in guide_elements(_table({"申请材料": "详见附件"}), URL).elements


def test_four_column_table_and_spaced_labels() -> None:
    page = """<html><body><table>
    <tr><th>事 项 名 称</th><td>护照签发</td><th>办理时限</th><td>7个工作日</td></tr>
    <tr><th>办理地点</th><td></td><th>办理时间</th><td>周一至周五</td></tr>
    <tr><th colspan="4">申请材料</th></tr><tr><td colspan="4">身份证、照片</td></tr></table></body></html>"""
    facts = read_guide(page, URL)
    assert facts.evidence.elements == {G.NAME, G.TIME_LIMIT, G.HOURS, G.MATERIALS}
    assert facts.sections[G.MATERIALS].text == "身份证、照片"  # the value in the row below its label


def test_headings_followed_by_paragraphs() -> None:
    page = """<html><body><h2>建设工程消防验收办事指南</h2>
    <h3>一、设定依据</h3><p>《中华人民共和国消防法》第十三条</p>
    <h3>二、申请条件</h3>
    <h3>（三）申请材料</h3><p>身份证：原件一份</p><p>营业执照：复印件一份</p>
    <h3>四、办理流程</h3><ol><li>网上申请</li><li>窗口受理</li></ol>
    <p><strong>五、联系电话</strong></p><p>0731-12345678</p>
    <div class="footer">联系电话：0731-00000000 办公地址：西地市人民路1号</div></body></html>"""
    facts = read_guide(page, URL)
    assert facts.evidence.elements == {G.BASIS, G.MATERIALS, G.PROCESS, G.CONTACT}
    assert facts.sections[G.MATERIALS].text == "身份证：原件一份 营业执照：复印件一份"
    assert G.CONDITIONS in facts.sections and facts.sections[G.CONDITIONS].text == ""
    assert facts.evidence.name == "建设工程消防验收办事指南"


def test_definition_list_and_inline_label_lines() -> None:
    page = """<html><body>
    <dl><dt>受理条件</dt><dd>年满十八周岁</dd><dt>法律依据</dt><dd></dd></dl>
    <p>办公地址：西地市人民路1号<br>办公时间：<br>联系方式：0731-1234567<br>服务对象：自然人</p>
    <p>受理地点：</p><p>适用范围：全市</p></body></html>"""
    facts = read_guide(page, URL)
    assert facts.evidence.elements == {G.CONDITIONS, G.PLACE, G.CONTACT}
    # "办公时间：" is followed by another label line, "受理地点：" by an unknown one: both empty.
    assert facts.sections[G.HOURS].text == ""


@pytest.mark.parametrize("form", ["sqb.doc", "sqb.xlsx", "sqb.wps", "down.jsp?filename=sqb.et"])
def test_form_downloads_are_listed_for_the_crawler(form: str) -> None:
    page = f"<html><body><p>表格下载：</p><p><a href='/forms/{form}'>申请表</a></p></body></html>"
    facts = read_guide(page, URL)
    assert G.FORMS in facts.evidence.elements
    assert facts.forms == (f"http://www.xd.gov.cn/forms/{form}",)
