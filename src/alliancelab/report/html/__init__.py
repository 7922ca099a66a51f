"""The shareable yearly report: one self-contained HTML page (``alliancelab report YEAR --html FILE``).

The page works offline: plotly.js is embedded inline once (from the installed plotly package, no
CDN) and every figure is an interactive Plotly div; the style sheet is inline and has print rules
(``@media print``) so the browser's "Print to PDF" gives a clean document. Sections:

1. poles and concentration (``measures.capabilities.system_structure``: Ray-Singer CON, poles);
2. capability shares (COW NMC CINC);
3. the alliance network with its blocs (``measures.network``: ATOP 5.1 ties, Louvain blocs,
   Reynal-Querol polarisation);
4. each major power's top threats (``measures.threat.top_threats``);
5. alliances in force and the alliances formed that year, each member's decision classified as
   balancing, bandwagoning or neither with its reason (``theory.empirical.balancing.classify``);
6. detente under way among strategic rivals (``theory.empirical.detente``), when asked for;
7. the sources of every table.

Layout of this package (the public names are re-exported here; import ``alliancelab.report.html``):
``_content`` (what the page holds: ``ShareableReport`` and ``build``, with the landscape and burden sections) and
``_render`` (the style sheet and ``to_html``).
"""

from alliancelab.report.html._content import (
    FIRST_YEAR,
    LAST_YEAR,
    NETWORK_OBLIGATION,
    ShareableReport,
    build,
    burden_sharing,
    landscape_against_blocs,
    latest_year,
)
from alliancelab.report.html._render import STYLE, to_html

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "NETWORK_OBLIGATION",
    "STYLE",
    "ShareableReport",
    "build",
    "burden_sharing",
    "landscape_against_blocs",
    "latest_year",
    "to_html",
]
