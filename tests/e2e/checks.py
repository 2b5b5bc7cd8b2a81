"""axe-core (accessibility) and the Nu Html Checker (HTML validity), both from tests/e2e/node_modules.

`make test` installs them (`npm ci --prefix tests/e2e`); the versions are pinned in tests/e2e/package.json.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).with_name("node_modules")
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
BLOCKING_IMPACTS = ("serious", "critical")


def require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(NODE_MODULES.parent)} is missing: run `npm ci --prefix tests/e2e` (make test does)"
        )
    return path


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the page is checked
    under its real policy (a script tag would need the context to bypass it)."""
    page.evaluate(require(AXE).read_text())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def html_errors(files: list[Path]) -> dict[str, list[str]]:
    """Errors the Nu Html Checker finds, per file name; one JVM start for all files."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is not installed (apt-get install default-jre-headless); .ci/run installs it")
    completed = subprocess.run(
        [java, "-jar", str(require(VNU)), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if not completed.stdout.strip():
        pytest.fail(f"the Nu Html Checker did not run: {completed.stderr.strip()[:2000]}")
    messages = json.loads(completed.stdout)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            name = Path(message.get("url", "unknown")).name
            where = f"line {message['lastLine']}: " if "lastLine" in message else ""
            errors.setdefault(name, []).append(f"{where}{message['message']} {message.get('extract', '')!r}")
    return errors
