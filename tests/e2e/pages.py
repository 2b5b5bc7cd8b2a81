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
