"""``alliancelab geopolitics diffusion | reach``: war diffusion by opportunity and willingness, and
alliances overcoming distance."""

from pathlib import Path

import typer
from rich.table import Table

from alliancelab.cli import app, console, fail, lazy_module, run_safely
from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, parse_numbers

pd = lazy_module("pandas")

geopolitics_app = typer.Typer(help="Alliances and geopolitics: war diffusion, alliance reach.", no_args_is_help=True)
app.add_typer(geopolitics_app, name="geopolitics")

OUT = typer.Option(None, "--out", help="folder for the tables (with their sources) and figures")
FORMAT = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta (Stata)")
WAREHOUSE = typer.Option(None, "--warehouse", help="warehouse file")


def _print(frame, title, digits=3, limit=40):
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*[_format(v, digits) for v in row])
    console.print(table)


def _format(value, digits):
    if not isinstance(value, float):
        return str(value)
    if value != value:
        return ""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.{digits}g}"


def _write(frames, out, fmt="csv"):
    from alliancelab.files import write_table

    for name, frame in frames.items():
        path = run_safely(
            write_table, frame, Path(out) / f"{name}.{fmt}", frame.attrs.get("sources", []), argument="--out"
        )
        console.print(f"wrote {path}")


def _parse_list(text, option, allowed, cast=str):
    values = (
        list(parse_numbers(text, option, int)) if cast is int else [v.strip() for v in text.split(",") if v.strip()]
    )
    bad = [v for v in values if v not in allowed]
    if bad or not values:
        raise ParameterError(f"argument {option}={text!r}: expected a comma-separated list of {list(allowed)}")
    return tuple(values)


@geopolitics_app.command("diffusion")
def diffusion_command(
    start: int = typer.Option(facts.coverage("wars")[0], "--start", help="first war year"),
    end: int = typer.Option(facts.coverage("wars")[1], "--end", help="last war year (COW wars end in 2007)"),
    border_types: str = typer.Option(
        "1,2,3,4,5", "--border-types", help="COW contiguity classes that count as a border (1 land, 2-5 water)"
    ),
    obligations: str = typer.Option(
        "defense,offense,neutral,nonagg,consul", "--obligations", help="ATOP obligations that make an alliance partner"
    ),
    alliance_lag: int = typer.Option(1, "--alliance-lag", help="read alliances in year t - lag"),
    war: int = typer.Option(106, "--war", help="COW war number whose spread to draw (106 = World War I)"),
    out: Path = OUT,
    fmt: str = FORMAT,
    warehouse: Path = WAREHOUSE,
):
    """Who joins ongoing wars: borders (opportunity) and alliances (willingness), Siverson & Starr."""
    run_safely(check_choice, "--format", fmt, ("csv", "parquet", "feather", "dta"))
    from alliancelab.figures import geopolitics as plots
    from alliancelab.panels.adders import OBLIGATIONS
    from alliancelab.theory import geopolitics

    types = run_safely(_parse_list, border_types, "--border-types", (1, 2, 3, 4, 5), int)
    kinds = run_safely(_parse_list, obligations, "--obligations", OBLIGATIONS)
    with console.status("building the at-risk set of war joining"):
        result = run_safely(
            geopolitics.diffusion_analysis,
            start,
            end,
            border_types=types,
            partner_obligations=kinds,
            alliance_lag=alliance_lag,
            warehouse=warehouse,
        )
    at_risk = result.data.at_risk
    console.print(
        f"{len(at_risk):,} at-risk state-war-years in {at_risk['warnum'].nunique()} wars; "
        f"{int(at_risk['joined'].sum())} joined"
    )
    _print(result.cross_tab.drop(columns=["wbn", "wap"]), "joining by warring border nation x warring alliance partner")
    model = result.model.table.reset_index()[["term", "coef", "se", "p", "ame", "ame_se"]]
    _print(
        model,
        f"logit of joining (n = {result.model.n}, {result.model.events} joined, errors clustered by "
        f"{result.model.clusters} wars)",
    )
    _print(
        result.sides[["partner_side", "joiners", "joined_side1", "joined_side2", "share_same_side", "binomial_p"]],
        "does a warring partner's side predict the side joined?",
    )
    _print(
        result.eras[["era", "term", "joined", "wars", "ame", "ame_se", "p"]],
        "effects by era (average marginal effects; blank = not estimable)",
    )
    if out is not None:
        spread = run_safely(geopolitics.war_spread, result.data, war)
        _write(
            fmt=fmt,
            out=out,
            frames={
                "at_risk": at_risk,
                "exposures": result.data.exposures,
                "cross_tab": result.cross_tab,
                "cross_tab_by_era": result.cross_tab_by_era,
                "odds_ratios": result.odds_ratios,
                "logit": result.model.table.reset_index().assign(n=result.model.n),
                "sides": result.sides,
                "eras": result.eras,
                "rates": result.rates,
                f"war{war}_nodes": spread.nodes,
                f"war{war}_edges": spread.edges,
            },
        )
        for paths in (
            plots.plot_joining_rates(result.rates, Path(out) / "joining_rates"),
            plots.plot_effects(result.model, Path(out) / "effects"),
            plots.plot_war_spread(spread, Path(out) / f"war{war}_spread"),
        ):
            console.print("wrote " + ", ".join(str(p) for p in paths))


@geopolitics_app.command("reach")
def reach_command(
    start: int = typer.Option(facts.SYSTEM_FIRST, "--start", help="first year"),
    end: int = typer.Option(facts.SYSTEM_LAST, "--end", help="last year"),
    state: str = typer.Option(None, "--state", help="one major power's reach by year (code, abbreviation or name)"),
    out: Path = OUT,
    fmt: str = FORMAT,
    warehouse: Path = WAREHOUSE,
):
    """Alliances overcoming distance: allies vs all pairs, major powers' reach, loss of strength."""
    run_safely(check_choice, "--format", fmt, ("csv", "parquet", "feather", "dta"))
    from alliancelab.figures import geopolitics as plots
    from alliancelab.panels.lookup import Lookup
    from alliancelab.theory import geopolitics

    code = None
    if state is not None:
        code = run_safely(Lookup.get(warehouse).resolve, state, argument="--state")
    with console.status("measuring distances between allies"):
        result = run_safely(geopolitics.reach_analysis, start, end, warehouse=warehouse)
    _print(result.distances, "capital distance (km): allies vs all pairs, by era and obligation")
    _print(result.gradient.gradients, "loss-of-strength gradient: major powers' allies and dispute opponents")
    _print(result.institutions.models, "institutions of distant alliances: logit slope on log distance")
    reach = result.reach
    if code is not None:
        reach = reach[reach["ccode"] == code]
        if reach.empty:
            fail(f"argument --state={state!r}: not a COW major power in {start}-{end}")
        _print(reach[reach["year"] % 5 == 0], f"alliance reach of {state}", limit=60)
    else:
        decade = reach.assign(decade=reach["year"] // 10 * 10)
        summary = decade.groupby(["stateabb", "decade"], as_index=False)[["allies", "reach_km"]].max()
        wide = summary.pivot_table(index="decade", columns="stateabb", values="reach_km").reset_index()
        wide.attrs = {}
        _print(pd.DataFrame(wide), "alliance reach (km, largest in the decade) of each major power", digits=4)
    if out is not None:
        _write(
            {
                "distances": result.distances,
                "yearly_distances": result.yearly,
                "alliances": result.alliances,
                "noncontiguous_alliances": result.noncontiguous,
                "institution_shares": result.institutions.shares,
                "institution_models": result.institutions.models,
                "reach": result.reach,
                "gradient": result.gradient.gradients,
                "gradient_bands": result.gradient.bands,
            },
            out,
            fmt,
        )
        for paths in (
            plots.plot_distances(result.yearly, Path(out) / "distances"),
            plots.plot_reach(result.reach, Path(out) / "reach"),
            plots.plot_gradient(result.gradient.bands, Path(out) / "gradient"),
        ):
            console.print("wrote " + ", ".join(str(p) for p in paths))
