"""The pages every accessibility and HTML check covers (issue 9), one of each kind, all from the demo content."""

PAGES = {
    "home": "/",
    "dictionary": "/dictionary/",
    "entry": "/dictionary/SRC-0001/",  # 张广义
    "search-results": "/search/?q=zhangguangyi",
    "exhibition": "/hall/glory-to-workers/",
    "exhibition-section": "/hall/glory-to-workers/portraits/",  # 为劳模造像: the four picture layouts of the hall
    "film": "/films/zhang-guangyi/",
    "wall": "/walls/national/?panel=1&highlight=SRC-0002#highlighted",  # 王月鹏, highlighted on the national wall
    "lesson": "/lessons/zhang-guangyi-craftsmanship/",
    "interview": "/oral-history/zhang-guangyi-demo/?t=8",  # a segment's shared address: the player at its second
    "interviews": "/oral-history/",
    "admin-login": "/admin/login/",
}

# One page of each public type in the demo content (issue 17): the layout matrix (layout.py) opens each at three
# widths, in both modes and both languages, and `bench/bench_phone.py` times each on a throttled phone.
PAGE_TYPES = {
    "home": "/",
    "hall": "/hall/",
    "exhibition": "/hall/glory-to-workers/",
    "section": "/hall/glory-to-workers/spirit/",
    "story": "/stories/2020-beijing-commendation/",
    "dictionary": "/dictionary/",
    "dictionary-filtered": "/dictionary/?decade=2010",
    "entry": "/dictionary/SRC-0001/",
    "statistics": "/dictionary/statistics/",
    "search-results": "/search/?q=zhangguangyi",
    "search-none": "/search/?q=qqxxzz",
    "walls": "/walls/",
    "wall": "/walls/national/",
    "locate": "/walls/national/?q=%E7%8E%8B%E6%9C%88%E9%B9%8F",  # 王月鹏
    "name-card": "/walls/national/card/SRC-0002/",
    "films": "/films/",
    "film": "/films/zhang-guangyi/",
    "interviews": "/oral-history/",
    "interview": "/oral-history/zhang-guangyi-demo/",
    "lessons": "/lessons/",
    "lesson": "/lessons/zhang-guangyi-craftsmanship/",
    "corrections": "/corrections/new/?honoree=SRC-0001",
    "about": "/about/",
}
