"""The HTML compliance report in a real browser: headless Chromium renders, runs the JS, logs.

The report covers the seed article and the clean English news split into pseudo-documents
(20 consecutive lines of one corpus part each, as the benchmarks do). Skipped when no
Chromium is installed (CI installs Debian's `chromium`). Refresh the documentation's
screenshot with: UPDATE_SCREENSHOT=1 python -m pytest tests/test_report_browser.py
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from common import clean_news_documents
from conftest import REPO, SEED, eval_file
from tqcheck.compliance import collect_paths
from tqcheck.config import Config
from tqcheck.report.compliance_html import render_html

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER = os.environ.get("TQCHECK_CHROMIUM") or next(filter(None, map(shutil.which, NAMES)), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium binary found (apt-get install chromium; CI installs it)"
)
SCREENSHOT = REPO / "docs" / "report.png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Clicks the "Wrong" header twice and filters by "kyiv", then records what the page shows.
PROBE = """<script>
(function(){
  var th=[].find.call(document.querySelectorAll('#concept-table th'),
                      function(h){return h.textContent.trim()==='Wrong';});
  function column(){return [].map.call(document.querySelectorAll('#concept-table tbody tr'),
                    function(r){return parseInt(r.cells[th.cellIndex].textContent,10);});}
  th.click(); var down=column(); th.click(); var up=column();
  var box=document.getElementById('filter'); box.value='kyiv';
  box.dispatchEvent(new Event('input'));
  var shown=[].filter.call(document.querySelectorAll('#concept-table tbody tr'),
                           function(r){return !r.hidden;}).length;
  document.body.setAttribute('data-probe', JSON.stringify({down:down, up:up, shown:shown}));
})();
</script></body>"""


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(BROWSER), "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run",
               "--hide-scrollbars", f"--user-data-dir={profile}", *args]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the seed article plus the clean news pseudo-documents."""
    news = eval_file("clean_news_en.jsonl")
    folder = tmp_path_factory.mktemp("report")
    paths = [str(SEED)]
    for index, (_, text, _) in enumerate(clean_news_documents(news)):
        path = folder / f"news_{index:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    report = collect_paths(paths, Config())
    assert not report.errors and len(report.files) == len(paths)
    html = folder / "report.html"
    html.write_text(render_html(report), encoding="utf-8")
    return html


def _console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_page_runs_without_console_errors_and_shows_the_concepts(page: Path) -> None:
    run = _chromium(page.parent / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom",
                    page.as_uri())  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_problems(run.stderr) == []
    dom = run.stdout
    for expected in ("Glossary compliance report", "Kyiv", "NATO", "place.kyiv", "org.nato"):
        assert expected in dom
    assert re.search(r'<input id="filter"[^>]*>', dom)
    assert not re.search(r'<input id="filter"[^>]*hidden', dom)  # the script ran to the end
    assert "000_1aa45f20a4da3534.txt:17:218" in dom  # a location of "kyiv"


def test_sorting_and_filtering_work(page: Path) -> None:
    probed = page.with_name("probe.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), "utf-8")
    run = _chromium(page.parent / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom",
                    probed.as_uri())  # fmt: skip
    assert _console_problems(run.stderr) == []
    found = re.search(r"data-probe=\"([^\"]+)\"", run.stdout)
    assert found, "the probe script did not run"
    import html
    import json

    probe = json.loads(html.unescape(found.group(1)))
    assert probe["down"] == sorted(probe["down"], reverse=True)
    assert probe["up"] == sorted(probe["up"]) and probe["up"] != probe["down"]
    assert probe["shown"] == 1  # only place.kyiv's row mentions "kyiv"


def test_screenshot_is_a_real_png(page: Path) -> None:
    shot = page.with_name("report.png")
    run = _chromium(page.parent / "profile", f"--screenshot={shot}", "--window-size=1280,2000",
                    page.as_uri())  # fmt: skip
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 30_000  # a blank page is a few kilobytes
    if os.environ.get("UPDATE_SCREENSHOT"):
        SCREENSHOT.write_bytes(data)
