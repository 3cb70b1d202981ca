"""Demo content: per site, an open consultation with comments, one closed with feedback, one closed without.

The third is past its feedback period on the demo's day, so the admin shows the 逾期未反馈 flag.
Deterministic: every choice comes from the app's own random stream and the demo's day.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.html import escape

from govsite.demo import corpus
from govsite.interaction.consultations.models import Comment, ConsultationPage

# (subject of the draft, kind, articles: (clause heading, text)); {place} is the place's name.
DRAFTS = [
    (
        "{place}养老服务条例",
        "条例",
        [
            (
                "总则",
                "为了规范养老服务，保障老年人合法权益，促进养老服务高质量发展，根据有关法律、法规，结合本地实际，制定本条例。",
            ),
            ("适用范围", "本行政区域内居家社区养老服务、机构养老服务及其监督管理活动，适用本条例。"),
            (
                "设施规划",
                "新建城镇居住区应当按照每百户不少于二十平方米的标准配套建设养老服务设施，并与住宅同步规划、同步建设、同步验收、同步交付使用。",
            ),
            (
                "助餐服务",
                "乡镇人民政府、街道办事处应当统筹推进老年助餐服务，为高龄、失能、独居老年人提供送餐上门等服务。",
            ),
            ("监督管理", "民政部门应当建立养老服务质量评价制度，定期向社会公布评价结果。"),
        ],
    ),
    (
        "{place}城市生活垃圾分类管理办法",
        "办法",
        [
            ("目的依据", "为了加强城市生活垃圾分类管理，改善人居环境，促进资源循环利用，制定本办法。"),
            ("分类标准", "城市生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。"),
            (
                "投放要求",
                "单位和个人应当按照规定的时间、地点和分类要求投放生活垃圾，不得随意倾倒、抛撒或者堆放。",
            ),
            ("收运处置", "生活垃圾收集、运输单位应当分类收集、分类运输，不得将已分类的生活垃圾混合收运。"),
            ("激励措施", "鼓励通过积分兑换等方式，引导居民自觉参与生活垃圾分类。"),
        ],
    ),
    (
        "{place}优化营商环境若干措施",
        "措施",
        [
            (
                "政务服务",
                "全面推行政务服务事项清单管理，除法律法规另有规定外，不得在清单之外增设办理条件和环节。",
            ),
            ("企业开办", "企业开办实行一网通办，营业执照、公章刻制、发票申领等事项一个工作日内办结。"),
            ("工程建设项目审批", "社会投资简易低风险工程建设项目审批全流程时间压减至十五个工作日以内。"),
            ("惠企政策", "建立惠企政策免申即享机制，符合条件的企业无需申请即可享受相关政策。"),
        ],
    ),
    (
        "{place}公共数据管理办法",
        "办法",
        [
            ("目的依据", "为了规范公共数据管理，推进公共数据共享开放和开发利用，制定本办法。"),
            ("职责分工", "数据主管部门负责统筹协调本行政区域公共数据管理工作。"),
            ("数据共享", "公共管理和服务机构应当按照共享目录向其他机构提供公共数据，不得重复采集。"),
            ("安全保障", "公共管理和服务机构应当落实数据安全主体责任，建立数据分类分级保护制度。"),
        ],
    ),
]

COMMENTS = [
    ("设施规划", "建议明确老旧小区补建养老服务设施的具体标准和资金来源，否则难以落实。"),
    ("助餐服务", "助餐点的营业时间建议覆盖早餐，很多独居老人早上做饭不方便。"),
    ("监督管理", "评价结果除了向社会公布，还应当与补贴发放挂钩。"),
    ("投放要求", "定时定点投放对上班族不太友好，建议每个小区至少保留一个全天开放的投放点。"),
    ("激励措施", "积分兑换的物品种类太少，建议与公交卡充值、停车费抵扣等打通。"),
    ("企业开办", "建议把银行开户也纳入一网通办，目前还要单独跑银行。"),
    ("惠企政策", "免申即享的政策清单应当定期更新并在网站公布，方便企业查询。"),
    ("数据共享", "建议明确数据共享的时限要求，部门之间的数据调取不能一拖再拖。"),
    ("安全保障", "涉及个人信息的数据开放前应当做脱敏处理，并公开脱敏规则。"),
    ("", "整体内容很好，建议增加对违反规定行为的具体处罚标准。"),
    ("", "条文中的部分用语不够明确，比如“及时”应当写明具体天数。"),
    ("", "建议在正式实施前留出足够的过渡期，并做好宣传解读。"),
]
SPAM = "加微信领红包，日赚三百，详情咨询客服。"
ADOPTION_NOTES = {
    Comment.Adoption.ADOPTED: "已在修改稿中增加相关规定。",
    Comment.Adoption.PARTLY: "部分内容已吸收，其余属于具体执行层面，将在配套文件中予以明确。",
    Comment.Adoption.NOT_ADOPTED: "该事项已有上位法规定，本文件不再重复规定。",
}


def populate_site(demo_site) -> None:
    today, rng, place = demo_site.options.today, demo_site.rng, demo_site.place
    organs = [department.name for department in demo_site.departments] or [place.government]
    drafts = rng.sample(DRAFTS, 3)
    plans = [
        # (days from today the consultation opened, days it lasts, comments, feedback?)
        (-12, 32, 7, False),  # open
        (-85, 30, 9, True),  # closed, feedback published
        (-72, 30, 6, False),  # closed, no feedback: past its period
    ]
    for (subject, kind, articles), (opened, days, comments, with_feedback) in zip(drafts, plans, strict=True):
        start = at(today + datetime.timedelta(days=opened), 9)
        end = at(today + datetime.timedelta(days=opened + days), 23, 59)
        title = f"关于《{subject.format(place=place.name)}（征求意见稿）》公开征求意见的公告"
        page = ConsultationPage(
            title=title, slug=f"zqyj{start:%Y%m%d}", organ=rng.choice(organs), start_at=start, end_at=end, show_comments=True,
            draft_body=draft_html(articles), explanation=explanation_html(kind, place),
            contact=f"电子邮箱：zqyj@{demo_site.spec.subdomain or 'www'}.example.cn\n通信地址：{place.government}办公室（请在信封上注明“征求意见”）",
            first_published_at=start, last_published_at=start,
        )  # fmt: skip
        closed = end < at(today, 0)
        if closed and with_feedback:
            page.feedback_summary = feedback_html(subject.format(place=place.name))
            page.feedback_published_at = at(end.date() + datetime.timedelta(days=9), 10)
        demo_site.interaction_column.add_child(instance=page)
        add_comments(
            page, comments, articles, rng, now=min(at(today, 12), end), assess=closed and with_feedback
        )


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


CHINESE_NUMBERS = "一二三四五六七八九十"


def draft_html(articles: list[tuple[str, str]]) -> str:
    return "".join(
        f"<p><strong>第{CHINESE_NUMBERS[index]}条</strong>【{escape(heading)}】{escape(text)}</p>"
        for index, (heading, text) in enumerate(articles)
    )


def explanation_html(kind: str, place: corpus.Place) -> str:
    return (
        f"<p>为贯彻落实国家和省有关决策部署，解决实际工作中存在的突出问题，起草单位在深入调研、广泛听取各方面意见的基础上，"
        f"起草了本{escape(kind)}（征求意见稿）。</p><p>现向社会公开征求意见，欢迎{escape(place.name)}各界人士提出宝贵意见建议。</p>"
    )


def feedback_html(subject: str) -> str:
    return (
        f"<p>《{escape(subject)}（征求意见稿）》公开征求意见期间，社会各界积极建言献策。起草单位对收到的意见建议逐条进行了认真研究。</p>"
        "<p>主要意见集中在设施标准、办理时限和配套措施等方面。对于有利于增强可操作性的意见，已在修改稿中予以吸收；"
        "对于已有上位法规定或属于具体执行层面的意见，将在配套文件和实际工作中予以考虑。</p><p>感谢社会各界的关心和支持！</p>"
    )


def add_comments(
    page: ConsultationPage, count: int, articles, rng: random.Random, *, now, assess: bool
) -> None:
    span = max(1, int((now - page.start_at).total_seconds()))
    moments = sorted(
        page.start_at + datetime.timedelta(seconds=rng.randrange(span)) for _ in range(count + 1)
    )
    headings = {heading for heading, _text in articles}
    relevant = [c for c in COMMENTS if c[0] in headings] + [c for c in COMMENTS if not c[0]]
    rows = []
    for index, moment in enumerate(moments[:count]):
        clause_heading, text = relevant[index % len(relevant)]
        clause = ""
        if clause_heading:
            position = [heading for heading, _text in articles].index(clause_heading)
            clause = f"第{CHINESE_NUMBERS[position]}条"
        comment = Comment(
            consultation=page, name=corpus.person_name(rng), phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
            clause=clause, content=text, submitted_at=moment,
        )  # fmt: skip
        pending = not assess and index >= count - 2  # the newest comments of an open consultation wait
        if not pending:
            comment.status = Comment.Status.APPROVED
            comment.moderated_at = moment + datetime.timedelta(hours=rng.randint(2, 30))
            if assess:
                comment.adoption = rng.choice(list(ADOPTION_NOTES))
                comment.adoption_note = ADOPTION_NOTES[comment.adoption]
        rows.append(comment)
    spam = Comment(
        consultation=page, name=corpus.person_name(rng), phone="13800000000", content=SPAM, submitted_at=moments[-1],
        status=Comment.Status.REJECTED, moderated_at=moments[-1] + datetime.timedelta(hours=3),
        rejection_reason="广告信息，与征集内容无关",
    )  # fmt: skip
    Comment.objects.bulk_create([*rows, spam])
