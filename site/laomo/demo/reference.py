"""Reference data the archive is filed under: honours, aliases, districts, industries (see shared/docs/domain.md)."""

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
