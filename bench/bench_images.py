"""Image weight and page latency of a running site, as a phone (390 px) and a desktop (1440 px) would load it.

    .venv/bin/python bench/bench_images.py http://127.0.0.1:8000            # a Markdown table
    .venv/bin/python bench/bench_images.py http://127.0.0.1:8000 --json     # the rows as JSON on the last line
    .venv/bin/python bench/bench_images.py http://127.0.0.1:8000 /films/ /gallery/

Starts nothing: point it at a server that serves uploads too (`manage.py runserver` does; behind gunicorn the
reverse proxy does). For each page it times warm GETs, then, for each viewport, reads every <img> (and
<picture> <source>, and <video poster>) the way a browser picks a candidate: the first <source> whose type it
supports (AVIF, WebP), `sizes` evaluated at the viewport width, the smallest `w` candidate that covers the slot
at the device pixel ratio. It sums the bytes of the files chosen. Every image on the page is counted (as if
the visitor scrolled to the end; lazy loading only delays them); the lightbox's large pictures are not.
"""

import json
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

DEFAULT_PATHS = ["/", "/films/", "/films/zhang-guangyi/", "/gallery/", "/hall/", "/stories/"]
# A phone at DPR 2 (browsers rarely pick beyond 2x for content images), an office screen, a retina laptop.
VIEWPORTS = [("phone", 390, 2.0), ("desktop", 1440, 1.0), ("retina", 1440, 2.0)]
SUPPORTED_TYPES = {"image/avif", "image/webp", "image/jpeg", "image/png", "image/gif", ""}  # a current Chrome
ROOT_FONT_PX = 16
WARM_REQUESTS = 3
TIMED_REQUESTS = 20
USER_AGENT = "laomo-bench-images/1.0"
# The site caches whole pages for anonymous visitors (laomo/pagecache.py); any session cookie bypasses that
# cache, which measures the render itself (the cookie is unknown, so the visitor stays anonymous).
BYPASS_PAGE_CACHE = {"Cookie": "sessionid=laomo-bench-images"}


class ImageCollector(HTMLParser):
    """Collects what each picture offers: [(type, srcset, sizes)] sources, then the <img> itself."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []
        self._sources: list[dict] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "picture":
            self._sources = []
        elif tag == "source" and self._sources is not None:
            self._sources.append(attributes)
        elif tag == "img":
            self.images.append({"img": attributes, "sources": self._sources or []})
        elif tag == "video" and attributes.get("poster"):
            self.images.append({"img": {"src": attributes["poster"], "sizes": "100vw"}, "sources": []})

    def handle_endtag(self, tag):
        if tag == "picture":
            self._sources = None


def length_px(value: str, viewport: int) -> float | None:
    match = re.fullmatch(r"\s*([\d.]+)(px|vw|rem|em)\s*", value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    return {"px": number, "vw": number * viewport / 100, "rem": number * ROOT_FONT_PX, "em": number * ROOT_FONT_PX}[
        unit
    ]


def condition_holds(condition: str, viewport: int) -> bool:
    """(max-width: 40rem), (min-width: 760px) and their `and` combinations; anything else is false."""
    for part in re.split(r"\s+and\s+", condition.strip()):
        match = re.fullmatch(r"\(\s*(min|max)-width\s*:\s*([^)]+)\)", part.strip())
        if not match:
            return False
        limit = length_px(match.group(2), viewport)
        if (
            limit is None
            or (match.group(1) == "max" and viewport > limit)
            or (match.group(1) == "min" and viewport < limit)
        ):
            return False
    return True


def slot_width(sizes: str, viewport: int) -> float:
    """The width `sizes` gives the picture at this viewport (100vw when absent or not understood)."""
    for entry in [item.strip() for item in (sizes or "").split(",") if item.strip()]:
        match = re.fullmatch(r"(\(.*\))\s+(\S+)", entry)
        if match:
            if condition_holds(match.group(1), viewport):
                return length_px(match.group(2), viewport) or viewport
        else:
            return length_px(entry, viewport) or viewport
    return viewport


def choose(srcset: str, src: str, slot: float, dpr: float) -> str:
    """The candidate a browser picks: the smallest that covers slot × DPR, else the largest."""
    candidates = []
    for item in [part.strip() for part in (srcset or "").split(",") if part.strip()]:
        url, _, descriptor = item.partition(" ")
        descriptor = descriptor.strip() or "1x"
        if descriptor.endswith("w"):
            candidates.append((float(descriptor[:-1]) / slot, url))
        elif descriptor.endswith("x"):
            candidates.append((float(descriptor[:-1]), url))
    if not candidates:
        return src
    candidates.sort()
    for density, url in candidates:
        if density >= dpr:
            return url
    return candidates[-1][1]


def picked_urls(html: str, base_url: str, viewport: int, dpr: float) -> list[str]:
    collector = ImageCollector()
    collector.feed(html)
    urls = []
    for image in collector.images:
        img = image["img"]
        source = next((s for s in image["sources"] if s.get("type", "") in SUPPORTED_TYPES and s.get("srcset")), None)
        chosen_from = source or img
        slot = slot_width(chosen_from.get("sizes") or img.get("sizes", ""), viewport)
        url = choose(chosen_from.get("srcset", ""), img.get("src", ""), slot, dpr)
        if url and not url.startswith("data:"):
            urls.append(urljoin(base_url, url))
    return list(dict.fromkeys(urls))  # a picture shown twice is downloaded once


def fetch(url: str, method: str = "GET", headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read() if method == "GET" else b"", dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, b"", dict(error.headers or {})


def size_of(url: str, cache: dict) -> int:
    if url not in cache:
        status, _, headers = fetch(url, "HEAD")
        length = headers.get("Content-Length")
        if status == 200 and length is not None:
            cache[url] = int(length)
        else:
            status, body, _ = fetch(url)
            cache[url] = len(body) if status == 200 else 0
    return cache[url]


def latency(url: str, headers: dict | None = None) -> tuple[float, float]:
    """Median and 95th percentile of warm, sequential GETs, in milliseconds."""
    for _ in range(WARM_REQUESTS):
        fetch(url, headers=headers)
    timings = []
    for _ in range(TIMED_REQUESTS):
        started = time.perf_counter()
        fetch(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return round(statistics.median(timings), 1), round(timings[int(len(timings) * 0.95) - 1], 1)


def run(base_url: str, paths: list[str] | None = None) -> list[dict]:
    base_url = base_url.rstrip("/")
    rows, sizes = [], {}
    for path in paths or DEFAULT_PATHS:
        url = base_url + path
        status, body, _ = fetch(url)
        row = {"path": path, "status": status}
        if status != 200:
            rows.append(row)
            continue
        html = body.decode("utf-8", errors="replace")
        row["cached_p50_ms"], row["cached_p95_ms"] = latency(url)
        row["render_p50_ms"], row["render_p95_ms"] = latency(url, BYPASS_PAGE_CACHE)
        for name, width, dpr in VIEWPORTS:
            urls = picked_urls(html, url, width, dpr)
            row[f"{name}_images"] = len(urls)
            row[f"{name}_kb"] = round(sum(size_of(u, sizes) for u in urls) / 1024, 1)
            row[f"{name}_missing"] = sum(1 for u in urls if not sizes[u])
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    names = [name for name, _, _ in VIEWPORTS]
    header = " | ".join(f"{width} px @{dpr:g}x KB" for _, width, dpr in VIEWPORTS)
    lines = [
        f"| page | status | cached p50 / p95 ms | rendered p50 / p95 ms | images | {header} |",
        "|---|---|---|---|---|" + "---|" * len(VIEWPORTS),
    ]
    for row in rows:
        if row["status"] != 200:
            lines.append(f"| `{row['path']}` | {row['status']} |" + " |" * (3 + len(VIEWPORTS)))
            continue
        weights = " | ".join(str(row[f"{name}_kb"]) for name in names)
        lines.append(
            f"| `{row['path']}` | 200 | {row['cached_p50_ms']} / {row['cached_p95_ms']} "
            f"| {row['render_p50_ms']} / {row['render_p95_ms']} | {row['phone_images']} | {weights} |"
        )
    measured = [row for row in rows if row["status"] == 200]
    if measured:
        averages = " | ".join(f"**{sum(r[f'{name}_kb'] for r in measured) / len(measured):.1f}**" for name in names)
        lines.append(f"| **average per page** | | | | | {averages} |")
    missing = sum(row.get(f"{name}_missing", 0) for row in measured for name in names)
    if missing:
        lines.append(f"\n{missing} picture(s) did not answer 200: is the server serving uploads?")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    args = [arg for arg in argv if not arg.startswith("--")]
    if not args:
        sys.exit("usage: bench_images.py BASE_URL [PATH …] [--json]")
    rows = run(args[0], args[1:] or None)
    print(table(rows))
    if "--json" in argv:
        print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
