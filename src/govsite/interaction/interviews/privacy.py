"""What the public may see of a question's writer: a nickname, masked when it looks like a real name.

People often type their own name in the 网名 box. A nickname of two to four Han characters that starts with a
common surname is read as a name and masked (张三 → 张*); 热心市民, 小陈同学 and rain_2024 are shown as
typed. Phone numbers or ID numbers typed into either box are masked like any free text. Phones are never
shown at all: they are for staff only.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from govsite.core.masking import COMPOUND_SURNAMES, mask_name, mask_text

# The surnames borne by about nine in ten people in China (公安部 户籍统计), plus the compound ones.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝"
)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def looks_like_real_name(nickname: str) -> bool:
    text = nickname.strip()
    if not _HAN_NAME.match(text):
        return False
    return text[:2] in COMPOUND_SURNAMES or text[0] in COMMON_SURNAMES


def public_nickname(nickname: str) -> str:
    """The nickname as the public sees it; 网友 when there is none."""
    text = nickname.strip()
    if not text:
        return _("网友")
    if looks_like_real_name(text):
        return mask_name(text)
    return mask_text(text)
