"""Personal data masking: structured fields and free text, on real letters."""

import json
import re

import pytest

import shared_data
from govsite.core.masking import mask_address, mask_id_number, mask_name, mask_phone, mask_text

LETTERS = shared_data.REALDATA / "letters_tipdm2020" / "messages_with_replies.jsonl"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳修文", "欧阳**"),
        ("欧阳", "欧*"),
        ("李", "*"),
        (" 王小明 ", "王**"),
        ("", ""),
    ],
)
def test_names_keep_the_surname_only(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812341234", "138****1234"),
        ("138 1234 1234", "138****1234"),
        ("0731-88881234", "0731-****1234"),
        ("12345", "***45"),
    ],
)
def test_phones_keep_their_first_three_and_last_four(phone, masked):
    assert mask_phone(phone) == masked


def test_id_numbers_and_addresses():
    assert mask_id_number("43010219900101123X") == "430***********123X"
    assert mask_id_number("430102900101123") == "430********1123"
    assert mask_address("西地省云川市青山区解放路2号3栋501") == "西地省云川市青山区解放路****"
    assert mask_address("西地省云川市青山区") == "西地省云川市青山区"


def test_free_text_masks_what_identifies_a_person_and_keeps_the_rest():
    text = (
        "我叫张三丰，身份证号43010219900101123X，电话13812341234，座机0731-88881234，"
        "邮箱zhangsan@example.com，住在景蓉华苑3栋2单元501室。2019年4月以来水费4.23元一吨，"
        "依据湘政发〔2019〕12号文件，编号20190425001。"
    )
    masked = mask_text(text)
    for secret in ("张三丰", "43010219900101123X", "13812341234", "88881234", "zhangsan@", "3栋2单元501室"):
        assert secret not in masked
    for kept in ("我叫张**", "430***********123X", "138****1234", "z***@example.com", "景蓉华苑", "2019年4月",
                 "4.23元", "湘政发〔2019〕12号", "20190425001"):  # fmt: skip
        assert kept in masked, kept


def test_words_after_wo_shi_that_are_not_names_stay():
    assert (
        mask_text("我是业主，本人权益受损，我是来反映问题的。")
        == "我是业主，本人权益受损，我是来反映问题的。"
    )
    assert mask_text("联系人：李四，姓名：王五。") == "联系人：李*，姓名：王*。"


@pytest.mark.skipif(not LETTERS.is_file(), reason="realdata/letters_tipdm2020 not present")
def test_no_mobile_or_id_number_survives_in_real_letters():
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    id_number = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
    letters = [json.loads(line) for line in LETTERS.open(encoding="utf-8")]
    found = masked_letters = 0
    for letter in letters:
        for field in ("message_detail", "reply"):
            text = letter[field]
            hits = len(mobile.findall(text)) + len(id_number.findall(text))
            found += hits
            out = mask_text(text)
            assert not mobile.search(out) and not id_number.search(out), letter["id"]
            masked_letters += bool(hits)
            assert out.count("。") == text.count("。")  # sentences are kept, only data inside them changes
    # The published letters were anonymised at the source (phones read 0000-0000): the point here is
    # that masking leaves every sentence of 5,632 real texts in place.
    assert masked_letters == found == 0
