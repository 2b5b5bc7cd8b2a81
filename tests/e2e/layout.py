"""Issue 17's layout matrix: every public page type at 320, 390 and 768 px, in normal and 长辈模式, each checked for
sideways scrolling, the header's height, touch-target size (WCAG 2.2 2.5.8) and axe-core, with a screenshot of
each combination in var/screenshots/ (layout-<page>-<language>-<width>-<mode>.png).

One test per page and language walks the six screens in one browser context, so a page costs one test's set-up.
"""

from .checks import axe_violations, describe_violations
from .conftest import screenshot

WIDTHS = (320, 390, 768)
HEADER_LIMIT = {"normal": 64, "elder": 96}  # px, the header row with its menu closed
MIN_TARGET = 24  # px, WCAG 2.2 2.5.8 (AA)


# Measured in the page: sideways overflow, the header's height, and interactive elements smaller than 24 × 24 px.
# Exempt, as 2.5.8 allows: links inside a sentence (inline, among other text), and what is not on screen (closed
# <details>, visually hidden, the skip link until focused). A checkbox or radio counts with its label.
MEASURE = """(width) => {
  const small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex="0"]';
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.right <= 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || element.closest('.visually-hidden, [aria-hidden="true"]')) continue;
    if (box.width >= 24 && box.height >= 24) continue;
    if (element.tagName === 'A' && style.display === 'inline') {
      const block = element.parentElement;
      const text = block ? block.textContent.replace(element.textContent, '').trim() : '';
      if (text.length > 0) continue;  // a link in a sentence
    }
    if (['checkbox', 'radio'].includes(element.type) && element.labels && element.labels.length) {
      const label = element.labels[0].getBoundingClientRect();
      if (label.height >= 24) continue;
    }
    const name = (element.getAttribute('aria-label') || element.textContent || element.name || '').trim().slice(0, 30);
    small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  // What sticks out on the right, innermost first, to say where an overflow comes from.
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && ![...element.children].some((c) => c.getBoundingClientRect().right > width + 1)) {
      wide.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
  }
  const header = document.querySelector('.site-header');
  return {
    // Against the screen's width: a mobile browser widens its layout viewport to fit what overflows.
    overflow: Math.max(document.documentElement.scrollWidth, window.innerWidth) - width,
    header: header ? Math.round(header.getBoundingClientRect().height) : 0,
    small: small,
    wide: wide.slice(0, 3),
  };
}"""


def check_page(open_context, live, name: str, address: str, language: str) -> list[str]:
    """Walk one page at every width in both modes; the problems found, one line each."""
    problems = []
    context = open_context("phone")
    page = context.new_page()
    url = address if language == "zh" else "/en" + address
    for mode in ("normal", "elder"):
        if mode == "elder":
            context.add_cookies([{"name": "laomo_elder", "value": "1", "url": live.url}])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 1024 if width >= 768 else 844})
            response = page.goto(url)
            where = f"{url} at {width}px, {mode}"
            if response is None or response.status != 200:
                problems.append(f"{where}: status {response.status if response else 'none'}")
                continue
            if (mode == "elder") != page.evaluate("document.documentElement.classList.contains('elder')"):
                problems.append(f"{where}: 长辈模式 is {'off' if mode == 'elder' else 'on'}")
            measured = page.evaluate(MEASURE, width)
            if measured["overflow"] > 0:
                problems.append(
                    f"{where}: scrolls sideways by {measured['overflow']}px ({'; '.join(measured['wide'])})"
                )
            if measured["header"] > HEADER_LIMIT[mode]:
                problems.append(f"{where}: header {measured['header']}px high (at most {HEADER_LIMIT[mode]})")
            for item in measured["small"]:
                problems.append(f"{where}: target under 24×24: {item}")
            violations = axe_violations(page)
            if violations:
                problems.append(f"{where}: axe\n{describe_violations(violations)}")
            screenshot(page, f"layout-{name}-{language}", f"{width}-{mode}")
    # Closed now: a page left open goes on loading (pictures, a film's metadata) from the one-request-at-a-time
    # test server while the next page waits.
    context.close()
    return problems
