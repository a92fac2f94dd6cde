"""Render README's picture, ``docs/timeline.png``: the events timeline of notebook 01 on the seeds.

    .venv/bin/python docs/make_timeline_png.py

Builds the figure with the same library calls as notebook 01, writes it as a
self-contained HTML page and takes a screenshot with Debian's headless Chromium
(``/usr/bin/chromium``) through Playwright.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    from playwright.sync_api import sync_playwright

    import diplolib
    from diplolib import actors
    from diplolib.analysis import tables
    from diplolib.plots import events as event_plots

    corpus = diplolib.load_corpus(ROOT / "data" / "raw", cache=ROOT / "data" / "annotations", quiet=True)
    table = tables(corpus)["events"]()
    names = actors.gazetteer().actors["name"].to_dict()
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    fig = event_plots.events_timeline_figure(table, names, texts, 2015, 2025)
    fig.update_layout(width=1100, height=560)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "timeline.html"
        fig.write_html(page, include_plotlyjs=True, full_html=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            tab = browser.new_page(viewport={"width": 1120, "height": 580})
            tab.goto(page.as_uri())
            tab.wait_for_selector(".main-svg")
            tab.screenshot(path=str(ROOT / "docs" / "timeline.png"))
            browser.close()
    print(f"wrote {ROOT / 'docs' / 'timeline.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
