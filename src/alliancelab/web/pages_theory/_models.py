"""Page bodies of the models: Axelrod & Bennett's landscape and the third-party deterrence game."""

import math

import numpy as np

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.web import pages
from alliancelab.web.pages_theory._common import FIRST_YEAR, LAST_YEAR, MAX_LANDSCAPE_STATES, _sources

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
