"""The shareable report rendered: one self-contained HTML page with inline plotly.js, style sheet and print
rules.
"""

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from alliancelab.panels.lookup import Lookup

STYLE = """
body { font-family: Georgia, "Times New Roman", serif; color: #1d2330; max-width: 1050px; margin: 0 auto;
       padding: 1rem 1.5rem 3rem; line-height: 1.5; }
h1 { font-size: 1.8rem; border-bottom: 3px solid #1f3a5f; padding-bottom: 0.3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #c9d0db; color: #1f3a5f; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.88rem; font-family: system-ui, sans-serif; }
th, td { border: 1px solid #c9d0db; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.lead { font-size: 1.05rem; }
.note { color: #5a6476; font-size: 0.88rem; }
.figure { margin: 0.6rem 0; border: 1px solid #e1e5ec; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
ol.sources li { font-size: 0.85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  table, .figure, section { page-break-inside: avoid; break-inside: avoid; }
  .figure { border: 0; }
  .modebar-container, .no-print { display: none !important; }
  a { color: inherit; text-decoration: none; }
}
"""


def _table(frame, digits=3):
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for value in values:
            if hasattr(value, "item") and not isinstance(value, str):
                value = value.item()
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append("<td></td>")
            elif isinstance(value, float):
                cells.append(f'<td class="num">{value:.{digits}f}</td>')
            elif isinstance(value, int) and not isinstance(value, bool):
                cells.append(f'<td class="num">{value}</td>')
            else:
                cells.append(f"<td>{escape(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figure(fig, element_id):
    # drawn once at the page's width and the layout's height, not resized afterwards: a printed page
    # (or a resized window) keeps the figure as drawn instead of re-laying it out mid-print
    height = f"{int(fig.layout.height or 450)}px"
    return (
        '<div class="figure">'
        + fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=element_id,
            default_height=height,
            default_width="100%",
            config={"displaylogo": False, "responsive": False},
        )
        + "</div>"
    )


def _section(element_id, title, *parts):
    return f'<section id="{element_id}"><h2>{escape(title)}</h2>' + "".join(parts) + "</section>"


def _p(text, css=None):
    return f'<p class="{css}">{escape(text)}</p>' if css else f"<p>{escape(text)}</p>"


def to_html(result, warehouse=None):
    """The self-contained HTML page for a shareable report.

    Parameters
    ----------
    result : ShareableReport
        The report (``build``).
    warehouse : str or pathlib.Path, optional
        The warehouse file, for state names.

    Returns
    -------
    str
        The page: plotly.js inline, interactive figures, print style sheet, sources.
    """
    from plotly.offline import get_plotlyjs

    from alliancelab.figures import network as figures

    lookup = Lookup.get(warehouse)
    built = result.yearly
    year = built.year
    s = built.structure

    def abb(code):
        return str(lookup.abbreviation(int(code)) or code)

    majors = built.members[built.members["major"] == 1]
    lead = (
        f"In {year} the system had {int(s['states'])} members, {int(s['majors'])} of them major powers "
        f"({', '.join(majors['name'])}). "
    )
    poles = (
        f"Concentration of capabilities among the major powers (Ray-Singer CON) was {s['con']:.3f}; "
        f"{int(s['poles_share_rule'])} states held at least 10% of the system's capabilities "
        f"({s['poles_effective']:.2f} effective poles) and the three strongest held {s['top3_share']:.1%}."
    )
    shares = built.members.head(15).assign(major=lambda f: np.where(f["major"] == 1, "yes", ""))
    shares = shares.rename(columns={"stateabb": "code", "cinc": "CINC"})[["name", "code", "major", "CINC", "region"]]

    camps = pd.DataFrame(
        [
            {"bloc": f"bloc of {c['leader_abb']}", "members": c["members"], "states": c["size"], "CINC": c["cinc"]}
            for c in result.camps
        ]
    )
    network_text = (
        f"{result.graph.number_of_nodes()} states, {result.graph.number_of_edges()} alliance ties "
        f"(any ATOP obligation in either direction). {len(result.camps)} blocs of two or more "
        f"states (Louvain communities); polarisation (Reynal-Querol over the blocs' CINC shares) "
        f"{result.polarisation:.3f}."
    )
    network_fig = figures.network_figure(
        result.graph, result.blocs, f"Alliance network {year}: blocs coloured, dot size ~ CINC"
    )

    threats = built.threats.assign(
        state=[abb(c) for c in built.threats["ccode1"]], threat_from=[abb(c) for c in built.threats["ccode2"]]
    )
    threats = threats[["state", "rank", "threat_from", "threat", "power", "proximity", "intentions"]]

    new = built.new_alliances
    decisions = result.decisions
    rows = []
    for d in decisions.itertuples():
        rows.append(
            {
                "ATOP id": int(d.atopid),
                "state": d.stateabb,
                "label": d.label,
                "top threat": d.jstar_abb,
                "threat the label refers to": d.target_abb,
                "reason": d.reason,
            }
        )
    decided = pd.DataFrame(rows)
    if len(new):
        new_text = (
            f"{len(new)} alliances were signed in {year}; each member's decision to join is classified "
            "by the balance-of-threat rule: balancing when its top threats stay outside the alliance "
            "and are named in the treaty or shared with a partner, bandwagoning when it allies with "
            "the threat, neither otherwise."
        )
    else:
        new_text = f"No alliance was signed in {year} (ATOP)."
    if len(decided) and not len(new):
        new_text += f" {len(decided)} states joined existing alliances that year."

    parts = [
        _section("structure", "Poles and concentration", f'<p class="lead">{escape(lead + poles)}</p>'),
        _section(
            "capabilities",
            "Capability shares",
            _figure(figures.capability_figure(built.members, year), "figure-capabilities"),
            _table(shares, 4),
        ),
        _section(
            "network",
            "The alliance network and its blocs",
            _p(network_text),
            _figure(network_fig, "figure-network"),
            _table(camps) if len(camps) else _p("No two states were allied this year: there are no blocs."),
        ),
        _section(
            "threats",
            "Each major power's top threats",
            _table(threats) if len(threats) else _p("No threat scores for the major powers this year."),
            _p(
                "threat = weighted mean of power, proximity, offensive capability and aggressive "
                "intentions (Walt 1987).",
                "note",
            ),
        ),
        _section(
            "alliances",
            f"Alliances formed in {year}",
            _p(new_text),
            _table(new[["atopid", "members", "obligations"]].rename(columns={"atopid": "ATOP id"})) if len(new) else "",
            _table(decided) if len(decided) else "",
        ),
        _section(
            "in-force",
            f"Alliances in force ({len(built.alliances)})",
            _table(
                built.alliances[["atopid", "begyr", "members", "obligations"]].rename(
                    columns={"atopid": "ATOP id", "begyr": "signed"}
                )
            )
            if len(built.alliances)
            else _p("No alliance in force this year."),
        ),
    ]
    if result.landscape is not None:
        right, scored = result.landscape_score
        verdict = (
            f"The prediction places {right} of the {scored} majors that share a bloc with another major as observed."
            if scored
            else "No two majors share a bloc this year, so nothing is scored."
        )
        parts.append(
            _section(
                "landscape",
                "Landscape prediction against the actual camps",
                _p(
                    "Axelrod and Bennett's landscape theory: the alignment of the major powers into two "
                    "camps with the lowest energy (sizes: CINC; propensities: alliances, rivalries, "
                    "disputes and the other default components), next to the blocs of the network "
                    "above. " + verdict
                ),
                _table(result.landscape),
            )
        )
    if result.burden is not None:
        body = (
            (
                _table(result.burden)
                + _p(
                    "Olson and Zeckhauser's exploitation hypothesis predicts a positive "
                    "rank correlation of burden (military spending / GDP) with GDP among "
                    "allies.",
                    "note",
                )
            )
            if len(result.burden)
            else _p(
                f"No alliance in force in {year} has three or more members with both military spending (COW) and "
                "GDP (Maddison), so burden sharing cannot be measured."
            )
        )
        parts.append(_section("burden", "Burden sharing in the main alliances", body))
    if result.detente is not None:
        periods = result.detente
        if len(periods):
            rivals = [f"{abb(a)}-{abb(b)}" for a, b in zip(periods["ccode1"], periods["ccode2"])]
            frame = pd.DataFrame(
                {
                    "rivals": rivals,
                    "from": periods["start"].astype(int),
                    "to": periods["end"].astype(int),
                    "peak tension": periods["peak"],
                    "lowest tension": periods["low"],
                }
            )
            body = _p(
                f"{len(periods)} strategic rivalries were in a period of detente in {year} (tension "
                "falling well below its earlier peak):"
            ) + _table(frame)
        else:
            body = _p(f"No strategic rivalry was in a period of detente in {year}.")
        parts.append(_section("detente", "Detente under way", body))
    parts.append(
        _section(
            "sources",
            "Sources",
            '<ol class="sources">' + "".join(f"<li>{escape(c)}</li>" for c in result.sources) + "</ol>",
        )
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>The alliance system in {year} - alliancelab</title>\n<style>{STYLE}</style>\n"
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>\n"
        f"<h1>The alliance system in {year}</h1>\n"
        f'<p class="note">Generated by alliancelab from the data sources listed at the end.</p>\n'
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
    return Markup(page)
