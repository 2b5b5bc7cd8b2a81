"""Phones on a slow network (issue 17): every public page type in Chromium at 390 px with the CPU slowed 4× and
Chrome DevTools' "Slow 4G" network (562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up), through Playwright and
the DevTools protocol. For each page: Largest Contentful Paint (target < 2.5 s) and the bytes transferred before
images (the document, styles and scripts; target < 150 KB), the median of three cold loads (a new browser context
each: nothing cached).

    .venv/bin/python bench/bench_phone.py                 # demo + 13,058 synthetic records, production settings
    .venv/bin/python bench/bench_phone.py --synthetic 0   # the demo alone, quicker

The site is served by gunicorn with production settings (bench/run.py), the page cache on as deployed; the first
load of each page is a warm-up that fills it. Written to bench/results/phone-<date>.md.
"""

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
import run  # noqa: E402  (bench/ is a folder of scripts, not a package)

from tests.e2e.pages import PAGE_TYPES as PAGES  # noqa: E402  (the layout matrix's pages: one of each type)

LCP_TARGET_MS = 2500
TRANSFER_TARGET_KB = 150
RUNS = 3
# DevTools' "Slow 4G" preset (formerly "Fast 3G"), as Lighthouse's mobile throttling.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4

# Kept by the page from its first moment, so the last LCP candidate is known after load.
WATCH_LCP = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__lcp = entry.startTime;
}).observe({ type: "largest-contentful-paint", buffered: true });
"""
# Everything but images: the document, styles, scripts, fonts, fetches.
TRANSFER_BEFORE_IMAGES = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const isImage = (entry) => entry.initiatorType === "img" || entry.initiatorType === "image"
    || /\\.(png|jpe?g|gif|webp|avif|svg)(\\?|$)/i.test(entry.name);
  const resources = performance.getEntriesByType("resource").filter((entry) => !isImage(entry));
  return navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0);
}"""


def load(browser, url: str) -> tuple[float, int]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.add_init_script(WATCH_LCP)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_timeout(500)  # a late candidate (an image decoded after load) still counts
        return page.evaluate("window.__lcp"), page.evaluate(TRANSFER_BEFORE_IMAGES)
    finally:
        context.close()


def measure(base_url: str) -> list[dict]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
            args=["--no-sandbox"],
        )
        try:
            for name, path in PAGES.items():
                load(browser, base_url + path)  # warm-up: fills the page cache as a first visitor would
                samples = [load(browser, base_url + path) for _ in range(RUNS)]
                lcp = statistics.median(sample[0] for sample in samples)
                transfer = statistics.median(sample[1] for sample in samples) / 1024
                rows.append({"page": name, "path": path, "lcp_ms": round(lcp), "transfer_kb": round(transfer, 1)})
                print(f"{name}: LCP {lcp:.0f} ms, {transfer:.1f} KB before images", flush=True)
        finally:
            browser.close()
    return rows


def report(rows: list[dict], synthetic: int) -> str:
    lines = [
        f"# Phones on Slow 4G, {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Chromium at 390 × 844 (2× pixels), CPU slowed {CPU_SLOWDOWN}×, DevTools' Slow 4G (562.5 ms round trip, "
        f"1.44 Mbit/s down); median of {RUNS} cold loads after a warm-up. gunicorn, production settings, SQLite, "
        f"the demo and {synthetic:,} synthetic records. Machine: {run.machine()}; load average {run.load_average()}.",
        "",
        f"| page | path | LCP ms (< {LCP_TARGET_MS}) | KB before images (< {TRANSFER_TARGET_KB}) | |",
        "|---|---|---:|---:|---|",
    ]
    for row in rows:
        ok = row["lcp_ms"] < LCP_TARGET_MS and row["transfer_kb"] < TRANSFER_TARGET_KB
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['lcp_ms']:,} | {row['transfer_kb']} | {'✓' if ok else '✗'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=13058, help="synthetic records (default 13,058)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="laomo-bench-phone-") as workdir:
        env = run.bench_env(workdir)
        print("Preparing the site…", flush=True)
        run.manage(env, "migrate", "--noinput")
        run.manage(env, "load_demo")
        if arguments.synthetic:
            run.manage(env, "generate_synthetic", "--honorees", str(arguments.synthetic))
            run.manage(env, "layout_walls")
        run.manage(env, "collectstatic", "--noinput")
        with run.serve_laomo(env) as base_url:
            rows = measure(base_url)
    text = report(rows, arguments.synthetic)
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    path = run.RESULTS / f"phone-{datetime.datetime.now():%Y-%m-%d-%H%M}.md"
    path.write_text(text, encoding="utf-8")
    print(text + f"\nWritten to {path}")
    missed = [row for row in rows if row["lcp_ms"] >= LCP_TARGET_MS or row["transfer_kb"] >= TRANSFER_TARGET_KB]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
