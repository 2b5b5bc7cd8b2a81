"""GB/T 7714—2015 references for an interview and for one of its segments, with the time stamp.

口述史料 has no type code of its own in GB/T 7714; an online oral-history recording is cited as 其他 online
([Z/OL]), the form archives' own oral-history collections use:
    受访者口述, 访谈人访谈. 题名[Z/OL]. (访谈日期)[引用日期]. 访问路径.
A segment adds its title and where it starts, and its address opens the recording at that second.
"""

import datetime


def clock(seconds: int) -> str:
    """Always hours, minutes and seconds, as oral-history indexes write them: 754 → 00:12:34."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _authors(narrators: list[str], interviewer: str) -> str:
    parts = []
    if narrators:
        parts.append("，".join(narrators) + "口述")
    if interviewer:
        parts.append(f"{interviewer}访谈")
    return ", ".join(parts)


def interview_citation(
    *,
    site: str,
    title: str,
    narrators: list[str],
    interviewer: str,
    recorded: datetime.date | None,
    url: str,
    today: datetime.date,
) -> str:
    authors = _authors(narrators, interviewer) or site
    published = f"({recorded:%Y-%m-%d})" if recorded else ""
    return f"{authors}. {title}[Z/OL]. {site}, {published}[{today:%Y-%m-%d}]. {url}."


def segment_citation(
    *,
    site: str,
    title: str,
    segment_title: str,
    sitting: int,
    sittings: int,
    start: int,
    narrators: list[str],
    interviewer: str,
    recorded: datetime.date | None,
    url: str,
    today: datetime.date,
) -> str:
    where = f"第{sitting}场 {clock(start)}" if sittings > 1 else clock(start)
    return interview_citation(
        site=site,
        title=f"{title}：{segment_title}（{where}起）",
        narrators=narrators,
        interviewer=interviewer,
        recorded=recorded,
        url=url,
        today=today,
    )
