"""Page bodies of the home, report, threat and similarity pages: each calls the library and returns
(HTML fragment, whether it has Plotly figures).
"""

import numpy as np
import pandas as pd

from alliancelab.errors import (
    ParameterError,
    check_choice,
    check_range,
)
from alliancelab.web import pages
from alliancelab.web.app._serving import FIRST_YEAR, LAST_YEAR, MAX_PAIRS

# ----------------------------------------------------------------------------------------------
# Page bodies: each calls the library and returns (HTML fragment, whether it has Plotly figures)
# ----------------------------------------------------------------------------------------------


def home_body(warehouse):
    """Body of the home page: what the dashboard shows and the warehouse's data sources.

    Parameters
    ----------
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    markupsafe.Markup
        The page's HTML fragment.
    """
    from alliancelab.data import warehouse as wh

    sources = wh.status(warehouse)
    sources["years"] = [
        "" if pd.isna(a) else f"{int(a)}-{int(b)}" for a, b in zip(sources["first_year"], sources["last_year"])
    ]
    sources["rows"] = sources["rows"].astype(int)
    parts = [
        pages.paragraph(
            "alliancelab studies military alliances with data and models: a DuckDB warehouse of "
            "the standard data sets (COW, ATOP, GML, CShapes distances, rivalries, SIPRI, "
            "Maddison), state-year and dyad-year panels, measures (capabilities, balance of "
            "threat, alliance-portfolio similarity, networks), tests of alliance theories, and an "
            "agent-based simulation of balancing, bandwagoning, buck-passing and detente. This "
            "dashboard calls the same functions as the alliancelab command line."
        ),
        pages.heading("Pages"),
        pages.Markup(
            "<ul>"
            f"<li>{pages.link('/report?year=1914', 'Yearly report')}: members, capabilities, "
            "alliances in force and new, top threats, similar pairs, sources (e.g. 1914).</li>"
            f"<li>{pages.link('/threat?year=1913&top=15', 'Threat map')}: Walt's balance of threat "
            "among the strongest states, and the major powers' top threats.</li>"
            f"<li>{pages.link('/similarity?pairs=USA-RUS,FRN-GMY&measure=s_weighted', 'Portfolio similarity')}"
            ": Signorino-Ritter S, tau-b, kappa or pi between pairs of states over time.</li>"
            f"<li>{pages.link('/simulation', 'Simulation')}: run the agent-based model with your "
            "parameters and seed, see its time series and final map.</li>"
            f"<li>{pages.link('/network?year=1914', 'Alliance network')}: the ties of a year, blocs "
            "coloured, with a year slider.</li>"
            f"<li>{pages.link('/alignments', 'Alignments')}: every alliance-entry decision classified "
            "as balancing, bandwagoning or neither, with its reason; filter by era, region, label.</li>"
            f"<li>{pages.link('/landscape', 'Landscape')}: Axelrod and Bennett's local minima, basins "
            "and predicted camps for the states and year you choose.</li>"
            f"<li>{pages.link('/deterrence', 'Deterrence game')}: equilibria of extended deterrence "
            "with a third-party ally for your parameters.</li>"
            f"<li>{pages.link('/profile?a=USA&b=ROK', 'Dyad profile')}: two states over time.</li>"
            f"<li>{pages.link('/burden', 'Burden sharing')}: Olson and Zeckhauser's exploitation "
            "test year by year.</li></ul>"
        ),
        pages.heading(f"Data sources in the warehouse ({len(sources)})"),
        pages.table(sources, columns=["name", "file", "version", "rows", "years", "citation"]),
    ]
    return pages.Markup("").join(parts)


def report_body(year, warehouse):
    """Body of the yearly report page.

    Parameters
    ----------
    year : int
        The year of the report.
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.report import yearly

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    built = yearly.yearly_report(year, warehouse=warehouse)
    text = yearly.to_markdown(built, warehouse=warehouse)
    members = built.members.dropna(subset=["cinc"]).head(15)
    fig = go.Figure(
        go.Bar(
            x=members["stateabb"],
            y=members["cinc"],
            marker_color=np.where(members["major"] == 1, "#1f3a5f", "#9fb3cc"),
            hovertext=members["name"],
        )
    )
    fig.update_layout(
        title=f"CINC of the 15 strongest states in {year} (dark: major powers; COW NMC)",
        yaxis_title="CINC (share of system capabilities)",
        template="plotly_white",
        height=340,
        margin={"t": 50, "b": 40},
    )
    share = pages.Markup(
        f"<p>{pages.link(f'/report/share?year={year}', 'Open the shareable page')}: one "
        "self-contained file with interactive figures, the network and its blocs, the "
        "classification of the year's alliances, detente and burden sharing; it works offline "
        "and prints cleanly (save it with the browser).</p>"
    )
    body = pages.Markup("").join([share, pages.figure(fig, "report-cinc"), pages.markdown(_shift_headings(text))])
    return body, True


def _shift_headings(text):
    """The page already has the report title as <h1>: drop the Markdown's own top heading."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


def threat_body(year, top, warehouse, lookup):
    """Body of the threat-map page: the strongest states of a year and their threat scores.

    Parameters
    ----------
    year : int
        The year.
    top : int
        How many of the strongest states to show (2-60).
    warehouse : path or None
        The warehouse (None: the configured one).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.measures import capabilities, threat

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_range("top", top, 2, 60)
    shares = capabilities.capability_shares(year, year, warehouse=warehouse)
    strongest = shares.dropna(subset=["cinc"]).sort_values("cinc", ascending=False).head(top)
    codes = strongest["ccode"].astype(int).tolist()
    labels = [str(a) for a in strongest["stateabb"]]
    scores = threat.threat_scores(year, year, warehouse=warehouse)
    matrix = (
        scores[scores["ccode1"].isin(codes) & scores["ccode2"].isin(codes)]
        .pivot(index="ccode1", columns="ccode2", values="threat")
        .reindex(index=codes, columns=codes)
    )
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=labels,
            y=labels,
            colorscale="Reds",
            zmin=0,
            zmax=1,
            colorbar={"title": "threat"},
            hovertemplate="threat of %{x} to %{y}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Threat of the column state to the row state, {year} ({len(codes)} strongest by CINC)",
        xaxis_title="threat from",
        yaxis_title="threatened state",
        yaxis_autorange="reversed",
        template="plotly_white",
        height=max(420, 28 * len(codes) + 160),
    )
    majors = shares.loc[shares["major"] == 1, "ccode"].astype(int).tolist()
    ranked = threat.top_threats(year, k=3, warehouse=warehouse)
    ranked = ranked[ranked["ccode1"].isin(majors)]
    rows = []
    for ccode, group in ranked.groupby("ccode1", sort=True):
        row = {"state": str(lookup.abbreviation(ccode)), "name": lookup.name(ccode)}
        for item in group.sort_values("rank").itertuples():
            row[f"threat {item.rank}"] = str(lookup.abbreviation(item.ccode2))
            row[f"score {item.rank}"] = float(item.threat)
        rows.append(row)
    summary = pd.DataFrame(rows)
    components = ranked.assign(
        state=[str(lookup.abbreviation(c)) for c in ranked["ccode1"]],
        threat_from=[str(lookup.abbreviation(c)) for c in ranked["ccode2"]],
    )
    parts = [
        pages.figure(fig, "threat-map"),
        pages.heading(f"Top threats of the major powers in {year}"),
        pages.table(summary) if len(summary) else pages.paragraph("No major powers coded this year."),
        pages.heading("Components of those threats"),
        pages.table(
            components,
            columns=["state", "rank", "threat_from", "threat", "power", "proximity", "offensive", "intentions"],
        ),
        pages.paragraph(
            "threat = weighted mean of power (1), proximity (1), offensive capability (0.5) and "
            "aggressive intentions (2) over the available components (Walt 1985, 1987); see "
            "the documentation page on capabilities and threat.",
            "note",
        ),
        pages.heading("Sources"),
        pages.Markup(
            "<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in lookup.citations(threat.THREAT_SOURCES)) + "</ul>"
        ),
    ]
    return pages.Markup("").join(parts), True


def similarity_body(pairs_text, measure, start, end, lookup):
    """Body of the portfolio-similarity page: a similarity measure between chosen pairs over years.

    Parameters
    ----------
    pairs_text : str
        Pairs such as ``"USA-RUS, France-Germany"`` (codes, abbreviations or names) (at most ``MAX_PAIRS``).
    measure : str
        A measure of ``alliancelab.measures.similarity.MEASURES``.
    start, end : int
        First and last year.
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup.

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.measures import portfolios, similarity
    from alliancelab.measures.similarity._api import _pair_similarity

    check_choice("measure", measure, similarity.MEASURES)
    portfolios.check_years(start, end)
    pairs = lookup.parse_pairs(pairs_text)
    if len(pairs) > MAX_PAIRS:
        raise ParameterError(f"argument pairs: {len(pairs)} pairs given; at most {MAX_PAIRS} are drawn at once")
    # the portfolios of every year are built once per process (one entry: bounded) and read for any span
    loaded = lookup.cached("web_portfolios_either", lambda: portfolios._load_portfolios(lookup.con))
    fig = go.Figure()
    rows = []
    for a, b in pairs:
        label = f"{lookup.abbreviation(a)}-{lookup.abbreviation(b)}"
        frame = _pair_similarity(a, b, start, end, [measure], con=lookup.con, portfolios=loaded)
        series = frame.set_index("year")[measure].reindex(range(start, end + 1))
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                mode="lines+markers",
                marker={"size": 3},
                name=label,
                connectgaps=False,
            )
        )
        values = frame[measure].dropna()
        rows.append(
            {
                "pair": label,
                "years with both members": len(frame),
                "first year": int(frame["year"].min()) if len(frame) else None,
                "last year": int(frame["year"].max()) if len(frame) else None,
                "mean": float(values.mean()) if len(values) else None,
                "min": float(values.min()) if len(values) else None,
                "max": float(values.max()) if len(values) else None,
                f"in {end}": float(series.iloc[-1]) if not pd.isna(series.iloc[-1]) else None,
            }
        )
    fig.update_layout(
        title=f"{measure} between selected pairs, {start}-{end} (ATOP 5.1, COW states)",
        xaxis_title="year",
        yaxis_title=measure,
        yaxis_range=[-1.05, 1.05],
        template="plotly_white",
        height=460,
    )
    names = ["atop_dyads", "states"] + (["nmc"] if "weighted" in measure and "unweighted" not in measure else [])
    parts = [
        pages.figure(fig, "similarity"),
        pages.table(pd.DataFrame(rows)),
        pages.paragraph(
            "Gaps are years in which either state is not a COW system member (e.g. Germany "
            "1946-1989). S: Signorino & Ritter 1999; tau-b: Bueno de Mesquita 1975; kappa, pi: "
            "Haege 2011; see docs/similarity.md.",
            "note",
        ),
        pages.heading("Sources"),
        pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in lookup.citations(names)) + "</ul>"),
    ]
    return pages.Markup("").join(parts), True
