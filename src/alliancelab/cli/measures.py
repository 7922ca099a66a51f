"""``alliancelab measures ...``: capabilities, structure, transitions, threat, plots.

Kept in one module because it is the one command group ``alliancelab measures``: its commands are thin
(parse, call the library, print) and share the group's lazy imports and options.
"""

from pathlib import Path

import typer
from rich.table import Table

from alliancelab.cli import app, console, fail, lazy_module, run_safely
from alliancelab.cli._weights import WEIGHTS_HELP, parse_weights
from alliancelab.cli.progress import steps, track
from alliancelab.data import facts
from alliancelab.errors import AllianceLabError, check_choice, check_range

# the libraries are imported when a command first uses them, so `alliancelab --help` and the other
# groups never pay for SciPy, Plotly or the threat model
np = lazy_module("numpy")
files = lazy_module("alliancelab.files")
plotting = lazy_module("alliancelab.plotting")
capabilities = lazy_module("alliancelab.measures.capabilities")
threat = lazy_module("alliancelab.measures.threat")
panels_lookup = lazy_module("alliancelab.panels.lookup")
DEFAULT_FORM = "estimated"  # threat.DEFAULT_FORM (tests/cli/test_cli_startup.py checks they agree)

measures_app = typer.Typer(help="Compute measures for the whole panel and write CSV/Parquet.", no_args_is_help=True)
app.add_typer(measures_app, name="measures")

START = typer.Option(facts.SYSTEM_FIRST, "--start", help="first year")
END = typer.Option(facts.SYSTEM_LAST, "--end", help="last year")
OUT = typer.Option(..., "--out", help="output file (.csv, .parquet, .feather or .dta), its sources beside it")
WAREHOUSE = typer.Option(None, "--warehouse", help="warehouse file")


def _sources(names, warehouse):
    return panels_lookup.Lookup.get(warehouse).citations(names)


@measures_app.command("capabilities")
def capabilities_command(start: int = START, end: int = END, out: Path = OUT, warehouse: Path = WAREHOUSE):
    """CINC and each component's share for every state-year."""
    frame = run_safely(capabilities.capability_shares, start, end, warehouse=warehouse)
    run_safely(files.write_table, frame, out, _sources(["states", "nmc", "majors"], warehouse))
    console.print(f"{len(frame):,} state-years -> {out}")


@measures_app.command("structure")
def structure_command(
    start: int = START,
    end: int = END,
    out: Path = OUT,
    by_region: bool = False,
    over: str = typer.Option("majors", help="CON over 'majors' or 'all'"),
    min_share: float = typer.Option(0.10, help="share of system CINC that makes a pole"),
    warehouse: Path = WAREHOUSE,
):
    """Concentration, poles and top-k shares per year (and region)."""
    frame = run_safely(
        capabilities.system_structure,
        start,
        end,
        over=over,
        min_share=min_share,
        by_region=by_region,
        warehouse=warehouse,
    )
    run_safely(files.write_table, frame, out, _sources(["states", "nmc", "majors"], warehouse))
    console.print(f"{len(frame):,} rows -> {out}")


@measures_app.command("transitions")
def transitions_command(
    start: int = START, end: int = END, out: Path = OUT, all_states: bool = False, warehouse: Path = WAREHOUSE
):
    """Power transitions: pairs where the weaker side overtakes (major powers unless --all-states)."""
    frame = run_safely(capabilities.power_transitions, start, end, majors_only=not all_states, warehouse=warehouse)
    run_safely(files.write_table, frame, out, _sources(["states", "nmc", "majors"], warehouse))
    console.print(f"{len(frame):,} transitions -> {out}")


THREAT_SOURCES = [
    "states",
    "nmc",
    "contiguity",
    "min_distance",
    "capitals",
    "gml_dyads",
    "rivalries",
    "territorial_threat",
]


def _form_sources(form, warehouse):
    names = THREAT_SOURCES if form != "estimated" else sorted(set(THREAT_SOURCES) | set(threat.FEATURE_SOURCES))
    return _sources(names, warehouse)


FORM = typer.Option(DEFAULT_FORM, help="estimated (fitted model) | additive | projected (hand-weighted)")
WEIGHTS = typer.Option(None, "--weights", help=WEIGHTS_HELP)
HALF_DISTANCE = typer.Option(
    None, "--half-distance-km", help="hand-weighted forms: proximity halves every this many km"
)
HALF_LIFE = typer.Option(None, "--dispute-half-life", help="hand-weighted forms: half-life of a dispute, in years")


def _threat_params(half_distance_km, dispute_half_life):
    """The ThreatParams of the command line's options (None: the defaults)."""
    given = {"half_distance_km": half_distance_km, "dispute_half_life": dispute_half_life}
    given = {name: value for name, value in given.items() if value is not None}
    return run_safely(threat.ThreatParams, **given) if given else None


@measures_app.command("threat")
def threat_command(
    start: int = START,
    end: int = END,
    out: Path = OUT,
    weights: str = WEIGHTS,
    form: str = FORM,
    warehouse: Path = WAREHOUSE,
    half_distance_km: float = HALF_DISTANCE,
    dispute_half_life: float = HALF_LIFE,
):
    """Threat of j (ccode2) to i (ccode1) for every directed dyad-year, with Walt's components."""
    parsed = run_safely(parse_weights, weights, form)
    params = _threat_params(half_distance_km, dispute_half_life)
    run_safely(check_range, "--start", start, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
    run_safely(check_range, "--end", end, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
    if start > end:
        fail(f"arguments --start {start}, --end {end}: expected start <= end")
    for year in (start, end):  # checks the rest before the loop
        run_safely(threat.threat_scores, year, year, weights=parsed, warehouse=warehouse, form=form, params=params)
    frames = []
    for year in track(range(start, end + 1), "threat scores by year"):
        frames.append(
            run_safely(threat.threat_scores, year, year, weights=parsed, warehouse=warehouse, form=form, params=params)
        )
    import pandas as pd

    frame = pd.concat(frames, ignore_index=True)
    run_safely(files.write_table, frame, out, _form_sources(form, warehouse))
    console.print(f"{len(frame):,} directed dyad-years -> {out}")


def _threatened_state(lookup, state, year):
    """COW code of STATE in YEAR: a system member, or a state the threat model represents that year (every
    form), e.g. occupied Japan 1946-1951, accepted with the library's note; anything else is refused."""
    try:
        return lookup.resolve(state, year, argument="STATE")
    except AllianceLabError as not_member:
        code = run_safely(lookup.resolve, state, None, argument="STATE")  # a state, if not a member that year
        note = threat.represented_note(lookup, code, year)
        if note is None:
            fail(not_member)
        console.print(f"note: {note}", highlight=False)
        return code


@measures_app.command("top-threats")
def top_threats_command(
    year: int,
    state: str,
    k: int = 5,
    weights: str = WEIGHTS,
    form: str = FORM,
    warehouse: Path = WAREHOUSE,
    half_distance_km: float = HALF_DISTANCE,
    dispute_half_life: float = HALF_LIFE,
):
    """The k states most threatening to STATE (code, abbreviation or name) in YEAR (scores that year only)."""
    from alliancelab.data.names import state_names

    lookup = panels_lookup.Lookup.get(warehouse)
    run_safely(check_choice, "--form", form, threat.FORMS)
    code = _threatened_state(lookup, state, year)
    parsed = run_safely(parse_weights, weights, form)
    params = _threat_params(half_distance_km, dispute_half_life)
    with steps(f"scoring the threats of {year}"):
        top = run_safely(
            threat.top_threats,
            year,
            code,
            k=k,
            weights=parsed,
            warehouse=warehouse,
            form=form,
            walt_components=form != "estimated",
            params=params,
        )
    fitted = f", {parsed} weights" if isinstance(parsed, str) else ""
    table = Table(title=f"Top threats to {state_names(warehouse).label(code)} in {year} ({form} form{fitted})")
    columns = (
        ["power", "proximity", "offensive", "intentions"]
        if form != "estimated"
        else ["log_power", "distance", "disputes", "rivalry", "bloc_opposition", "ideology", "allied"]
    )
    for column in ["rank", "state", "threat"] + columns:
        table.add_column(column)
    for row in top.itertuples():
        values = [getattr(row, c) for c in columns]
        table.add_row(
            str(row.rank),
            f"{lookup.abbreviation(row.ccode2)} ({row.ccode2})",
            f"{row.threat:.3f}",
            *[f"{v:.2f}" for v in values],
        )
    console.print(table)


PROJECTED_FITS = ("fitted", "fitted_two", "both")


def _hit_table(summary, title):
    """A rich table of a hit-rate summary (evaluation, scorer, cases, alliances, top-1/top-3 with CIs)."""
    table = Table(title=title)
    for column in ("evaluation", "scorer", "cases", "alliances", "top-1 [95% CI]", "top-3 [95% CI]"):
        table.add_column(column)
    for row in summary.itertuples():
        table.add_row(
            row.evaluation,
            row.scorer,
            str(row.cases),
            str(row.alliances),
            f"{row.top1:.3f} [{row.top1_low:.3f}, {row.top1_high:.3f}]",
            f"{row.top3:.3f} [{row.top3_low:.3f}, {row.top3_high:.3f}]",
        )
    return table


@measures_app.command("validate-threat")
def validate_threat_command(
    out: Path = typer.Option(None, "--out", help="per-case table (.csv .dta ...)"),
    dropped_out: Path = typer.Option(None, "--dropped-out", help="dropped cases with reasons"),
    folds: int = typer.Option(0, help="0 = leave-one-alliance-out; N = N folds of alliances"),
    boot: int = typer.Option(2000, help="bootstrap draws (clustered by alliance)"),
    show_dropped: bool = typer.Option(False, help="print every dropped case"),
    revealed: bool = typer.Option(False, help="also rank the initiators of new disputes"),
    projected: str = typer.Option(
        None,
        "--projected",
        help="also fit the projected form and score it out of sample: fitted (one loss-of-strength gradient) | "
        "fitted_two (major powers with their own) | both; one fit per fold, about 2-8 s each",
    ),
    warehouse: Path = WAREHOUSE,
):
    """Top-1/top-3 hit rates of ATOP's named threats: estimated model (in sample and out of sample)
    against the baselines, with 95% CIs clustered by alliance, and the dropped cases."""
    if projected is not None:
        run_safely(check_choice, "--projected", projected, PROJECTED_FITS)
    with steps("fitting and evaluating the threat model (in and out of sample)"):
        result = run_safely(threat.evaluate_threat_model, warehouse, folds or None, n_boot=boot)
    title = (
        "ATOP named threats ranked top-1 / top-3 in the year before signing "
        "(expected over random tie-breaks; 95% CI, bootstrap over alliances)"
    )
    console.print(_hit_table(result.summary, title))
    total = len(result.cases) + len(result.dropped)
    reasons = ", ".join(f"{n} {r}" for r, n in result.dropped["reason"].value_counts().items())
    console.print(
        f"{len(result.cases)} of {total} founding-member cases evaluated; {len(result.dropped)} dropped "
        f"({reasons}). Loss-of-strength half distance (estimated): "
        f"{result.half_distance_km['all']:,.0f} km, major powers {result.half_distance_km['major']:,.0f} km."
    )
    if revealed:
        with steps("ranking the initiators of new disputes"):
            hostile = run_safely(threat.evaluate_revealed_hostility, warehouse, n_boot=boot)
        second = Table(title="Second target: an initiator of a new GML dispute against i ranked top-1 / top-3")
        for column in ("scorer", "cases", "top-1 [95% CI]", "top-3 [95% CI]"):
            second.add_column(column)
        for row in hostile.itertuples():
            second.add_row(
                row.scorer,
                str(row.cases),
                f"{row.top1:.3f} [{row.top1_low:.3f}, {row.top1_high:.3f}]",
                f"{row.top3:.3f} [{row.top3_low:.3f}, {row.top3_high:.3f}]",
            )
        console.print(second)
    for name in PROJECTED_FITS[:2] if projected == "both" else [projected] if projected else []:
        evaluate = threat.evaluate_projected_fit if name == "fitted" else threat.evaluate_projected_two
        with steps(f"fitting the projected form ({name}) in and out of sample"):
            fits = run_safely(evaluate, warehouse, folds or None, n_boot=boot)
        console.print(_hit_table(fits, f"Projected form, weights={name} (fitted on the training alliances only)"))
    if show_dropped:
        for row in result.dropped.itertuples():
            console.print(
                f"  ATOP {row.atopid} member {row.member} ({row.begyr}), named {row.named}: {row.explanation}"
            )
    cited = _sources(
        sorted(set(THREAT_SOURCES) | set(threat.FEATURE_SOURCES)) + ["atop_alliances", "atop_members"], warehouse
    )
    if out:
        run_safely(files.write_table, result.cases.assign(named=result.cases["named"].astype(str)), out, cited)
    if dropped_out:
        run_safely(
            files.write_table, result.dropped.assign(named=result.dropped["named"].astype(str)), dropped_out, cited
        )


SIMILARITY_SOURCES = ["states", "atop_dyads", "nmc"]


@measures_app.command("similarity")
def similarity_command(
    start: int = START,
    end: int = END,
    out: Path = OUT,
    measures: str = typer.Option(None, help="comma-separated measures (default: all)"),
    direction: str = typer.Option("either", help="either | pledged | received"),
    warehouse: Path = WAREHOUSE,
):
    """Alliance-portfolio similarity (S, tau-b, kappa, pi; global and regional) for every dyad-year."""
    from alliancelab.measures.similarity._api import _dyad_similarity

    chosen = [m.strip() for m in measures.split(",")] if measures else None
    with steps("similarity by year", end - start + 1) as advance:
        frame = run_safely(
            _dyad_similarity,
            start,
            end,
            measures=chosen,
            direction=direction,
            con=panels_lookup.Lookup.get(warehouse).con,
            progress=lambda _year: advance(),
        )
    run_safely(files.write_table, frame, out, _sources(SIMILARITY_SOURCES, warehouse))
    console.print(f"{len(frame):,} dyad-years x {frame.shape[1] - 3} measures -> {out}")


@measures_app.command("network")
def network_command(
    start: int = START,
    end: int = END,
    out: Path = OUT,
    obligation: str = typer.Option("defense_offense", help="any | defense_offense | defense | ..."),
    directed: bool = typer.Option(False, help="directed pledges instead of undirected ties"),
    system_out: Path = typer.Option(None, help="also write the per-year polarisation table"),
    warehouse: Path = WAREHOUSE,
):
    """Per state-year degree, betweenness, bloc and portfolio size; per year polarisation."""
    from alliancelab.measures import network

    with steps("alliance networks by year", end - start + 1) as advance:
        result = run_safely(
            network.network_measures,
            start,
            end,
            directed=directed,
            obligation=obligation,
            warehouse=warehouse,
            progress=lambda _year: advance(),
        )
    states, system = result.states, result.system
    cited = _sources(SIMILARITY_SOURCES, warehouse)
    run_safely(files.write_table, states, out, cited)
    if system_out:
        run_safely(files.write_table, system, system_out, cited)
    console.print(f"{len(states):,} state-years -> {out}")


@measures_app.command("plots")
def plots_command(
    out_dir: Path = typer.Option(Path("out/plots"), "--out-dir"),
    year: int = typer.Option(1913, help="year of the threat map"),
    top: int = typer.Option(15, help="states in the threat map (by CINC)"),
    pairs: str = typer.Option("USA-RUS,FRN-GMY,UKG-FRN", help="pairs for the similarity plot"),
    warehouse: Path = WAREHOUSE,
):
    """Concentration and polarity over every system year, S between PAIRS over time, and a threat map for YEAR."""
    from alliancelab.measures.similarity._api import _plot_pair_similarity

    lookup = panels_lookup.Lookup.get(warehouse)
    chosen = run_safely(lookup.parse_pairs, pairs, argument="--pairs")  # checked before the work starts
    with steps("concentration and polarity", total=4) as advance:
        structure = run_safely(
            capabilities.system_structure, facts.SYSTEM_FIRST, facts.SYSTEM_LAST, warehouse=warehouse
        )
        cited = _sources(["states", "nmc", "majors"], warehouse)
        paths = plotting.line_chart(
            structure,
            "year",
            ["con", "top1_share", "top3_share"],
            "Concentration (Ray-Singer CON over the majors) and top-k CINC shares",
            "share",
            out_dir / "concentration",
            cited,
        )
        paths += plotting.line_chart(
            structure,
            "year",
            ["poles_effective", "poles_share_rule"],
            "Polarity: effective number of poles and majors with >= 10% of CINC",
            "poles",
            out_dir / "polarity",
            cited,
        )
        advance(f"threat scores of {year}")
        scores = run_safely(threat.threat_scores, year, year, warehouse=warehouse)
        shares = capabilities.capability_shares(year, year, warehouse=warehouse)
        strongest = shares.sort_values("cinc", ascending=False)["ccode"].head(top).tolist()
        labels = [lookup.abbreviation(c) for c in strongest]
        matrix = np.full((len(strongest), len(strongest)), np.nan)
        index = {c: n for n, c in enumerate(strongest)}
        for row in scores[scores["ccode1"].isin(index) & scores["ccode2"].isin(index)].itertuples():
            matrix[index[row.ccode1], index[row.ccode2]] = row.threat
        advance("threat map")
        more = plotting.heat_map(
            matrix,
            labels,
            labels,
            f"Threat of column state to row state, {year}",
            out_dir / f"threat_map_{year}",
            "threat",
            _sources(THREAT_SOURCES, warehouse),
        )
        advance("similarity of the pairs over every system year")
        similar = _plot_pair_similarity(chosen, out_dir / "similarity_pairs", measure="s_weighted", con=lookup.con)
        advance()
    for path in paths + more + tuple(similar[:2]):
        console.print(f"written {path}")
