"""Write docs/data_sources.md from the source specifications in ``alliancelab.data.sources``.

Every source the warehouse reads, with its version, citation, where to download it, its file name
in the data folder and the years it covers. Nothing on the page is typed by hand.

Usage: python scripts/generate_sources_docs.py
"""

from pathlib import Path

from alliancelab.data.sources import SOURCES

PAGE = Path(__file__).resolve().parents[1] / "docs" / "data_sources.md"

INTRO = """# Data sources

alliancelab ships no data. `alliancelab data build` reads the files below from the data folder
(`--data DIR`, else `$ALLIANCELAB_DATA`, else the default folder `alliancelab data build --help`
names), checks each against its specification (columns, types, keys, state codes, year coverage,
bounds) and loads it into the warehouse. `alliancelab data status` shows the versions loaded. Cite
the sources of any result you publish: every table alliancelab writes lists them
(`<file>.sources.txt` and the Parquet metadata).

This page is generated from the specifications in `alliancelab.data.sources` by
`scripts/generate_sources_docs.py`.

{count} source files.

| table | file in the data folder | version | years | where to get it |
|---|---|---|---|---|
"""


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def _years(source):
    first, last = source.coverage
    if first is None and last is None:
        return ""
    return f"{'' if first is None else first}-{'' if last is None else last}"


def page():
    """Return the Markdown of the data-sources page."""
    lines = [INTRO.format(count=len(SOURCES))]
    for s in SOURCES:
        lines.append(f"| `{s.name}` | `{s.path}` | {_cell(s.version)} | {_years(s)} | {_cell(s.published_at)} |\n")
    lines.append("\n## Citations\n\n")
    for s in SOURCES:
        lines.append(f"- `{s.name}`: {_cell(s.citation)}\n")
    return "".join(lines)


if __name__ == "__main__":
    PAGE.write_text(page())
    print(f"wrote {PAGE} ({len(SOURCES)} sources)")
