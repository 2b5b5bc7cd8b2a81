"""Moments: parts of a page that search lands on by themselves — an interview's segment, at its second.

A page offers its moments through a ``search_moments()`` method that returns the public ones only: the search
indexes (search/) take what they are given, and the page's own access rules decide what that is. The search
engines index each moment as a document of its own under the page's result tab, linking to ``url``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchMoment:
    id: int  # stable within its page (a segment's primary key)
    title: str  # as a result shows it: "访谈标题 · 段落标题（12:34）"
    url: str  # the page's address at that moment: /oral-history/x/?t=754#t=754
    text: str = ""  # what is said and written about it: synopsis, keywords, transcript
    names: tuple[str, ...] = ()  # people named in it, found by the pinyin and initials of their names too
