"""Clearly labelled synthetic honorees for testing at scale. Never mixed with real records."""

import random
from collections.abc import Iterator

from .models import Award, District, Honoree, Honour, Industry, Kind

SYNTHETIC_PREFIX = "SYN-"
SYNTHETIC_NOTE = "（示例数据：此条目为演示规模而程序生成，并非真实人物。）"

# Common surnames, most frequent first, with a few double and specially read surnames.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇查解区"
)
DOUBLE_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙"]
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建国志文立新永福春海荣德宝庆兴胜利富贵"
    "淑珍凤琴云飞鹏辉宇浩然子涵梓轩思雨欣怡博文俊杰晓东晓光广义月鹏泽洲历俊建伟忠义振华卫东跃进向阳"
)
COLLECTIVE_TEMPLATES = ["{place}{unit}", "{place}{unit}班组", "{place}{unit}车间"]
PLACES = [
    "北京第一机床厂",
    "首钢",
    "北京公交",
    "北京地铁",
    "协和医院",
    "北京燃气",
    "北京自来水",
    "北京电力",
    "北京邮政",
    "北京铁路局",
]
UNITS = ["维修", "运营", "急诊科", "技术", "抢修", "调度", "质检", "安装"]
EMPLOYERS = [
    "北京第一机床厂",
    "首钢集团",
    "北京公交集团",
    "北京地铁运营公司",
    "北京协和医院",
    "北京燃气集团",
    "北京市自来水集团",
    "国网北京电力公司",
    "北京邮政",
    "中铁北京局",
    "北京市第四中学",
    "首农食品集团",
    "京能集团",
    "北京城建集团",
]
NATIONAL_YEARS = [1950, 1956, 1959, 1960, 1977, 1978, 1979, 1989, 1995, 2000, 2005, 2010, 2015, 2020]
MUNICIPAL_YEARS = [
    1950,
    1952,
    1954,
    1956,
    1958,
    1960,
    1962,
    1964,
    1977,
    1979,
    1982,
    1985,
    1989,
    1991,
    1995,
    2000,
    2005,
    2010,
    2015,
    2020,
]


def person_name(rng: random.Random) -> str:
    surname = rng.choice(DOUBLE_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
    given_length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(given_length))


def generate(national: int, municipal: int, seed: int = 2020) -> Iterator[tuple[Honoree, list[Award]]]:
    """Yield unsaved honorees with their unsaved awards; national ones first."""
    rng = random.Random(seed)
    honours = {h.name: h for h in Honour.objects.all()}
    districts = list(District.objects.filter(is_current=True))
    industries = list(Industry.objects.all())
    for number in range(1, national + municipal + 1):
        is_national = number <= national
        is_collective = rng.random() < 0.06
        if is_collective:
            name = rng.choice(COLLECTIVE_TEMPLATES).format(place=rng.choice(PLACES), unit=rng.choice(UNITS))
            honour_name = "全国五一劳动奖状" if is_national else "北京市模范集体"
        else:
            name = person_name(rng)
            honour_name = (
                ("全国劳动模范" if rng.random() < 0.8 else "全国先进工作者")
                if is_national
                else ("北京市劳动模范" if rng.random() < 0.8 else "北京市先进工作者")
            )
        year = rng.choice(NATIONAL_YEARS if is_national else MUNICIPAL_YEARS)
        birth_year = None if is_collective else year - rng.randint(25, 55)
        employer = rng.choice(EMPLOYERS)
        honoree = Honoree(
            external_id=f"{SYNTHETIC_PREFIX}{number:06d}",
            kind=Kind.COLLECTIVE if is_collective else Kind.PERSON,
            name=name,
            gender="" if is_collective else rng.choice(["male", "male", "female"]),
            ethnicity=""
            if is_collective
            else ("汉族" if rng.random() < 0.93 else rng.choice(["回族", "满族", "蒙古族"])),
            birth_year=birth_year,
            employer=employer,
            industry=rng.choice(industries) if industries else None,
            district=rng.choice(districts) if districts else None,
            biography=f"{SYNTHETIC_NOTE}\n\n{name}，{employer}，{year}年获“{honour_name}”称号。",
            is_synthetic=True,
            live=True,
        )
        honoree.compute_name_fields()
        honoree.first_award_year = year
        awards = [Award(honour=honours[honour_name], year=year)]
        if not is_collective and not is_national and rng.random() < 0.15:
            later = [y for y in MUNICIPAL_YEARS if y > year]
            if later:
                awards.append(Award(honour=honours["首都劳动奖章"], year=rng.choice(later)))
        yield honoree, awards
