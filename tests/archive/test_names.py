"""Surnames, pinyin with surname readings, and stroke ordering (按姓氏笔画)."""

import pytest

from archive.names import missing_stroke_chars, read_name, split_surname, stroke_count, stroke_sort_key


@pytest.mark.parametrize(
    "name, surname, pinyin, initials",
    [
        ("张广义", "张", "zhang guang yi", "zgy"),
        ("曾晓岚", "曾", "zeng xiao lan", "zxl"),
        ("单田芳", "单", "shan tian fang", "stf"),
        ("仇英", "仇", "qiu ying", "qy"),
        ("解放", "解", "xie fang", "xf"),
        ("区伟", "区", "ou wei", "ow"),
        ("查明", "查", "zha ming", "zm"),
        ("欧阳修", "欧阳", "ou yang xiu", "oyx"),
        ("尉迟恭", "尉迟", "yu chi gong", "ycg"),
        ("上官婉儿", "上官", "shang guan wan er", "sgwe"),
    ],
)
def test_surnames_and_readings(name, surname, pinyin, initials):
    reading = read_name(name)
    assert reading.surname == surname
    assert reading.pinyin == pinyin
    assert reading.initials == initials


def test_toned_display_and_collectives():
    assert read_name("曾晓岚").pinyin_display == "Zēng Xiǎolán"
    assert split_surname("北京公交集团维修班组", is_person=False) == ("", "北京公交集团维修班组")
    assert split_surname("阿依古丽·买买提") == ("", "阿依古丽·买买提")


@pytest.mark.parametrize(
    "char, count", [("丁", 2), ("王", 4), ("孙", 6), ("刘", 6), ("朱", 6), ("张", 7), ("陈", 7), ("陶", 10), ("曾", 12)]
)
def test_stroke_counts_match_the_domain_examples(char, count):
    assert stroke_count(char) == count


def test_stroke_order_uses_counts_then_first_strokes():
    names = ["曾晓岚", "张广义", "王月鹏", "丁一", "陶建伟", "刘博强", "孙泽洲", "朱忠义", "陈历俊"]
    ordered = sorted(names, key=stroke_sort_key)
    assert ordered[0] == "丁一" and ordered[1] == "王月鹏"
    # 刘 朱 孙 all have six strokes: 刘 starts with 点, 朱 with 撇, 孙 with 折 — 撇 before 点 before 折.
    assert ordered[2:5] == ["朱忠义", "刘博强", "孙泽洲"]
    # 张 and 陈 have seven strokes; 张 (折横折…) vs 陈 (折折…): the second stroke decides.
    assert ordered[5:7] == ["张广义", "陈历俊"]
    assert ordered[-2:] == ["陶建伟", "曾晓岚"]


def test_two_conventions_for_two_character_names():
    assert sorted(["田大利", "田富"], key=stroke_sort_key) == ["田富", "田大利"]  # 姓氏笔画
    assert sorted(["田大利", "田富"], key=lambda n: stroke_sort_key(n, blank_single_given=False)) == ["田大利", "田富"]


def test_characters_missing_from_the_data_set_are_reported():
    assert missing_stroke_chars("张广义") == ""
    assert missing_stroke_chars("王𠀾") == "𠀾"
