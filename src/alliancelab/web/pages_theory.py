"""Dashboard pages for the theories and the alliance network (registered on the app by ``register``).

- ``/network?year=1914&obligation=any``: the alliance network of a year, blocs coloured, with a
  year slider (``measures.network``; figure from ``figures.network.network_figure``);
- ``/alignments?era=&region=&label=&state=``: every classified alignment decision with its reason
  (``theory.empirical.balancing.classify`` with its defaults), filtered;
- ``/landscape?states=...&year=1914&camps=2``: Axelrod & Bennett's minima, basins and predicted
  camps (``theory.landscape_data.build_system``, ``theory.landscape.landscape``);
- ``/deterrence?side=defender&...``: all perfect Bayesian equilibria of the third-party deterrence
  game at one parameter point (``theory.formal.deterrence.solve``);
- ``/profile?a=USA&b=ROK``: one dyad over time (``theory.empirical.profile.profile``);
- ``/burden?alliance=nato&spending=sipri``: the Olson-Zeckhauser exploitation test per year
  (``theory.empirical.burden.burden_test``).

Each body function returns (HTML fragment, whether it has Plotly figures) and raises
``ParameterError`` on bad input; ``app.respond`` turns that into the page with its form and a message.
"""

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.web import pages

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # COW state system, from its specification
YEAR_LABEL = f"year ({FIRST_YEAR}-{LAST_YEAR})"
BURDEN_FIRST = facts.coverage("sipri_milex")[0]  # the burden page starts where SIPRI spending starts
MAX_LANDSCAPE_STATES = 18  # 2^17 alignments: an exact search well under a second
MAX_ROWS = 400  # alignment decisions listed on one page
LANDSCAPE_DEFAULT = "GMY AUH ITA UKG FRN RUS TUR JPN USA"
DETERRENCE_FIELDS = (
    "prior_strong",
    "power_strong",
    "power_weak",
    "power_ally",
    "power_third",
    "stake_challenger",
    "stake_defender",
    "cost_challenger",
    "cost_defender",
    "audience_cost",
    "benefit_third",
    "cost_third",
)
ALL = "all"


def _sources(citations):
    return pages.Markup(
        "".join(
            [
                pages.heading("Sources"),
                pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in citations) + "</ul>"),
            ]
        )
    )


# ----------------------------------------------------------------------------------------------
# Network
# ----------------------------------------------------------------------------------------------


def network_body(year, obligation, lookup):
    """Body of the network page: the alliance network of a year, its blocs and their polarisation.

    Parameters
    ----------
    year : int
        The year.
    obligation : str
        Which ties count (one of ``alliancelab.measures.network.NETWORK_OBLIGATIONS``).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    from alliancelab.figures import network as figures
    from alliancelab.measures import network

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_choice("obligation", obligation, network.NETWORK_OBLIGATIONS)
    # every year's members and ties read once per process, so moving the slider only filters
    data = lookup.cached("web_network_data", lambda: network._load_network_data(lookup.con))
    graph = network.alliance_network(year, obligation=obligation, data=data)
    blocs = network.alliance_blocs(graph)
    polarisation, _ = network.polarisation_index(blocs, {n: graph.nodes[n].get("cinc", np.nan) for n in graph})
    camps = figures.bloc_table(graph, blocs)
    parts = [
        pages.paragraph(
            f"{graph.number_of_nodes()} system members, {graph.number_of_edges()} ties "
            f"({obligation} obligation, either direction), {len(camps)} blocs of two or more "
            f"states; polarisation {polarisation:.3f} (Reynal-Querol over the blocs' CINC shares)."
        )
    ]
    if graph.number_of_edges() == 0:
        parts.append(
            pages.paragraph(
                f"No two states share a {obligation} obligation in {year}: every state is "
                "non-aligned, so there are no blocs to colour."
            )
        )
    fig = figures.network_figure(
        graph, blocs, f"Alliance network {year} ({obligation}): blocs coloured, dot size ~ CINC", as_dict=True
    )
    parts.append(pages.figure(fig, "network"))
    if camps:
        frame = pd.DataFrame(
            [
                {"bloc": f"bloc of {c['leader_abb']}", "members": c["members"], "states": c["size"], "CINC": c["cinc"]}
                for c in camps
            ]
        )
        parts += [
            pages.heading("Blocs (Louvain communities of the ties, labelled by their strongest member)"),
            pages.table(frame),
        ]
    parts.append(_sources(lookup.citations(["atop_dyads", "states", "nmc"])))
    return pages.join(*parts), True


# ----------------------------------------------------------------------------------------------
# Alignments
# ----------------------------------------------------------------------------------------------

_CLASSIFIED = {}


def classified(warehouse):
    """``balancing.classify`` with its defaults, computed once per warehouse and process.

    Parameters
    ----------
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    pandas.DataFrame
        The classified alignment decisions.
    """
    from alliancelab.theory.empirical import balancing

    key = str(warehouse)
    if key not in _CLASSIFIED:
        _CLASSIFIED[key] = balancing.classify(warehouse=warehouse)
    return _CLASSIFIED[key]


def alignment_choices():
    """The choices of the alignments page's selectors.

    Returns
    -------
    eras, regions, labels : tuple of str
        Each starting with ``"all"``.

    Examples
    --------
    >>> eras, regions, labels = alignment_choices()
    >>> regions[:2]
    ('all', 'Africa')
    """
    from alliancelab.theory.empirical import balancing

    return (
        (ALL,) + tuple(label for _, _, label in balancing.ERAS),
        (ALL, "Africa", "Americas", "Asia", "Europe", "Middle East"),
        (ALL,) + tuple(balancing.LABELS),
    )


def alignments_body(era, region, label, state, warehouse, lookup):
    """Body of the alignments page: the classified decisions, filtered, with their label shares.

    Parameters
    ----------
    era, region, label : str
        Filters (``"all"`` for no filter; choices from ``alignment_choices``).
    state : str
        A state (code, abbreviation or name) to filter on; blank for all.
    warehouse : path or None
        The warehouse (None: the configured one).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    eras, regions, labels = alignment_choices()
    check_choice("era", era, eras)
    check_choice("region", region, regions)
    check_choice("label", label, labels)
    table = classified(warehouse)
    chosen = table
    if era != ALL:
        chosen = chosen[chosen["era"] == era]
    if region != ALL:
        chosen = chosen[chosen["region"] == region]
    if label != ALL:
        chosen = chosen[chosen["label"] == label]
    if state.strip():
        code = lookup.resolve(state.strip(), argument="state")
        chosen = chosen[chosen["member"] == code]
    counts = chosen["label"].value_counts().reindex(["balancing", "bandwagoning", "neither"], fill_value=0)
    parts = [
        pages.paragraph(
            f"{len(chosen):,} of {len(table):,} decisions match: "
            + ", ".join(f"{k} {v:,}" for k, v in counts.items())
            + ". A decision is a state entering an ATOP alliance; the label says whether its "
            "top threats stay outside the alliance (balancing) or are inside it "
            "(bandwagoning)."
        )
    ]
    if chosen.empty:
        parts.append(
            pages.paragraph("No decision matches these filters: try another era, region or label, or clear the state.")
        )
    else:
        shown = chosen.sort_values(["year", "atopid", "stateabb"]).head(MAX_ROWS)
        frame = pd.DataFrame(
            {
                "year": shown["year"].astype(int),
                "state": shown["stateabb"],
                "region": shown["region"],
                "ATOP id": shown["atopid"].astype(int),
                "label": shown["label"],
                "top threat": shown["jstar_abb"],
                "refers to": shown["target_abb"],
                "reason": shown["reason"],
            }
        )
        if len(chosen) > MAX_ROWS:
            parts.append(
                pages.paragraph(
                    f"The first {MAX_ROWS} by year are listed; narrow the filters or use "
                    "'alliancelab classify --out FILE' for all of them.",
                    "note",
                )
            )
        parts.append(pages.table(frame))
    parts.append(_sources(table.attrs.get("sources", [])))
    return pages.join(*parts), False


# ----------------------------------------------------------------------------------------------
# Landscape
# ----------------------------------------------------------------------------------------------


def landscape_body(states, year, camps, lookup):
    """Body of the landscape page: the lowest-energy configurations of chosen states in a year.

    Parameters
    ----------
    states : str
        The states (codes, abbreviations or names, comma-separated; 2 to ``MAX_LANDSCAPE_STATES``).
    year : int
        The year.
    camps : int
        Number of camps (2 or 3).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.theory import landscape as L
    from alliancelab.theory import landscape_data as D

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_range("camps", camps, 2, 3)
    from alliancelab.data.names import resolve_states

    codes = resolve_states(states, year, warehouse=lookup.path)
    if not 2 <= len(codes) <= MAX_LANDSCAPE_STATES:
        raise ParameterError(
            f"argument states: {len(codes)} states given; expected 2 to "
            f"{MAX_LANDSCAPE_STATES} (larger systems: 'alliancelab landscape')"
        )
    system = D.build_system(codes, year, warehouse=lookup.path)
    result = L.landscape(system.sizes, system.propensity(), camps=camps, names=system.names)
    table = result.table(max_rows=10)
    table["basin_share"] = table["basin_share"].astype(float)
    names = system.names
    best = result.global_minimum
    predicted = "; ".join(
        f"camp {c}: " + " ".join(names[i] for i in np.flatnonzero(best == c)) for c in range(camps) if (best == c).any()
    )
    fig = go.Figure(
        go.Bar(
            x=[f"minimum {r}" for r in table["rank"]],
            y=table["basin_share"],
            text=[f"E={e:.3g}" for e in table["energy"]],
            textposition="outside",
            marker_color="#1f3a5f",
        )
    )
    fig.update_layout(
        title=f"Basins of attraction of the local minima, {year} ({result.method} search)",
        yaxis_title="share of alignments ending there",
        template="plotly_white",
        height=380,
        yaxis_range=[0, 1.1],
    )
    frustration = result.frustration_table(0).sort_values("switch_cost")
    parts = [
        pages.Markup(
            f'<p id="prediction"><strong>Predicted camps (global minimum):</strong> {pages.escape(predicted)}</p>'
        ),
        pages.paragraph(
            f"{result.n_minima} local minim{'um' if result.n_minima == 1 else 'a'} among "
            f"{result.n_configurations:,} "
            f"{'alignments' if result.method == 'exact' else 'starts'}."
            + (
                " The landscape has a single minimum: every adjustment path ends in the same alignment."
                if result.n_minima == 1
                else ""
            )
        ),
        pages.heading("Local minima (lowest energy first)"),
        pages.Markup('<div id="minima">') + pages.table(table) + pages.Markup("</div>"),
        pages.figure(fig, "basins"),
        pages.heading("Global minimum: each state's frustration and switch cost"),
        pages.table(frustration),
        pages.paragraph(
            "Energy E = sum over ordered pairs of s_i s_j p_ij d_ij; a local minimum is an "
            "alignment no single state can improve by changing camp (Axelrod & Bennett 1993, "
            "BJPS 23(2): 211-233). Sizes: CINC; propensity: the default weighted components.",
            "note",
        ),
        _sources(system.citations),
    ]
    return pages.join(*parts), True


# ----------------------------------------------------------------------------------------------
# Deterrence
# ----------------------------------------------------------------------------------------------


def deterrence_body(side, values):
    """Body of the deterrence page: the equilibria of the deterrence game with a third party.

    Parameters
    ----------
    side : {"defender", "challenger"}
        The side the third party is allied to.
    values : dict
        The game's other parameters (``alliancelab.theory.formal.deterrence.DeterrenceParams`` fields), finite
        numbers.

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.theory.formal import deterrence as dt

    check_choice("side", side, ("defender", "challenger"))
    for name, value in values.items():
        if not math.isfinite(value):
            raise ParameterError(f"argument {name}={value!r}: expected a finite number")
    params = dt.DeterrenceParams(side=side, **values).validate()
    solution = dt.solve(params)
    frame = solution.table()
    parts = []
    if frame.empty:
        parts.append(
            pages.paragraph(
                "No equilibrium found at this parameter point (a degenerate tie between "
                "thresholds); move a parameter slightly."
            )
        )
        return pages.join(*parts), False
    outcomes = [
        c
        for c in ("p_challenge", "p_resist", "p_escalate", "p_war", "p_intervene", "p_intervene_given_war")
        if c in frame.columns
    ]
    behaviour = (
        ["equilibrium", "kind"]
        + [c for c in frame.columns if "|" in c and not c.startswith("p_")]
        + [c for c in ("intervene", "belief_strong_low", "belief_strong_high") if c in frame.columns]
    )
    fig = go.Figure(
        [
            go.Bar(
                name=f"equilibrium {int(row.equilibrium)} ({row.kind})",
                x=outcomes,
                y=[getattr(row, c) for c in outcomes],
            )
            for row in frame.itertuples()
        ]
    )
    fig.update_layout(
        barmode="group",
        title="Outcome probabilities in each equilibrium",
        yaxis_range=[0, 1.05],
        template="plotly_white",
        height=400,
    )
    parts += [
        pages.paragraph(
            f"{len(frame)} perfect Bayesian equilibria with the third party allied to the "
            f"{side}."
            + (
                " Warning: the point is degenerate (ties between thresholds); equilibria at the tie may be missing."
                if solution.degenerate
                else ""
            )
        ),
        pages.figure(fig, "outcomes"),
        pages.heading("Outcome probabilities"),
        pages.table(frame[["equilibrium"] + outcomes]),
        pages.heading("Behaviour (probability of challenge, resistance, escalation per type; intervention)"),
        pages.table(frame[behaviour]),
    ]
    return pages.join(*parts), True


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


# ----------------------------------------------------------------------------------------------
# Routes
# ----------------------------------------------------------------------------------------------


def register(app, respond, lookup, warehouse):
    """Add the theory pages' routes to the dashboard application.

    Parameters
    ----------
    app : fastapi.FastAPI
        The application (from ``app.create_app``).
    respond : callable
        The application's page responder (cache, time limit, error pages).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).
    warehouse : path or None
        The warehouse (None: the configured one).
    """
    from fastapi import Request
    from fastapi.responses import HTMLResponse

    @app.get("/network", response_class=HTMLResponse)
    async def network_page(request: Request, year: int = 1914, obligation: str = "any"):
        from alliancelab.measures.network import NETWORK_OBLIGATIONS

        form = pages.form(
            "/network",
            [
                ("year", "year", year, pages.Slider(FIRST_YEAR, LAST_YEAR)),
                ("obligation", "obligation", obligation, NETWORK_OBLIGATIONS),
            ],
        )
        return await respond(
            request, f"Alliance network, {year}", "/network", form, lambda: network_body(year, obligation, lookup())
        )

    @app.get("/report/share", response_class=HTMLResponse)
    async def shareable_page(request: Request, year: int = 1914):
        form = pages.form("/report/share", [("year", YEAR_LABEL, year, "number")], button="Build")
        return await respond(
            request,
            f"Shareable report, {year}",
            "/report",
            form,
            lambda: (shareable_body(year, warehouse), False),
            whole=True,
        )

    @app.get("/alignments", response_class=HTMLResponse)
    async def alignments_page(request: Request, era: str = ALL, region: str = ALL, label: str = ALL, state: str = ""):
        eras, regions, labels = alignment_choices()
        form = pages.form(
            "/alignments",
            [
                ("era", "era", era, eras),
                ("region", "region", region, regions),
                ("label", "label", label, labels),
                ("state", "state (optional, e.g. FRN)", state, "text"),
            ],
        )
        return await respond(
            request,
            "Alignment decisions: balancing or bandwagoning",
            "/alignments",
            form,
            lambda: alignments_body(era, region, label, state, warehouse, lookup()),
        )

    @app.get("/landscape", response_class=HTMLResponse)
    async def landscape_page(request: Request, states: str = LANDSCAPE_DEFAULT, year: int = 1914, camps: int = 2):
        form = pages.form(
            "/landscape",
            [
                ("states", f"states (2-{MAX_LANDSCAPE_STATES}, space separated)", states, "text"),
                ("year", YEAR_LABEL, year, "number"),
                ("camps", "camps", camps, (2, 3)),
            ],
            button="Run",
        )
        return await respond(
            request,
            f"Landscape of aggregation, {year}",
            "/landscape",
            form,
            lambda: landscape_body(states, year, camps, lookup()),
        )

    from alliancelab.theory.formal.deterrence import DeterrenceParams

    defaults = DeterrenceParams()

    @app.get("/deterrence", response_class=HTMLResponse)
    async def deterrence_page(
        request: Request,
        side: str = "defender",
        prior_strong: float = defaults.prior_strong,
        power_strong: float = defaults.power_strong,
        power_weak: float = defaults.power_weak,
        power_ally: float = defaults.power_ally,
        power_third: float = defaults.power_third,
        stake_challenger: float = defaults.stake_challenger,
        stake_defender: float = defaults.stake_defender,
        cost_challenger: float = defaults.cost_challenger,
        cost_defender: float = defaults.cost_defender,
        audience_cost: float = defaults.audience_cost,
        benefit_third: float = defaults.benefit_third,
        cost_third: float = defaults.cost_third,
    ):
        values = {
            "prior_strong": prior_strong,
            "power_strong": power_strong,
            "power_weak": power_weak,
            "power_ally": power_ally,
            "power_third": power_third,
            "stake_challenger": stake_challenger,
            "stake_defender": stake_defender,
            "cost_challenger": cost_challenger,
            "cost_defender": cost_defender,
            "audience_cost": audience_cost,
            "benefit_third": benefit_third,
            "cost_third": cost_third,
        }
        fields = [("side", "third party allied to", side, ("defender", "challenger"))]
        fields += [(name, name.replace("_", " "), values[name], "decimal") for name in DETERRENCE_FIELDS]
        form = pages.form("/deterrence", fields, button="Solve")
        return await respond(
            request,
            "Extended deterrence with a third-party ally",
            "/deterrence",
            form,
            lambda: deterrence_body(side, values),
        )

    @app.get("/profile", response_class=HTMLResponse)
    async def profile_page(request: Request, a: str = "USA", b: str = "ROK"):
        form = pages.form("/profile", [("a", "state A", a, "text"), ("b", "state B", b, "text")])
        return await respond(
            request, f"Dyad profile: {a} and {b}", "/profile", form, lambda: profile_body(a, b, warehouse, lookup())
        )

    @app.get("/burden", response_class=HTMLResponse)
    async def burden_page(
        request: Request,
        alliance: str = "nato",
        start: int = BURDEN_FIRST,
        end: int = facts.ALLIANCE_MEMBERS_LAST,
        spending: str = "sipri",
    ):
        form = pages.form(
            "/burden",
            [
                ("alliance", "alliance ('nato' or ATOP id)", alliance, "text"),
                ("start", "from", start, "number"),
                ("end", "to", end, "number"),
                ("spending", "spending", spending, ("sipri", "cow")),
            ],
        )
        return await respond(
            request, "Burden sharing", "/burden", form, lambda: burden_body(alliance, start, end, spending, lookup())
        )
