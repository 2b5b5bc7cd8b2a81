"""The people the source text names, with only the facts it states (shared/source/000_56aa19a3d98538ef.txt).

Two of them also have an English biography, translated from the Chinese, so the English site shows both cases:
an English biography, and the Chinese one with a note.
"""

SOURCE_NOTE = "资料来源：《厚植劳动光荣沃土 凝聚奋进磅礴伟力——首都各界关心关爱劳模和劳模工作纪实》，2020年12月。"

PEOPLE = [
    {
        "external_id": "SRC-0001",
        "name": "张广义",
        "industry": "商业服务",
        "district": "东城区",
        "employer": "",
        "awards": [(None, "北京市劳动模范"), (None, "全国商业系统劳动模范")],
        "biography": (
            "张广义将修钢笔这门手艺做成了一辈子的事业，2020年时已88岁，"
            "曾荣获“北京市劳动模范”和“全国商业系统劳动模范”称号。\n\n"
            "2020年春节前夕，中共中央政治局委员、北京市委书记蔡奇来到东四南大街103号看望张广义，"
            "称赞他：“一生只干一件事，而且干到最好，这就是精益求精的工匠精神。"
            "北京这座城市要发展得更好，需要千千万万个像您一样的工匠，我们向您致敬！”"
        ),
        "biography_en": (
            "Zhang Guangyi made repairing fountain pens the work of a lifetime. In 2020 he was 88 years old; "
            "he had been named a Beijing Model Worker and a National Model Worker of the Commerce Sector.\n\n"
            "Shortly before the Spring Festival of 2020, Cai Qi, member of the Political Bureau of the CPC Central "
            "Committee and Secretary of the Beijing Municipal Party Committee, visited Zhang Guangyi at "
            "No. 103 Dongsi South Street and praised him: “One thing done all your life, and done as well as it can "
            "be done: that is the craftsman's spirit of striving for perfection. For Beijing to develop even better, "
            "it needs thousands upon thousands of craftsmen like you. We salute you!”"
        ),
    },
    {
        "external_id": "SRC-0002",
        "name": "王月鹏",
        "industry": "电力能源",
        "district": "昌平区",
        "employer": "国网北京昌平供电公司",
        "title": "青年技术工人",
        "awards": [(2020, "全国劳动模范")],
        "biography": (
            "王月鹏是国网北京昌平供电公司的青年技术工人。2020年抗击新冠肺炎疫情期间，"
            "他和同事们在小汤山工程建设一线加班加点，全力确保防疫相关重要用户和老百姓不停电，"
            "满足复工复产用电需求，同年被评为全国劳动模范。\n\n"
            "“我是一名产业工人，也是一名工匠。我会以更高的标准严格要求自己，为百姓传递光明送去温暖，"
            "为服务首都经济社会发展贡献力量。”"
        ),
        "employer_en": "State Grid Beijing Changping Power Supply Company",
        "biography_en": (
            "Wang Yuepeng is a young technical worker at State Grid Beijing Changping Power Supply Company. "
            "During the fight against the COVID-19 epidemic in 2020 he and his colleagues worked long extra hours "
            "on the Xiaotangshan construction site, making sure that key users in epidemic prevention and ordinary "
            "households never lost power and that the electricity needed to restart work and production was there. "
            "The same year he was named a National Model Worker.\n\n"
            "“I am an industrial worker, and a craftsman too. I will hold myself to ever higher standards, bring "
            "people light and warmth, and do my part for the economic and social development of the capital.”"
        ),
    },
    {
        "external_id": "SRC-0003",
        "name": "孙泽洲",
        "industry": "航空航天",
        "awards": [],
        "biography": "孙泽洲是探访“嫦娥”的航天人，新时期北京走出的技术领军人才之一。",
    },
    {
        "external_id": "SRC-0004",
        "name": "曾晓岚",
        "industry": "疾病预防控制",
        "awards": [],
        "biography": "曾晓岚是新冠肺炎疫情流调指挥长，新时期北京走出的技术领军人才之一。",
    },
    {
        "external_id": "SRC-0005",
        "name": "刘博强",
        "industry": "文化体育",
        "awards": [],
        "biography": "刘博强是保障2022年北京冬奥会的制冰师，新时期北京走出的技术领军人才之一。",
    },
    {
        "external_id": "SRC-0006",
        "name": "陈历俊",
        "industry": "食品乳业",
        "awards": [],
        "biography": "陈历俊被称为“中国奶业技术担当”，新时期北京走出的技术领军人才之一。",
    },
    {
        "external_id": "SRC-0007",
        "name": "陶建伟",
        "industry": "城市运行",
        "awards": [],
        "biography": "陶建伟是用匠心守初心的“电梯医生”，新时期北京走出的技术领军人才之一。",
    },
    {
        "external_id": "SRC-0008",
        "name": "朱忠义",
        "industry": "建筑工程",
        "awards": [],
        "biography": "朱忠义被誉为为超级工程塑筋骨的“当代鲁班”，新时期北京走出的技术领军人才之一。",
    },
]
