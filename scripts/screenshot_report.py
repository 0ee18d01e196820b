"""Screenshots of the HTML report as a reader sees it: every figure at 1400 px in headless Chromium,
and the page in print (a PDF, and each figure under print media at A4 width), for looking at after a
change to the report (`make report` first; Chromium from `make browser`).

    .venv/bin/python scripts/screenshot_report.py [reports/index.html] [reports/screenshots/review]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


def main(report: Path, out: Path) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshot_report: Chromium is not installed (`make browser`)", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        for media, width in (("screen", 1400), ("print", A4_WIDTH_PX)):
            page = browser.new_page(viewport={"width": width, "height": 1000})
            page.emulate_media(media=media)
            page.goto(report.resolve().as_uri())
            page.wait_for_load_state("load")
            for figure in page.locator("figure").all():
                figure_id = figure.get_attribute("id")
                figure.screenshot(path=str(out / f"{media}-{figure_id}.png"))
            if media == "print":
                page.pdf(path=str(out / "report.pdf"), format="A4", print_background=True)
            page.close()
        browser.close()
    print(f"screenshot_report: {len(list(out.glob('*.png')))} screenshots and report.pdf in {out}")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sys.exit(main(Path(arguments[0]) if arguments else Path("reports/index.html"),
                  Path(arguments[1]) if len(arguments) > 1 else Path("reports/screenshots/review")))
