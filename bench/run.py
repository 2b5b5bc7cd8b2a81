"""`make bench`: build a site with ten times bakerydemo's content, serve it with gunicorn, measure it with wrk.

Steps: a throwaway database (SQLite by default; BENCH_DATABASE_URL for PostgreSQL) with the demo content and
13,058 synthetic honorees → the import benchmark → gunicorn with production settings → for every page:
warm-up, then wrk for BENCH_DURATION seconds at BENCH_CONNECTIONS concurrent connections → a Markdown table
in bench/results/ with the machine's description. A static file served by the same stack is the ceiling.
"""

import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))

PAGES = [
    ("static file (ceiling)", "/static/laomo/css/site.css"),
    ("home", "/"),
    ("dictionary list", "/dictionary/"),
    ("dictionary list, page 200", "/dictionary/?page=200"),
    ("dictionary filtered", "/dictionary/?strokes=7&decade=1990"),
    ("entry (real)", "/dictionary/SRC-0002/"),
    ("entry (synthetic)", "/dictionary/SYN-006000/"),
    ("statistics", "/dictionary/statistics/"),
    ("exhibition section", "/hall/glory-to-workers/one-craft/"),
    ("story", "/stories/2020-beijing-commendation/"),
    ("lesson", "/lessons/zhang-guangyi-craftsmanship/"),
    ("film gallery", "/films/"),
    ("film", "/films/wang-yuepeng/"),
    ("wall page (13,058 names)", "/walls/examples/"),
    ("wall panel", "/walls/examples/panel/7/"),
    ("search", "/search/?q=zhang"),
    ("API search", "/api/honorees/search/?q=zgy"),
    ("API list", "/api/honorees/?page=3"),
    ("API detail", "/api/honorees/SRC-0002/"),
    ("API locate", "/api/walls/examples/locate/?name=zhangwei"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory_kb // 1024 // 1024} GiB RAM, Python {platform.python_version()}"


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True)
    if commit.returncode:
        return "unknown (not a git checkout)"
    return commit.stdout.strip() + (" with uncommitted changes" if status.stdout.strip() else "")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (as `uptime` shows them): other work on the machine skews the numbers."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env):
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "generate_synthetic", "--honorees", "13058")
    manage(env, "layout_walls")  # bulk-created records send no signals: lay the walls out now
    manage(env, "collectstatic", "--noinput")
    return time.perf_counter() - started


def import_benchmark() -> list[dict]:
    """The import benchmark runs in its own process and throwaway database (see bench/bench_import.py)."""
    result = subprocess.run(
        [PYTHON, str(REPO / "bench" / "bench_import.py"), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_until_up(base_url: str, probe_path: str = "/static/laomo/css/site.css", timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base_url + probe_path, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def wrk(url: str, duration: int, connections: int = CONNECTIONS, timeout_seconds: int | None = None) -> dict:
    """One wrk run; the JSON line of bench/latency.lua (throughput, percentiles, error counts by kind)."""
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(REPO / "bench" / "latency.lua"),
    ]
    if timeout_seconds:
        # wrk's default 2 s timeout drops slow responses from the latency histogram; a longer one keeps them in p99
        command.append(f"--timeout={timeout_seconds}s")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(
    cwd: Path, env: dict, wsgi_module: str, pythonpath: str, python: str = PYTHON, probe_path: str | None = None
):
    """Serve a WSGI app with gunicorn (WORKERS sync workers on a free local port); yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "--pythonpath",
            pythonpath,
            wsgi_module,
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
    )
    try:
        wait_until_up(base_url, *([probe_path] if probe_path else []))
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(
    base_url: str,
    pages: list[tuple[str, str]],
    duration: int = DURATION,
    connections: int = CONNECTIONS,
    timeout_seconds: int | None = None,
) -> list[dict]:
    """For every (label, path): one request that must succeed, a 2 s warm-up in every worker, then the wrk run."""
    rows = []
    for label, path in pages:
        with urllib.request.urlopen(base_url + path, timeout=30) as response:  # fails loudly on a broken page
            status = response.status
        wrk(base_url + path, 2, connections, timeout_seconds)  # warm caches in every worker
        measured = wrk(base_url + path, duration, connections, timeout_seconds)
        rows.append({"page": label, "path": path, "status": status, **measured})
        print(
            f"  {label:30} {measured['rps']:8.1f} req/s  p50 {measured['p50_ms']:7.2f} ms  p95 {measured['p95_ms']:7.2f}  p99 {measured['p99_ms']:7.2f}",
            flush=True,
        )
    return rows


def image_weights(base_url: str) -> list[dict]:
    """Bytes of images a 390 px phone and a 1440 px screen download per page (bench/bench_images.py)."""
    result = subprocess.run(
        [PYTHON, str(REPO / "bench" / "bench_images.py"), base_url, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def serve_laomo(env):
    """Our site under gunicorn, the way production serves it (`gunicorn --pythonpath site,. laomo.wsgi`)."""
    return gunicorn(REPO, env, "laomo.wsgi", "site,.")


def serve_and_measure(env) -> tuple[list[dict], list[dict]]:
    with serve_laomo(env) as base_url:
        return measure(base_url, PAGES), image_weights(base_url)


def write_report(
    database: str, prepare_seconds: float, imports: list[dict], pages: list[dict], images: list[dict]
) -> Path:
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    path = RESULTS / f"{stamp}-{database}.md"
    static_rps = next((row["rps"] for row in pages if row["path"].startswith("/static/")), None)
    lines = [
        f"# Benchmark {stamp} — {database}",
        "",
        f"Machine: {machine()}",
        f"Server: gunicorn, {WORKERS} sync workers, production settings. Load: wrk, {CONNECTIONS} connections, {DURATION} s per page after a 2 s warm-up.",
        "Content: demo content + 13,058 synthetic honorees (about ten times bakerydemo's content).",
        f"Setup (migrate, demo, synthetic, collectstatic): {prepare_seconds:.1f} s",
        "",
    ]
    if imports:
        lines += ["| import benchmark | seconds |", "|---|---:|"]
        lines += [f"| {row['benchmark']} | {row['seconds']:.2f} |" for row in imports]
        lines.append("")
    lines += [
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | vs static |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pages:
        ratio = f"{static_rps / row['rps']:.1f}×" if static_rps and row["rps"] else "–"
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['rps']:.1f} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | {row['p99_ms']:.2f} | {row['errors']} | {row['non2xx']} | {ratio} |"
        )
    if images:
        lines += [
            "",
            "Image bytes per page (bench/bench_images.py):",
            "",
            "```",
            json.dumps(images, ensure_ascii=False, indent=1),
            "```",
        ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bench_env(workdir: str, database_url: str = "") -> dict:
    """Production settings on a throwaway database and upload folder (SQLite in workdir unless a URL is given)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "laomo.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LAOMO_SERVE_UPLOADS": "1",  # no reverse proxy here: let the app serve the images it measures
        "LAOMO_VAR_DIR": workdir,
        "DATABASE_URL": database_url or f"sqlite:///{workdir}/bench.sqlite3",
    }
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def database_name(database_url: str) -> str:
    return "postgresql" if database_url.startswith("postgres") else "sqlite"


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install -y wrk` (make bench does this).", file=sys.stderr)
        return 2
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    database = database_name(database_url)
    with tempfile.TemporaryDirectory(prefix="laomo-bench-") as workdir:
        env = bench_env(workdir, database_url)
        print(f"Preparing a {database} site with 13,058 synthetic honorees…", flush=True)
        prepare_seconds = prepare(env)
        print("Import benchmark…", flush=True)
        imports = import_benchmark()
        for row in imports:
            print(f"  {row['benchmark']:30} {row['seconds']:.2f} s", flush=True)
        print(f"Serving with gunicorn ({WORKERS} workers) and measuring with wrk…", flush=True)
        pages, images = serve_and_measure(env)
    report = write_report(database, prepare_seconds, imports, pages, images)
    print(f"Results: {report.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
