"""The documentation site builds without a warning, and its generated and citation files are right."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_site_builds_strictly(tmp_path):
    # `make docs` runs the same build; --strict turns every warning (broken link, missing page,
    # unknown cross-reference, a page outside the nav) into a failure.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "getting_started" / "index.html").exists()
    api = (tmp_path / "site" / "api" / "theory" / "index.html").read_text()
    # re-exported names of packages with private submodules are documented under the package's name
    assert 'id="alliancelab.theory.empirical.balancing.classify"' in api


def test_every_page_is_in_the_nav():
    config = yaml.safe_load(re.sub(r"!!python/\S+ \{[^}]*\}", "null", (ROOT / "mkdocs.yml").read_text()))

    def pages(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from pages(value)
        else:
            for item in entry:
                yield from pages(item)

    nav = set(pages(config["nav"]))
    on_disk = {
        p.relative_to(ROOT / "docs").as_posix()
        for p in (ROOT / "docs").rglob("*.md")
        if not p.relative_to(ROOT / "docs").as_posix().startswith("figures/")
    }
    assert on_disk == nav


def test_data_sources_page_is_generated_from_the_specifications():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import generate_sources_docs
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    text = (ROOT / "docs" / "data_sources.md").read_text()
    assert text == generate_sources_docs.page(), "docs/data_sources.md is stale: run scripts/generate_sources_docs.py"
    assert "../shared" not in text


def test_citation_file_and_licence():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    # the keys CFF 1.2.0 requires, and the licence the package declares
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"] and cff["type"] in ("software", "dataset")
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'version = "{cff["version"]}"' in pyproject
    assert 'license = { text = "MIT" }' in pyproject and cff["license"] == "MIT"
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "the alliancelab authors" in licence
