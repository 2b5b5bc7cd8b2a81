"""Text of the first exhibition, story and about page, written from the source text, and their English.

Stream values reference honorees by external id ("@SRC-0001") and images by key ("#cover");
load_demo resolves them to primary keys. A spec's "en" is its English translation (core/demo_translations.py):
translated from the Chinese, adding nothing the Chinese does not say.
"""

SPIRIT = [
    {
        "type": "quote",
        "value": {
            "text": "爱岗敬业、争创一流、艰苦奋斗、勇于创新、淡泊名利、甘于奉献",
            "speaker": "",
            "source": "劳模精神",
        },
    },
    {"type": "quote", "value": {"text": "崇尚劳动、热爱劳动、辛勤劳动、诚实劳动", "speaker": "", "source": "劳动精神"}},
    {"type": "quote", "value": {"text": "执着专注、精益求精、一丝不苟、追求卓越", "speaker": "", "source": "工匠精神"}},
]


SPIRIT_EN = [
    {
        "type": "quote",
        "value": {
            "text": "Love your work and give it your all, strive to be the best, work hard, dare to innovate, "
            "care little for fame or gain, and be glad to give",
            "speaker": "",
            "source": "The model worker spirit",
        },
    },
    {
        "type": "quote",
        "value": {
            "text": "Respect labour, love labour, work hard, work honestly",
            "speaker": "",
            "source": "The spirit of labour",
        },
    },
    {
        "type": "quote",
        "value": {
            "text": "Dedication and focus, striving for perfection, meticulous care, the pursuit of excellence",
            "speaker": "",
            "source": "The spirit of craftsmanship",
        },
    },
]


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def card(external_id, note=""):
    return {"type": "honoree_card", "value": {"honoree": f"@{external_id}", "note": note}}


EXHIBITION = {
    "title": "光荣属于劳动者——首都劳模精神展",
    "slug": "glory-to-workers",
    "lead": "从修了一辈子钢笔的老师傅，到守护城市灯火的电力工匠、探访“嫦娥”的航天人，"
    "这个展览讲述首都劳动者的故事，和他们身上的劳模精神、劳动精神、工匠精神。",
    "cover": "#exhibition-cover",
    "body": [
        p(
            "光荣属于劳动者，幸福属于劳动者。在首都经济社会发展各个时期，在历次重大政治任务和重大活动中，"
            "首都广大劳动者始终站在时代潮头，团结奋斗、勇挑重担，成为干事创业的主力军。"
        ),
    ],
    "sections": [
        {
            "title": "序厅：劳模精神",
            "slug": "spirit",
            "body": [
                p(
                    "2020年11月24日，习近平总书记在全国劳动模范和先进工作者表彰大会上指出，在长期实践中，"
                    "我们培育形成了劳模精神、劳动精神、工匠精神。这种精神是以爱国主义为核心的民族精神"
                    "和以改革创新为核心的时代精神的生动体现。"
                ),
                *SPIRIT,
            ],
        },
        {
            "title": "一生只干一件事",
            "slug": "one-craft",
            "body": [
                p(
                    "88岁的张广义将修钢笔这门手艺做成了一辈子的事业。2020年春节前夕，北京市委书记蔡奇来到东四南大街103号看望他。"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "一生只干一件事，而且干到最好，这就是精益求精的工匠精神。北京这座城市要发展得更好，需要千千万万个像您一样的工匠，我们向您致敬！",
                        "speaker": "蔡奇",
                        "source": "2020年春节前夕看望劳模张广义",
                    },
                },
                card("SRC-0001", "修了一辈子钢笔的北京市劳动模范"),
            ],
        },
        {
            "title": "守护城市的灯火",
            "slug": "keeping-the-lights-on",
            "body": [
                p(
                    "在突如其来的新冠肺炎疫情面前，广大劳动者以万众一心、风雨同舟的“硬核”支撑，"
                    "共同守护了这座城市的正常运转。"
                ),
                card("SRC-0002", "小汤山工程建设一线的电力工匠"),
                {
                    "type": "quote",
                    "value": {
                        "text": "我是一名产业工人，也是一名工匠。我会以更高的标准严格要求自己，为百姓传递光明送去温暖，为服务首都经济社会发展贡献力量。",
                        "speaker": "王月鹏",
                        "source": "",
                    },
                },
                card("SRC-0004", "疫情流调指挥长"),
            ],
        },
        {
            "title": "新时代的大国工匠",
            "slug": "master-craftsmen",
            "body": [
                p(
                    "新时期，北京走出了一大批技术领军人才，乃至“大国工匠”。他们以实际行动诠释了伟大劳模精神，"
                    "用实干与信念挺起了北京乃至国家级相关行业发展的脊梁。"
                ),
                card("SRC-0003", "探访“嫦娥”的航天人"),
                card("SRC-0005", "保障2022北京冬奥的制冰师"),
                card("SRC-0006", "中国奶业技术担当"),
                card("SRC-0007", "用匠心守初心的“电梯医生”"),
                card("SRC-0008", "为超级工程塑筋骨的“当代鲁班”"),
            ],
        },
        {
            "title": "2020：表彰与数字",
            "slug": "2020",
            "body": [
                {
                    "type": "timeline",
                    "value": {
                        "heading": "2020年的两次表彰大会",
                        "events": [
                            {"date": "2020年11月24日", "title": "全国劳动模范和先进工作者表彰大会", "text": ""},
                            {
                                "date": "2020年12月22日",
                                "title": "北京市劳动模范、先进工作者和人民满意的公务员表彰大会",
                                "text": "在北京会议中心隆重举行，距离上次全市表彰大会已经过去5年。",
                            },
                        ],
                    },
                },
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "2015年至2020年推荐评选",
                        "figures": [
                            {"value": "173", "label": "名全国劳动模范和先进工作者"},
                            {"value": "2301", "label": "名北京市劳动模范和先进工作者"},
                            {"value": "107", "label": "名全国五一劳动奖章获得者"},
                            {"value": "1222", "label": "名首都劳动奖章获得者"},
                            {"value": "142", "label": "个全国工人先锋号"},
                            {"value": "479", "label": "个北京市工人先锋号"},
                        ],
                    },
                },
            ],
        },
        {
            "title": "镌刻在城市中轴线上的名字",
            "slug": "names-in-stone",
            "body": [
                p(
                    "市总工会在奥林匹克森林公园和明城墙遗址公园分别设置了“劳模墙”、劳动广场，"
                    "镌刻了1197名全国劳模和11861名北京市劳动模范的姓名，在北京城市中轴线的一南一北，留下劳模的印记。",
                    "市总工会还与中央美术学院联合主办“为人民服务·为劳模造像”大型活动，"
                    "通过雕塑、油画、中国画、水彩、素描等艺术形式记录当代劳模的风采；"
                    "编辑出版了《北京市全国劳模大辞典（1950—2015）》，拍摄完成了近百名劳模微电影。",
                ),
                {
                    "type": "two_column",
                    "value": {
                        "image": "#wall",
                        "image_position": "left",
                        "caption": "劳模墙示意图",
                        "heading": "城市中轴线的一南一北",
                        "text": "<p>“劳模墙”与劳动广场已成为全市各单位开展职工教育工作的重要阵地。"
                        "大兴区也建成了劳模墙，编纂出版了《北京市大兴区劳模名录》。</p>",
                    },
                },
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "劳模墙",
                        "figures": [
                            {"value": "1197", "label": "名全国劳模"},
                            {"value": "11861", "label": "名北京市劳动模范"},
                        ],
                    },
                },
            ],
        },
    ],
}

STORY = {
    "title": "北京市召开大会表彰劳动模范和先进工作者",
    "slug": "2020-beijing-commendation",
    "date": "2020-12-22",
    "author": "郭丽华 白莹",
    "lead": "2020年12月22日，北京市劳动模范、先进工作者和人民满意的公务员表彰大会在北京会议中心隆重举行。",
    "cover": "#story-cover",
    "tags": ["表彰大会", "2020年"],
    "honorees": ["SRC-0002"],
    "body": [
        p(
            "光荣属于劳动者，幸福属于劳动者。2020年岁末，北京市召开大会，对北京市劳动模范、先进工作者和模范集体进行隆重表彰，"
            "这是属于全市千千万万劳动者的“高光时刻”。",
            "2020年是全面建成小康社会、决战脱贫攻坚的收官之年，2021年是“十四五”开局之年。"
            "北京市在做好常态化疫情防控的同时，紧紧围绕落实首都城市战略定位、建设国际一流的和谐宜居之都的目标，"
            "在京华大地吹响了奋斗者的集结号和冲锋号。",
            "这次受表彰的劳模和先进工作者，有的守有普通岗位上一线工作者的人生传奇，有的努力突破高精尖技术难点体现劳动价值，"
            "有的在疫情防控一线的挑战考验中彰显人性之美。",
        ),
        {
            "type": "key_figures",
            "value": {
                "heading": "2015年至2020年",
                "figures": [
                    {"value": "173", "label": "名全国劳动模范和先进工作者"},
                    {"value": "2301", "label": "名北京市劳动模范和先进工作者"},
                ],
            },
        },
        card("SRC-0002", "2020年全国劳动模范"),
    ],
}

ABOUT = {
    "title": "关于本馆",
    "slug": "about",
    "lead": "劳模数字展馆是北京劳动模范的网上展厅与档案馆。",
    "body": [
        p(
            "近年来，北京先后建成了劳模楼、劳动广场，编纂出版了《北京市全国劳模大辞典》，打造了“劳模网上展厅”，"
            "创作推出了以劳模和工匠为原型的话剧、歌曲和微电影。",
            "本馆汇集网上展厅、劳模辞典、劳模微电影与劳模墙，供公众参观、学校开展劳动教育、档案人员维护记录。"
            "标有“示例数据”的条目为演示规模而生成，并非真实人物。",
        ),
    ],
}

# --- English (core/demo_translations.py): the same pages, translated ---------------------------------------

HOME_EN = {
    "title": "Model Worker Digital Hall",
    "hero_title": "Glory belongs to the workers",
    "hero_text": "Step into the online hall of Beijing's model workers: see the exhibitions, look people up in the "
    "dictionary, find names on the walls, and learn about the spirit of model workers, of labour and of "
    "craftsmanship.",
}

HALL_EN = {
    "title": "Online Exhibition Hall",
    "intro": "Step into the online hall of model workers and see the glory and the dreams of the capital's "
    "working people.",
}

STORIES_EN = {"title": "Model worker stories", "intro": "News, features and profiles."}

EXHIBITION_EN = {
    "title": "Glory to the Workers: The Model Worker Spirit in the Capital",
    "lead": "From an old master who repaired fountain pens all his life to the power craftsman who kept the city's "
    "lights on and the spaceflight engineer of the “Chang'e” lunar missions, this exhibition tells the stories "
    "of the capital's working people and of the spirit of model workers, of labour and of craftsmanship they carry.",
    "body": [
        p(
            "Glory belongs to the workers, and so does happiness. In every period of the capital's economic and "
            "social development, in every major political task and every major event, the capital's working people "
            "have stood at the forefront of their times, striving together and shouldering heavy loads: the main "
            "force in getting things done."
        ),
    ],
    "sections": {
        "spirit": {
            "title": "Prelude: The model worker spirit",
            "body": [
                p(
                    "On 24 November 2020, at the national conference commending model workers and advanced workers, "
                    "General Secretary Xi Jinping said that through long practice we have fostered the spirit of "
                    "model workers, the spirit of labour and the spirit of craftsmanship. This spirit is a vivid "
                    "expression of the national spirit, with patriotism at its core, and of the spirit of the times, "
                    "with reform and innovation at its core."
                ),
                *SPIRIT_EN,
            ],
        },
        "one-craft": {
            "title": "One thing, all his life",
            "body": [
                p(
                    "Zhang Guangyi, 88, made repairing fountain pens the work of a lifetime. Shortly before the "
                    "Spring Festival of 2020, Cai Qi, Secretary of the Beijing Municipal Party Committee, visited "
                    "him at No. 103 Dongsi South Street."
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "One thing done all your life, and done as well as it can be done: that is the "
                        "craftsman's spirit of striving for perfection. For Beijing to develop even better, it needs "
                        "thousands upon thousands of craftsmen like you. We salute you!",
                        "speaker": "Cai Qi",
                        "source": "Visiting the model worker Zhang Guangyi shortly before the Spring Festival of 2020",
                    },
                },
                card("SRC-0001", "A Beijing Model Worker who repaired fountain pens all his life"),
            ],
        },
        "keeping-the-lights-on": {
            "title": "Keeping the city's lights on",
            "body": [
                p(
                    "When the COVID-19 epidemic struck without warning, working people, united as one and standing "
                    "together through the storm, gave the city their “hard-core” support and together kept it "
                    "running."
                ),
                card("SRC-0002", "A power craftsman on the front line of the Xiaotangshan construction works"),
                {
                    "type": "quote",
                    "value": {
                        "text": "I am an industrial worker, and a craftsman too. I will hold myself to ever higher "
                        "standards, bring people light and warmth, and do my part for the economic and social "
                        "development of the capital.",
                        "speaker": "Wang Yuepeng",
                        "source": "",
                    },
                },
                card("SRC-0004", "Commander of the epidemiological investigations during the epidemic"),
            ],
        },
        "master-craftsmen": {
            "title": "Master craftsmen of the new era",
            "body": [
                p(
                    "In the new period Beijing has produced a great many leading technical talents, even “master "
                    "craftsmen of the nation”. Through their deeds they have shown what the great model worker "
                    "spirit means, and with hard work and conviction they have become the backbone of their "
                    "industries in Beijing and across the country."
                ),
                card("SRC-0003", "A spaceflight engineer of the “Chang'e” lunar missions"),
                card("SRC-0005", "The ice maker who served the 2022 Beijing Winter Olympics"),
                card("SRC-0006", "A mainstay of China's dairy technology"),
                card("SRC-0007", "The “lift doctor” who keeps to his first calling with a craftsman's care"),
                card("SRC-0008", "The “Lu Ban of today”, who gives super projects their frames"),
            ],
        },
        "2020": {
            "title": "2020: Commendations and figures",
            "body": [
                {
                    "type": "timeline",
                    "value": {
                        "heading": "The two commendation conferences of 2020",
                        "events": [
                            {
                                "date": "24 November 2020",
                                "title": "National conference commending model workers and advanced workers",
                                "text": "",
                            },
                            {
                                "date": "22 December 2020",
                                "title": "Beijing conference commending model workers, advanced workers and civil "
                                "servants with whom the people are satisfied",
                                "text": "Held at the Beijing Conference Center, five years after the city's "
                                "previous commendation conference.",
                            },
                        ],
                    },
                },
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "Recommended and selected, 2015 to 2020",
                        "figures": [
                            {"value": "173", "label": "national model workers and advanced workers"},
                            {"value": "2301", "label": "Beijing model workers and advanced workers"},
                            {"value": "107", "label": "recipients of the National May Day Labour Medal"},
                            {"value": "1222", "label": "recipients of the Capital Labour Medal"},
                            {"value": "142", "label": "National Workers' Pioneer Teams"},
                            {"value": "479", "label": "Beijing Workers' Pioneer Teams"},
                        ],
                    },
                },
            ],
        },
        "names-in-stone": {
            "title": "Names carved on the city's central axis",
            "body": [
                p(
                    "The Beijing Federation of Trade Unions set up a “Model Worker Wall” and a Labour Square in the "
                    "Olympic Forest Park and the Ming City Wall Relics Park, carving the names of 1,197 national "
                    "model workers and 11,861 Beijing model workers: at the north and the south of Beijing's "
                    "central axis, model workers have left their mark.",
                    "With the Central Academy of Fine Arts, the Federation also organised the large project “Serve "
                    "the People: Portraits of Model Workers”, recording today's model workers in sculpture, oil "
                    "painting, Chinese painting, watercolour and drawing; it edited and published the Great "
                    "Dictionary of Beijing's National Model Workers (1950–2015), and completed short films about "
                    "nearly a hundred model workers.",
                ),
                {
                    "type": "two_column",
                    "value": {
                        "image": "#wall",
                        "image_position": "left",
                        "caption": "Illustration of the Model Worker Wall",
                        "heading": "At the south and the north of the central axis",
                        "text": "<p>The Model Worker Wall and Labour Square have become important places for "
                        "workplaces across the city to educate their staff. Daxing District has also built a model "
                        "worker wall, and compiled and published a Directory of Model Workers of Daxing District, "
                        "Beijing.</p>",
                    },
                },
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "The Model Worker Walls",
                        "figures": [
                            {"value": "1197", "label": "national model workers"},
                            {"value": "11861", "label": "Beijing model workers"},
                        ],
                    },
                },
            ],
        },
    },
}

ABOUT_EN = {
    "title": "About the Digital Hall",
    "lead": "The Model Worker Digital Hall is the online exhibition hall and archive of Beijing's model workers.",
    "body": [
        p(
            "In recent years Beijing has built a Model Worker Building and a Labour Square, compiled and published "
            "the Great Dictionary of Beijing's National Model Workers, created an “online model worker exhibition "
            "hall”, and produced plays, songs and short films based on model workers and craftsmen.",
            "The Digital Hall brings together the online exhibition hall, the Dictionary of Model Workers, the model "
            "worker films and the Model Worker Walls, for the public to visit, for schools' labour education and "
            "for archivists to keep the records. Entries marked “Sample data” were generated to show the site at "
            "scale and are not real people.",
        ),
    ],
}
