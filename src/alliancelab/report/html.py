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
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from alliancelab.data import facts
from alliancelab.errors import DataMissingError, check_range
from alliancelab.panels.lookup import Lookup

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # COW state system, from its specification
NETWORK_OBLIGATION = "any"

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


@dataclass
class ShareableReport:
    """Everything the shareable page shows for one year (inputs of ``to_html``).

    Attributes
    ----------
    yearly : YearlyReport
        The yearly report (``report.yearly.yearly_report``).
    graph : networkx.Graph
        The year's alliance ties (ATOP 5.1, any obligation).
    blocs : dict
        ccode -> the leader of its bloc (Louvain communities).
    camps : list
        The blocs as rows (``figures.network.bloc_table``).
    polarisation : float
        Reynal-Querol polarisation over the blocs, weighted by CINC.
    decisions : pandas.DataFrame
        The year's alliance entries classified as balancing, bandwagoning or neither.
    detente : pandas.DataFrame or None
        Detente periods under way among strategic rivals (None: not computed).
    landscape : pandas.DataFrame or None, default None
        Major powers: predicted camp next to observed bloc (``landscape_against_blocs``).
    landscape_score : tuple, default ()
        ``(placed right, scored)``, or () when not computed.
    burden : pandas.DataFrame or None, default None
        Burden against size in the largest alliances in force (``burden_sharing``).
    sources : list of str
        The citations of every table.
    """

    yearly: object  # report.yearly.YearlyReport
    graph: object  # networkx Graph of the year's alliance ties
    blocs: dict  # ccode -> bloc leader
    camps: list  # figures.network.bloc_table
    polarisation: float
    decisions: pd.DataFrame  # classified entry decisions of the year
    detente: pd.DataFrame | None  # detente periods under way (None: not computed)
    landscape: pd.DataFrame | None = None  # major powers: predicted camp vs observed bloc
    landscape_score: tuple = ()  # (placed right, scored) or () when not computed
    burden: pd.DataFrame | None = None  # burden vs size in the largest alliances in force
    sources: list = field(default_factory=list)


def latest_year(warehouse=None):
    """The latest year with both capabilities (COW NMC) and alliances (ATOP memberships in force,
    ``facts.alliance_spells``) in the warehouse, at most the last system year.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    int
        The year.

    Examples
    --------
    >>> latest_year()
    2016
    """
    lookup = Lookup.get(warehouse)
    nmc = lookup.con.execute("SELECT max(year) FROM nmc").fetchone()[0]
    spells = lookup.cached(("alliance_spells",), lambda: facts.alliance_spells(lookup.table("atop_members")))
    atop = int(spells["last"].max()) if len(spells) else None
    if nmc is None or atop is None:
        raise DataMissingError("tables nmc and atop_members: no years with data; run 'alliancelab data build'")
    return int(min(nmc, atop, LAST_YEAR))


def build(year, warehouse=None, with_detente=True):
    """Compute every section of the shareable report for one year.

    Parameters
    ----------
    year : int
        A year of the state system (``facts.check_years``).
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).
    with_detente : bool, default True
        Compute the detente section (``theory.empirical.detente``).

    Returns
    -------
    ShareableReport
        The inputs of ``to_html``.

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of
    communities in large networks. *Journal of Statistical Mechanics*, P10008.

    Montalvo, J. G., & Reynal-Querol, M. (2005). Ethnic polarization, potential conflict, and civil
    wars. *American Economic Review*, 95(3), 796-816.
    """
    from alliancelab.figures import network as figures
    from alliancelab.measures import network
    from alliancelab.report import yearly
    from alliancelab.theory.empirical import balancing

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    lookup = Lookup.get(warehouse)
    built = yearly.yearly_report(year, warehouse=warehouse)
    graph = network.alliance_network(
        year, obligation=NETWORK_OBLIGATION, data=network._load_network_data(lookup.con, year, year)
    )
    blocs = network.alliance_blocs(graph)
    weights = {n: graph.nodes[n].get("cinc", np.nan) for n in graph.nodes}
    polarisation, _ = network.polarisation_index(blocs, weights)
    classified = balancing.classify(warehouse=warehouse)
    decided = classified[classified["year"] == year].reset_index(drop=True)
    periods = None
    cited = lookup.citations(["atop_dyads"]) + list(classified.attrs.get("sources", []))
    if with_detente:
        from alliancelab.theory.empirical import detente

        all_periods = detente.detente(warehouse).periods
        periods = all_periods[(all_periods["start"] <= year) & (all_periods["end"] >= year)].reset_index(drop=True)
        cited += lookup.citations(["rivalries"])
    majors = built.members.loc[built.members["major"] == 1, "ccode"].astype(int).tolist()
    landscape, score, landscape_sources = landscape_against_blocs(lookup, year, majors, blocs)
    burden, burden_sources = burden_sharing(lookup, year, built.alliances)
    cited += landscape_sources + burden_sources
    sources = list(built.sources)
    sources += [c for c in dict.fromkeys(cited) if c not in sources]
    return ShareableReport(
        built,
        graph,
        blocs,
        figures.bloc_table(graph, blocs),
        float(polarisation),
        decided,
        periods,
        landscape,
        score,
        burden,
        sources,
    )


def landscape_against_blocs(lookup, year, majors, blocs):
    """Landscape theory's predicted two camps among the major powers next to their observed blocs.

    The prediction is the global minimum of the energy with two camps (sizes CINC, default propensity
    components); the blocs come from ``measures.network``.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``panels.lookup.Lookup``).
    year : int
        The year.
    majors : list of int
        COW codes of the major powers.
    blocs : dict
        ccode -> bloc leader.

    Returns
    -------
    table : pandas.DataFrame or None
        Columns ``state``, ``predicted camp``, ``observed bloc``; None with fewer than three majors.
    score : tuple
        ``(placed right, scored)``: scored counts the majors in a bloc with another major (the others
        have no observed camp); () with fewer than three majors.
    citations : list of str
        The sources used.

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """
    from alliancelab.theory import landscape as L
    from alliancelab.theory import landscape_data as D

    if len(majors) < 3:
        return None, (), []
    system = D.build_system(" ".join(str(c) for c in majors), year, warehouse=lookup.path)
    result = L.landscape(system.sizes, system.propensity(), camps=2, names=system.names)
    codes = system.codes
    leaders = [blocs.get(c) for c in codes]
    shared = sorted({b for b in leaders if b is not None and leaders.count(b) > 1})
    actual = np.array([shared.index(b) if b in shared else -1 for b in leaders])
    right, scored, mapping = D.placed_right(result.global_minimum, actual) if (actual >= 0).any() else (0, 0, None)
    table = pd.DataFrame(
        {
            "state": system.names,
            "predicted camp": [f"camp {c}" for c in result.global_minimum],
            "observed bloc": [
                f"bloc of {lookup.abbreviation(b)}" if b in shared else "no other major in its bloc" for b in leaders
            ],
        }
    )
    return table, (right, scored), system.citations


def burden_sharing(lookup, year, alliances, top=3):
    """Burden (military spending / GDP) against size (GDP) in the largest alliances in force.

    Only alliances with at least three members with data are tested (``theory.empirical.burden``; COW NMC
    spending, Maddison GDP).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``panels.lookup.Lookup``).
    year : int
        The year.
    alliances : pandas.DataFrame
        Alliances in force (``report.yearly.alliances_in_force``).
    top : int, default 3
        Alliances tested, largest first.

    Returns
    -------
    table : pandas.DataFrame
        Columns ``ATOP id``, ``members``, ``with data``, ``Spearman rho``, ``p-value``,
        ``largest burden``.
    citations : list of str
        The sources used.

    References
    ----------
    Olson, M., & Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics and
    Statistics*, 48(3), 266-279.
    """
    from alliancelab.theory.empirical import burden as bd

    rows, citations = [], []
    for alliance in alliances.sort_values(["size", "atopid"], ascending=[False, True]).itertuples():
        if len(rows) >= top:
            break
        found = bd.burden_test(int(alliance.atopid), year, year, spending="cow", warehouse=lookup.path)
        table, panel = found.table, found.panel
        used = panel[panel["status"] == "used"]
        if table.empty or len(used) < 3 or pd.isna(table["rho"].iloc[0]):
            continue
        heaviest = used.sort_values("burden", ascending=False).iloc[0]
        rows.append(
            {
                "ATOP id": int(alliance.atopid),
                "members": int(alliance.size),
                "with data": len(used),
                "Spearman rho": float(table["rho"].iloc[0]),
                "p-value": float(table["p_value"].iloc[0]),
                "largest burden": str(lookup.abbreviation(int(heaviest["ccode"]))),
            }
        )
        citations += [c for c in table.attrs.get("citations", []) if c not in citations]
    return pd.DataFrame(rows), citations


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
