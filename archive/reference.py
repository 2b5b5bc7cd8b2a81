"""The reference data records are filed under: honours, their aliases, districts and industries.

Created by the data migration 0007_reference_data, so that `migrate` alone prepares a database that imports the
dictionary (see shared/docs/domain.md for the sources). Archivists edit them afterwards in the admin; nothing here
overwrites a row that exists.
"""

from .names import pinyin_slug

# (name, level, for_kind)
HONOURS = [
    ("全国劳动模范", "national", "person"),
    ("全国先进工作者", "national", "person"),
    ("全国五一劳动奖章", "national", "person"),
    ("全国五一劳动奖状", "national", "collective"),
    ("全国工人先锋号", "national", "collective"),
    ("北京市劳动模范", "municipal", "person"),
    ("北京市先进工作者", "municipal", "person"),
    ("首都劳动奖章", "municipal", "person"),
    ("首都劳动奖状", "municipal", "collective"),
    ("北京市工人先锋号", "municipal", "collective"),
    ("北京市模范集体", "municipal", "collective"),
    ("全国商业系统劳动模范", "sector", "person"),
]

HONOUR_ALIASES = {
    "全国劳模": "全国劳动模范",
    "全国劳动模范称号": "全国劳动模范",
    "全国先进生产者": "全国先进工作者",
    "市劳模": "北京市劳动模范",
    "北京市劳模": "北京市劳动模范",
    "北京劳模": "北京市劳动模范",
    "五一劳动奖章": "全国五一劳动奖章",
    "五一劳动奖状": "全国五一劳动奖状",
    "工人先锋号": "全国工人先锋号",
}

# (name, is_current)
DISTRICTS = [
    ("东城区", True),
    ("西城区", True),
    ("朝阳区", True),
    ("海淀区", True),
    ("丰台区", True),
    ("石景山区", True),
    ("门头沟区", True),
    ("房山区", True),
    ("通州区", True),
    ("顺义区", True),
    ("昌平区", True),
    ("大兴区", True),
    ("怀柔区", True),
    ("平谷区", True),
    ("密云区", True),
    ("延庆区", True),
    ("北京经济技术开发区", True),
    ("崇文区", False),
    ("宣武区", False),
]

INDUSTRIES = [
    "工业制造",
    "电力能源",
    "建筑工程",
    "交通运输",
    "商业服务",
    "邮政通信",
    "航空航天",
    "医疗卫生",
    "疾病预防控制",
    "教育",
    "科学研究",
    "农业林业",
    "食品乳业",
    "文化体育",
    "公共管理",
    "城市运行",
    "金融",
]

# Names on the English site (/en/): honours as commonly rendered in English, districts by their official names.
# Given to the rows the migration creates; load_demo also fills them in where an English name is blank.
ENGLISH_NAMES = {
    # honours
    "全国劳动模范": "National Model Worker",
    "全国先进工作者": "National Advanced Worker",
    "全国五一劳动奖章": "National May Day Labour Medal",
    "全国五一劳动奖状": "National May Day Labour Award",
    "全国工人先锋号": "National Workers' Pioneer Team",
    "北京市劳动模范": "Beijing Model Worker",
    "北京市先进工作者": "Beijing Advanced Worker",
    "首都劳动奖章": "Capital Labour Medal",
    "首都劳动奖状": "Capital Labour Award",
    "北京市工人先锋号": "Beijing Workers' Pioneer Team",
    "北京市模范集体": "Beijing Model Collective",
    "全国商业系统劳动模范": "National Model Worker of the Commerce Sector",
    # districts
    "东城区": "Dongcheng District",
    "西城区": "Xicheng District",
    "朝阳区": "Chaoyang District",
    "海淀区": "Haidian District",
    "丰台区": "Fengtai District",
    "石景山区": "Shijingshan District",
    "门头沟区": "Mentougou District",
    "房山区": "Fangshan District",
    "通州区": "Tongzhou District",
    "顺义区": "Shunyi District",
    "昌平区": "Changping District",
    "大兴区": "Daxing District",
    "怀柔区": "Huairou District",
    "平谷区": "Pinggu District",
    "密云区": "Miyun District",
    "延庆区": "Yanqing District",
    "北京经济技术开发区": "Beijing Economic-Technological Development Area",
    "崇文区": "Chongwen District (historic)",
    "宣武区": "Xuanwu District (historic)",
    # industries
    "工业制造": "Manufacturing",
    "电力能源": "Power and energy",
    "建筑工程": "Construction",
    "交通运输": "Transport",
    "商业服务": "Commerce and services",
    "邮政通信": "Post and telecommunications",
    "航空航天": "Aerospace",
    "医疗卫生": "Health care",
    "疾病预防控制": "Disease prevention and control",
    "教育": "Education",
    "科学研究": "Scientific research",
    "农业林业": "Agriculture and forestry",
    "食品乳业": "Food and dairy",
    "文化体育": "Culture and sport",
    "公共管理": "Public administration",
    "城市运行": "City operations",
    "金融": "Finance",
}


def ensure_reference_data(apps) -> dict[str, int]:
    """Create the rows above that are missing, matched by name (aliases by alias); return how many were created.

    ``apps`` is a migration state's registry or ``django.apps.apps``. The migration calls this with its historical
    models, so only fields that exist at 0007 may be used here; a later change to the list needs a new migration.
    A row whose name an archivist has changed keeps its slug, and is not created again under the old name.
    """
    Honour = apps.get_model("archive", "Honour")
    HonourAlias = apps.get_model("archive", "HonourAlias")
    District = apps.get_model("archive", "District")
    Industry = apps.get_model("archive", "Industry")
    created = dict.fromkeys(("honours", "aliases", "districts", "industries"), 0)

    def add(model, counter: str, name: str, **values) -> None:
        slug = pinyin_slug(name)
        if model.objects.filter(name=name).exists() or model.objects.filter(slug=slug).exists():
            return
        model.objects.create(name=name, slug=slug, name_en=ENGLISH_NAMES.get(name, ""), **values)
        created[counter] += 1

    for order, (name, level, kind) in enumerate(HONOURS):
        add(Honour, "honours", name, level=level, for_kind=kind, sort_order=order * 10)
    for alias, name in HONOUR_ALIASES.items():
        honour = Honour.objects.filter(name=name).first()
        if honour is not None and not HonourAlias.objects.filter(alias=alias).exists():
            HonourAlias.objects.create(alias=alias, honour=honour)
            created["aliases"] += 1
    for order, (name, current) in enumerate(DISTRICTS):
        add(District, "districts", name, is_current=current, sort_order=order)
    for order, name in enumerate(INDUSTRIES):
        add(Industry, "industries", name, sort_order=order)
    return created
