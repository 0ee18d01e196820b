"""The README cites each paper as its seed text gives it: every author and title it names is in that
text (so nothing is guessed), and what the text does not give is said to be missing."""

from __future__ import annotations

import re

from conftest import PROJECT_ROOT, require_shared


def citation_rows() -> list[list[str]]:
    section = (
        (PROJECT_ROOT / "README.md")
        .read_text(encoding="utf-8")
        .split("### The papers", 1)[1]
        .split("\n## ", 1)[0]
    )
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in section.splitlines()
            if re.match(r"\| 00\d ", line)]


def normalised(text: str) -> str:
    """Without spaces (the seeds pad names with full-width spaces) and with ASCII commas."""
    return re.sub(r"[\s\u3000]+", "", text).replace("，", ",")


def test_each_paper_is_cited_by_what_its_seed_text_gives() -> None:
    rows = citation_rows()
    assert [row[0][:3] for row in rows] == ["000", "001", "002", "003", "004"]
    for seed, authors, title, journal in rows:
        name = re.search(r"`(\d{3}_[0-9a-f]+\.txt)`", seed).group(1)
        text = normalised(require_shared(f"seeds/{name}").read_text(encoding="utf-8"))
        assert journal == "not given in the text"
        for cited in (authors, title):
            if cited.startswith("not given in the text"):
                continue
            # What is cited, less our own explanations in parentheses, is printed in the seed.
            for part in re.split(r"\s*\((?:English title: )?|\)\s*", cited):
                words = [w for w in re.split(r"、|, (?=[A-Z])", part)
                         if w and not w.startswith(("as romanised", "English title;", "the Chinese title"))]
                for word in words:
                    assert normalised(word) in text, (name, word)


def test_the_readme_is_a_quick_start_that_links_its_guides() -> None:
    """The README stays short (quick start, what is real, layout, links); the references live in docs/."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 200
    assert text.startswith("# opening_up\n\n```sh\nmake build")
    assert "\nmake test" in text.split("```", 2)[1]
    links = re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", text)
    assert {"docs/methods.md", "docs/data.md", "docs/refresh.md", "docs/bi.md", "DEVELOPERS.md"} <= set(links)
    assert all((PROJECT_ROOT / link).is_file() for link in links)
