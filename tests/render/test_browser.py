"""The built site in a real browser: Debian's headless Chromium driven by Selenium (chromedriver).

Opens index.html of a sample build (file://, no server, no network), follows every link it can reach,
and checks that no page logs a console error, that every local link names a file of the site and
every fragment an element of its page; steps through a redline's changes with the keyboard and uses
its filters. An Arabic redline made at test time from two real Security Council resolutions
(../shared/corpus/sc/, read in place) must come out right to left.

The screenshots in docs/img come from this run: ``UPDATE_SCREENSHOTS=1`` copies them there
(docs/img/regenerate.sh).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SC = ROOT.parent / "shared" / "corpus" / "sc"
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1200,900")
pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.skip("Chromium and chromedriver are not installed; `make test` installs them via .ci/system-deps.sh")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "compactdraft", "build", str(ROOT / "drafts"), "-o", str(out)],
                   check=True, capture_output=True, timeout=600)
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("shots")
    yield folder
    if os.environ.get("UPDATE_SCREENSHOTS"):
        target = ROOT / "docs" / "img"
        for shot in sorted(folder.glob("*.png")):
            shutil.copy(shot, target / shot.name)


def _console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _page(driver, path: Path) -> tuple[set[str], list[str]]:
    """Open a page; its element ids and the hrefs of its links (resolved by the browser)."""
    driver.get(path.as_uri())
    ids = set(driver.execute_script("return Array.from(document.querySelectorAll('[id]'), e => e.id)"))
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    return ids, hrefs


def test_every_link_and_fragment_resolves_and_no_console_error(browser, site: Path, shots: Path) -> None:
    start = site / "index.html"
    pages: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    errors: list[str] = []
    queue = deque([start])
    while queue:
        path = queue.popleft()
        if path in pages:
            continue
        ids, hrefs = _page(browser, path)
        pages[path] = ids
        errors += [f"{path.relative_to(site)}: {message}" for message in _console_errors(browser)]
        for href in hrefs:
            url, _ = urldefrag(href)
            parsed = urlparse(url)
            assert parsed.scheme == "file", f"{path.relative_to(site)} links outside the site: {href}"
            links.append((path, href))
            target = Path(unquote(parsed.path))
            if target.suffix == ".html" and target.exists():
                queue.append(target)
    assert not errors, "\n".join(errors)
    broken = []
    for page, href in links:
        url, fragment = urldefrag(href)
        target = Path(unquote(urlparse(url).path))
        if not target.exists():
            broken.append(f"{page.relative_to(site)} -> {href}: no such file")
        elif fragment and target.suffix == ".html" and unquote(fragment) not in pages.get(target, set()):
            broken.append(f"{page.relative_to(site)} -> {href}: no element with that id")
    assert not broken, "\n".join(broken[:20])
    for name, shot in (("index.html", "report.png"), ("annotated.html", "annotated.png"),
                       ("trace.html#p-para.17.a", "trace.png")):
        browser.get((site / name.split("#")[0]).as_uri() + ("#" + name.split("#")[1] if "#" in name else ""))
        browser.execute_script("document.querySelectorAll('.trace:target details').forEach(d => d.open = true)")
        browser.save_screenshot(str(shots / shot))
    made = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert made <= {p.relative_to(site).as_posix() for p in pages}, "pages no link reaches"


def test_keyboard_steps_through_changes_and_filters_hide_kinds(browser, site: Path, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    page = site / "redlines" / "rev1-rev2.html"
    browser.get(page.as_uri())
    changed = browser.find_elements(By.CSS_SELECTOR, ".entry.changed")
    assert len(changed) > 2
    body = browser.find_element(By.TAG_NAME, "body")
    seen = []
    for key in ("n", "j", "n"):
        body.send_keys(key)
        current = browser.find_element(By.CSS_SELECTOR, ".entry.current")
        assert browser.execute_script("return location.hash") == "#" + current.get_attribute("id")
        seen.append(current.get_attribute("id"))
    assert seen == [e.get_attribute("id") for e in changed[:3]]
    body.send_keys("p")
    assert browser.find_element(By.CSS_SELECTOR, ".entry.current").get_attribute("id") == seen[1]
    body.send_keys("k")
    assert browser.find_element(By.CSS_SELECTOR, ".entry.current").get_attribute("id") == seen[0]
    browser.save_screenshot(str(shots / "redline-html.png"))
    browser.find_element(By.CSS_SELECTOR, "input[data-kind=unchanged]").click()
    assert all(not e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, ".entry.unchanged"))
    assert not _console_errors(browser)


def test_side_by_side_columns_follow_the_page(browser, tmp_path: Path, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "sbs.html"
    subprocess.run([sys.executable, "-m", "compactdraft", "redline", str(ROOT / "drafts" / "rev1.docx"),
                    str(ROOT / "drafts" / "rev2.docx"), "--side-by-side", "-o", str(out)], check=True, timeout=300)
    browser.get(out.as_uri())
    heads = browser.find_elements(By.CSS_SELECTOR, ".columns span")
    assert [h.text.split(" (")[-1] for h in heads[1:]] == ["deletions)", "insertions)"]
    old, new = heads[1].rect["x"], heads[2].rect["x"]
    assert old < new  # left to right for an English draft
    browser.save_screenshot(str(shots / "redline-side-by-side.png"))


def _arabic_pair() -> tuple[Path, Path]:
    folder = SC / "2024" / "Arabic"
    old = sorted(folder.glob("S_RES_2737-*.xml"))
    new = sorted(folder.glob("S_RES_2766-*.xml"))
    if not old or not new:
        pytest.skip(f"Security Council corpus not found at {SC} (it lives in ../shared beside the project)")
    return old[0], new[0]


@pytest.mark.corpus
def test_arabic_redline_reads_right_to_left(browser, tmp_path: Path, shots: Path) -> None:
    """Two UNDOF mandate renewals (S/RES/2737 and 2766 (2024)) in Arabic, read in place."""
    from selenium.webdriver.common.by import By

    old, new = _arabic_pair()
    for name, extra in (("arabic.html", []), ("arabic-sbs.html", ["--side-by-side"])):
        subprocess.run([sys.executable, "-m", "compactdraft", "redline", str(old), str(new), *extra, "-o",
                        str(tmp_path / name)], check=True, timeout=300)
    browser.get((tmp_path / "arabic.html").as_uri())
    assert browser.execute_script("return [document.documentElement.lang, getComputedStyle(document.body).direction]"
                                  ) == ["ar", "rtl"]
    changes = browser.find_elements(By.CSS_SELECTOR, "ins, del")
    assert changes and all(c.value_of_css_property("unicode-bidi") == "isolate" for c in changes[:50])
    # a deleted and an inserted number side by side stay two numbers: each its own box
    first = browser.find_element(By.CSS_SELECTOR, ".entry.changed")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", first)
    browser.save_screenshot(str(shots / "redline-arabic.png"))
    browser.get((tmp_path / "arabic-sbs.html").as_uri())
    heads = browser.find_elements(By.CSS_SELECTOR, ".columns span")
    assert heads[1].rect["x"] > heads[2].rect["x"]  # the older draft's column on the right, as Arabic reads
    assert not _console_errors(browser)
