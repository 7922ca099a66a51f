"""Page bodies of the record: one dyad over time, the burden-sharing test, the shareable yearly report."""

from functools import lru_cache

import numpy as np

from alliancelab.errors import ParameterError, check_range
from alliancelab.web import pages
from alliancelab.web.pages_theory._common import FIRST_YEAR, LAST_YEAR, _sources

# ----------------------------------------------------------------------------------------------
# Dyad profile
# ----------------------------------------------------------------------------------------------


def profile_body(a, b, warehouse, lookup):
    """Body of the dyad-profile page: capabilities, similarity, alliance and common threats of a pair.

    Parameters
    ----------
    a, b : str
        The two states (codes, abbreviations or names).
    warehouse : path or None
        The warehouse (None: the configured one).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.theory.empirical import profile

    result = profile.profile(a, b, warehouse=warehouse)
    years = result.years
    names = result.names
    label_a, label_b = names["abb_a"], names["abb_b"]
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=(
            "capability (CINC)",
            "alliance-portfolio similarity S; allied (defense/offense)",
            "common threats (count)",
        ),
    )
    fig.add_trace(go.Scatter(x=years["year"], y=years["cinc_a"], name=label_a, mode="lines"), row=1, col=1)
    fig.add_trace(go.Scatter(x=years["year"], y=years["cinc_b"], name=label_b, mode="lines"), row=1, col=1)
    fig.add_trace(go.Scatter(x=years["year"], y=years["similarity"], name="S", mode="lines"), row=2, col=1)
    fig.add_trace(
        go.Scatter(
            x=years["year"], y=years["allied"], name="allied", mode="lines", line={"shape": "hv", "dash": "dot"}
        ),
        row=2,
        col=1,
    )
    fig.add_trace(go.Bar(x=years["year"], y=years["n_common_threats"], name="common threats"), row=3, col=1)
    fig.update_layout(
        height=720,
        template="plotly_white",
        title=f"{names['name_a']} and {names['name_b']}, {int(years['year'].min())}-{int(years['year'].max())}",
    )
    allied = years.loc[years["allied"] == 1, "year"]
    summary = (
        f"{len(years)} years in which both are system members; allied in {len(allied)} of them"
        + (f" ({int(allied.min())}-{int(allied.max())})" if len(allied) else "")
        + "."
    )
    shown = years[
        [
            "year",
            "cinc_a",
            "cinc_b",
            "asymmetry",
            "allied",
            "shared_alliances",
            "top_threats_a",
            "top_threats_b",
            "common_threats",
            "similarity",
            "detente_with_adversary",
        ]
    ].rename(
        columns={
            "cinc_a": f"CINC {label_a}",
            "cinc_b": f"CINC {label_b}",
            "top_threats_a": f"threats to {label_a}",
            "top_threats_b": f"threats to {label_b}",
        }
    )
    lk = lookup
    parts = [
        pages.paragraph(summary),
        pages.figure(fig, "profile"),
        pages.heading("Year by year"),
        pages.table(shown.iloc[::-1]),
        _sources(lk.citations(["nmc", "atop_members", "atop_dyads", "rivalries", "contiguity", "min_distance"])),
    ]
    return pages.join(*parts), True


# ----------------------------------------------------------------------------------------------
# Burden sharing
# ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _burden_years(path, atopid, spending):
    """Yearly burden test of one alliance over every year (a year's row does not depend on the span asked:
    tested), kept for the 16 alliances asked last, so a new span is a slice."""
    from alliancelab.theory.empirical import burden as bd

    return bd.burden_test(atopid, FIRST_YEAR, LAST_YEAR, spending, warehouse=path).table


def burden_body(alliance, start, end, spending, lookup):
    """Body of the burden-sharing page: the yearly exploitation test of one alliance.

    Parameters
    ----------
    alliance : str
        ``"nato"`` or an ATOP alliance id.
    start, end : int
        First and last year.
    spending : {"sipri", "cow"}
        The military-spending source.
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.theory.empirical import burden as bd

    check_range("start", start, FIRST_YEAR, LAST_YEAR)
    check_range("end", end, start, LAST_YEAR)
    text = alliance.strip().lower()
    if text == "nato":
        atopid = bd.NATO_ATOPID
    else:
        try:
            atopid = int(text)
        except ValueError:
            raise ParameterError(f"argument alliance={alliance!r}: expected 'nato' or an ATOP alliance id") from None
    check_range("alliance", atopid, 1000, 99999)
    table = _burden_years(lookup.path, atopid, spending)
    attrs = dict(table.attrs)
    table = table[table["year"].between(start, end)].reset_index(drop=True)
    if table.empty:  # the exact empty table (and its message) of a direct call
        table = bd.burden_test(atopid, start, end, spending, warehouse=lookup.path).table
    table.attrs = table.attrs or attrs
    tested = table.dropna(subset=["rho"]) if len(table) else table
    parts = []
    if tested.empty:
        parts.append(
            pages.paragraph(
                f"No year of ATOP {atopid} between {start} and {end} has three or more members with both military "
                f"spending ({spending}) and GDP, so no correlation can be computed. SIPRI spending starts in 1949; "
                "try spending=cow for earlier alliances."
            )
        )
        return pages.join(*parts, _sources(table.attrs.get("citations", []))), False
    fig = go.Figure(
        go.Scatter(
            x=tested["year"],
            y=tested["rho"],
            mode="lines+markers",
            marker={"color": np.where(tested["significant_05"], "#D55E00", "#9aa3b2")},
            name="Spearman rho",
        )
    )
    fig.update_layout(
        title=f"ATOP {atopid}: rank correlation of defence burden with GDP per year (orange: p < 0.05)",
        yaxis_title="Spearman rho",
        yaxis_range=[-1, 1],
        template="plotly_white",
        height=420,
    )
    positive = int(((tested["rho"] > 0) & tested["significant_05"]).sum())
    parts += [
        pages.paragraph(
            f"{len(tested)} years tested; exploitation (significantly positive rho: the larger "
            f"members carry a larger burden) in {positive} of them."
        ),
        pages.figure(fig, "burden"),
        pages.table(table[["year", "n", "rho", "p_value", "significant_05", "members_missing"]]),
        pages.paragraph(
            "Olson & Zeckhauser (1966): burden = military spending / GDP; the exploitation "
            "hypothesis predicts it rises with GDP among allies.",
            "note",
        ),
        _sources(table.attrs.get("citations", [])),
    ]
    return pages.join(*parts), True


def shareable_body(year, warehouse):
    """The self-contained yearly page of ``report.html`` (the same as ``alliancelab report YEAR --html``).

    Parameters
    ----------
    year : int
        The year.
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    str
        The whole HTML page.
    """
    from alliancelab.report import html

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    return str(html.to_html(html.build(year, warehouse=warehouse), warehouse=warehouse))
