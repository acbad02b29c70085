"""The dashboard in headless Debian Chromium (Playwright), against a live server on loopback.

Never downloads a browser: uses /usr/bin/chromium (Debian package `chromium`)
and skips with the reason when it is missing. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.web.conftest import ROOT, SEED

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SHOTS = ROOT / "docs" / "screenshots"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium)",
                allow_module_level=True)
if not (ROOT / "src" / "lagebild" / "web" / "static" / "index.html").is_file():
    pytest.skip("dashboard not built (cd frontend && npm ci && npm run build)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: None if req.url.startswith(live_server.url) or req.url.startswith("data:")
            else errors.append(f"external request: {req.url}"))
    page.allowed_errors = []  # substrings of console errors a test expects
    yield page
    context.close()
    errors = [e for e in errors if not any(a in e for a in page.allowed_errors)]
    assert not errors, errors


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


def _seed_id(live_server) -> str:
    import httpx

    hits = httpx.get(f"{live_server.url}/api/articles", params={"q": "Tillerson Pjöngjang"}).json()["items"]
    return hits[0]["id"]


def test_article_list_and_search(page):
    page.goto("/")
    page.wait_for_selector("#articles tbody tr")
    assert page.locator("#articles tbody tr").count() >= 8
    page.fill("#search", "Nordkorea")
    page.press("#search", "Enter")
    page.wait_for_selector("text=Suche: Nordkorea")
    rows = page.locator("#articles tbody tr")
    assert rows.count() >= 1
    rows.first.locator("a").click()
    page.wait_for_selector("#doc-text")


@pytest.mark.skipif(not SEED.is_file(), reason="seed article ../shared/examples/tagesschau-2017-08-17.txt missing")
def test_reader_highlights_seed_article(page, live_server):
    page.goto(f"/#/article/{_seed_id(live_server)}")
    page.wait_for_selector("#doc-text mark.trigger")
    assert page.locator("#doc-title").inner_text() == "USA und Japan Zusammenrücken gegen Kim"
    assert page.locator("#doc-text mark.ent-PER").count() >= 3
    assert page.locator("#doc-text mark.ent-GPE").count() >= 5
    assert page.locator("#doc-text mark.q-msg").count() >= 1
    assert page.locator("#doc-text mark.q-cue").count() >= 1
    assert page.locator("#doc-text mark.q-speaker").count() >= 1
    speakers = page.locator("#doc-text mark.q-speaker").all_inner_texts()
    assert "Tillerson" in speakers
    cards = page.locator(".side li.event")
    assert cards.count() == page.evaluate(
        "() => new Set([...document.querySelectorAll('#doc-text mark.trigger')].map(m => m.dataset.event)).size")
    cards.first.click()
    assert page.locator("#doc-text mark.trigger.focus").count() >= 1
    _shot(page, "reader.png")


def test_reader_marks_only_the_pieces_of_split_spans(page, live_server):
    """`kamen … zusammen`: the pieces are highlighted, the words between them are not."""
    import httpx

    checked = 0
    for item in httpx.get(f"{live_server.url}/api/articles", params={"limit": 100}).json()["items"]:
        record = httpx.get(f"{live_server.url}/api/articles/{item['id']}").json()
        split = [(i, e["trigger"]) for i, e in enumerate(record["events"]) if len(e["trigger"].get("parts") or []) > 1]
        if not split:
            continue
        page.goto(f"/#/article/{item['id']}")
        page.wait_for_selector("#doc-text mark.trigger")
        for i, trigger in split:
            marked = "".join(page.locator(f'#doc-text mark.trigger[data-event="{i}"]').all_inner_texts())
            pieces = "".join(p["text"] for p in trigger["parts"])
            assert marked.replace(" ", "") == pieces.replace(" ", ""), (trigger, marked)
            checked += 1
    assert checked >= 1, "no split trigger in the examples"


def test_timeline_filters_and_click_to_article(page):
    page.goto("/#/timeline")
    page.wait_for_selector("#timeline-chart")
    page.wait_for_function("() => window.__timelineChart && window.__timelineChart.data.labels.length > 0")
    _shot(page, "timeline.png")
    # filters: stack by quad class, then by a single type
    page.select_option("#timeline-filters select[name=by]", "quad")
    page.click("#timeline-filters button")
    page.wait_for_function("() => location.hash.includes('by=quad')")
    page.wait_for_function("() => window.__timelineChart && window.__timelineChart.data.datasets"
                           ".some(d => d.label === 'verbal cooperation' || d.label === 'verbal conflict')")
    page.select_option("#timeline-filters select[name=by]", "type")
    page.select_option("#timeline-filters select[name=type]", "THREATEN")
    page.click("#timeline-filters button")
    page.wait_for_function("() => location.hash.includes('type=THREATEN')")
    page.wait_for_function("() => window.__timelineChart && window.__timelineChart.data.datasets"
                           ".filter(d => d.type === 'bar').every(d => d.label === 'THREATEN')")
    # click the first bar → the events of that period → the article, with the trigger highlighted
    box = page.evaluate("""() => { const c = window.__timelineChart; const bar = c.getDatasetMeta(0).data[0];
                                   const r = c.canvas.getBoundingClientRect();
                                   return {x: r.left + bar.x, y: r.top + (bar.y + bar.base) / 2}; }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_selector("#bucket-list li.event")
    assert all(t == "THREATEN" for t in page.locator("#bucket-list .badge").all_inner_texts())
    page.locator("#bucket-list a.article-link").first.click()
    page.wait_for_selector("#doc-text mark.trigger.focus")
    focused = page.locator("#doc-text mark.trigger.focus").first.inner_text()
    assert focused.strip()
    assert page.locator(".side li.event.focus .badge").inner_text() == "THREATEN"


def test_network_click_actor(page):
    page.goto("/#/network")
    page.wait_for_function("() => window.__cy && window.__cy.nodes().length > 1")
    pos = page.evaluate("""() => { const n = window.__cy.getElementById('USA'); const p = n.renderedPosition();
                                   const r = window.__cy.container().getBoundingClientRect();
                                   return {x: r.left + p.x, y: r.top + p.y}; }""")
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_selector("#actor-title")
    assert page.locator("#actor-title").inner_text().startswith("USA:")
    assert page.locator("#actor-panel li.event").count() >= 1
    _shot(page, "network.png")
    page.fill("#network-filters input[name=min_count]", "2")
    page.click("#network-filters button")
    page.wait_for_function("() => location.hash.includes('min_count=2')")
    page.wait_for_function("() => window.__cy && window.__cy.edges().every(e => e.data('count') >= 2)")


def test_quote_explorer_filters(page):
    page.goto("/#/quotes")
    page.wait_for_selector("#quotes tbody tr")
    page.fill("#quote-filters input[name=speaker]", "Tillerson")
    page.click("#quote-filters button")
    page.wait_for_function("() => location.hash.includes('speaker=Tillerson')")
    # the hash changes before the filtered table replaces the old one: wait for the new rows
    page.wait_for_function("() => { const c = [...document.querySelectorAll('#quotes td.speaker')];"
                           " return c.length > 0 && c.every(td => td.textContent.includes('Tillerson')); }")
    speakers = page.locator("#quotes td.speaker").all_inner_texts()
    assert speakers and all("Tillerson" in s for s in speakers)
    _shot(page, "quotes.png")


def test_paste_and_analyse(page):
    page.goto("/#/analyze")
    text = (SEED.read_text(encoding="utf-8") if SEED.is_file()
            else "Gipfel in Paris\n\nDie Staats- und Regierungschefs trafen sich am Montag in Paris.")
    page.fill("#paste", text)
    page.click("#analyze-btn")
    page.wait_for_selector("#analysis #doc-text")
    assert page.locator("#analysis #doc-title").inner_text()
    _shot(page, "analyze.png")


def test_bad_route_shows_error_not_crash(page):
    page.allowed_errors.append("status of 404")
    page.goto("/#/article/does-not-exist")
    page.wait_for_selector("#app .error")
    assert "no article" in page.locator("#app .error").inner_text()
