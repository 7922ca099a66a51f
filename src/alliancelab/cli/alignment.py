"""Alignment commands: ``alliancelab classify | walt | morrow | snyder | detente | profile A B``."""

import json
from pathlib import Path

import typer
from rich.table import Table

from alliancelab.cli import app, console, fail, run_safely
from alliancelab.cli._weights import WEIGHTS_HELP, parse_weights
from alliancelab.errors import check_choice

OUT_OPTION = typer.Option(None, "--out", help="folder for the tables (with their sources) and figures")
FORMAT_OPTION = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta (Stata)")
TABLE_FORMATS = ("csv", "parquet", "feather", "dta")

# Warehouse sources behind each command's tables (besides what a table records in attrs["sources"]).
DETENTE_SOURCES = ["states", "rivalries", "gml_dyads", "atop_dyads", "atop_members", "atop_alliances", "nmc"]
MORROW_SOURCES = ["states", "atop_members", "atop_alliances", "atop_dyads", "nmc", "majors"]
SNYDER_SOURCES = MORROW_SOURCES + ["rivalries", "gml_dyads", "contiguity", "min_distance", "capitals"]
WALT_SOURCES = ["polity", "contiguity", "majors", "rivalries", "gml_dyads"]


def print_table(frame, title, digits=3, limit=60):
    """Print the first ``limit`` rows of ``frame`` as a rich table, floats to ``digits`` decimals.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (its index is not shown; reset it first to show it).
    title : str
        Heading.
    digits : int
        Decimals of float cells.
    limit : int
        Rows shown at most.

    Examples
    --------
    >>> print_table(pd.DataFrame({"a": [0.5]}), "one row")  # doctest: +SKIP
    """
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*[f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)


def _citations(names, also=()):
    from alliancelab.panels.lookup import Lookup

    cited = list(also)
    return cited + [c for c in Lookup.get().citations(names) if c not in cited]


def save_table(frame, out, name, index=False, sources=None, fmt="csv"):
    """Write ``frame`` to OUT/NAME in ``fmt`` (csv, parquet, feather, dta) with its sources beside it.

    Nothing is written when ``out`` is None (the command only prints); a bad format or an unwritable
    folder exits with code 2 and one message (``run_safely``).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    out : str or Path or None
        The ``--out`` folder.
    name : str
        File name; its suffix is replaced by ``fmt``.
    index : bool
        Write the index as columns.
    sources : list of str, optional
        Citations (default: ``frame.attrs["sources"]``).
    fmt : {"csv", "parquet", "feather", "dta"}
        Table format.

    Examples
    --------
    >>> save_table(summary, "out", "morrow_formation.csv", sources=cited, fmt="parquet")  # doctest: +SKIP
    """
    if out is None:
        return
    from alliancelab.files import write_table

    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    cited = list(sources if sources is not None else frame.attrs.get("sources", []))
    frame = frame.reset_index() if index else frame
    path = Path(out) / f"{Path(name).stem}.{fmt}"
    run_safely(write_table, frame, path, cited, argument="--out")
    console.print(f"wrote {path}")


def _rule_options(form, lag, exclude_allies, partner_rule, partner_top_k, own_top_k, weights=None):
    """The ``RuleParams`` of the command line's options (a bad value exits 2 naming it)."""
    from alliancelab.theory.empirical.balancing import RuleParams

    return run_safely(
        RuleParams,
        form=form,
        weights=run_safely(parse_weights, weights, form),
        lag=lag,
        exclude_allies=exclude_allies,
        partner_rule=partner_rule,
        partner_top_k=partner_top_k,
        own_top_k=own_top_k,
    )


FORM = typer.Option("projected", "--form", help="threat measure: projected | additive | estimated")
LAG = typer.Option(1, "--lag", help="threat year = entry year - lag")
EXCLUDE = typer.Option("defense", "--exclude-allies", help="none | defense | any")
PARTNER = typer.Option("any", "--partner-rule", help="any | majority | all | ignore")
PARTNER_K = typer.Option(3, "--partner-top-k", help="a partner is threatened when the target is in its top k")
OWN_K = typer.Option(2, "--own-top-k", help="how many of the member's top threats the rule examines")
WEIGHTS = typer.Option(None, "--weights", help="threat weights: " + WEIGHTS_HELP)


@app.command("classify")
def classify_command(
    out: Path = OUT_OPTION,
    fmt: str = FORMAT_OPTION,
    form: str = FORM,
    lag: int = LAG,
    exclude_allies: str = EXCLUDE,
    partner_rule: str = PARTNER,
    partner_top_k: int = PARTNER_K,
    own_top_k: int = OWN_K,
    weights: str = WEIGHTS,
    famous: bool = typer.Option(True, "--famous/--no-famous", help="show the famous cases"),
    sensitivity: bool = typer.Option(False, "--sensitivity", help="rerun over the parameter variants"),
    case: str = typer.Option(None, "--case", help="ATOPID:MEMBER (code, abbreviation or name), show one decision"),
    draws: int = typer.Option(0, "--draws", help="with --case: weight draws for the label's stability (0 = skip)"),
):
    """Classify every ATOP 4.01 alignment decision: balancing, bandwagoning, bandwagoning for profit,
    buck-passing, coerced, hedging, not a security alignment (or neither)."""
    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    from alliancelab.theory.empirical import balancing

    params = _rule_options(form, lag, exclude_allies, partner_rule, partner_top_k, own_top_k, weights)
    if case:  # check the form of --case before the classification runs
        from alliancelab.data.names import resolve_state

        atopid, _, member = case.partition(":")
        if not atopid.strip().isdigit() or not member.strip():
            fail(f"argument --case {case!r}: expected ATOPID:CCODE, e.g. 3180:200 or 3180:UK")
        atopid, member = int(atopid), run_safely(resolve_state, member, argument="--case")
    with console.status("classifying the ATOP record"):
        table = run_safely(balancing.classify, params=params)
    cited = table.attrs.get("sources", [])
    print_table(balancing.alignment_shares(table), "alignments (all decisions)")
    print_table(balancing.shares(table), "threat rule: label shares (all decisions)")
    if case:
        row = run_safely(balancing.case, table, atopid, member)
        if draws:
            with console.status(f"{draws} weight draws"):
                stability = run_safely(
                    balancing.label_uncertainty,
                    row.drop(columns=[c for c in row.columns if c not in balancing.decisions().columns]),
                    draws=draws,
                    params=params,
                )
            row = row.assign(
                modal_alignment=stability["modal_alignment"].to_numpy(), stability=stability["stability"].to_numpy()
            )
        for _, decision in row.iterrows():
            console.print(
                f"[bold]{decision['stateabb']} in ATOP {atopid} ({decision['year']}): {decision['alignment']}"
                f"{' ' + decision['alignment_threat_abb'] if decision['alignment_threat_abb'] else ''}[/]"
                f"\n  because: {decision['alignment_reason']}"
            )
            if draws:
                console.print(
                    f"  stability over {draws} weight draws: {decision['stability']:.2f} "
                    f"(modal label {decision['modal_alignment']})"
                )
        console.print(row.T.to_string())
    if famous:
        cases = balancing.famous_cases(table)
        columns = ["case", "stateabb", "year", "jstar_abb", "target_abb", "label", "alignment", "alignment_threat_abb"]
        print_table(cases[columns], "famous cases (balancing.famous_cases for every input)")
    save_table(table, out, "classified_decisions.csv", sources=cited, fmt=fmt)
    if sensitivity:
        with console.status("sensitivity analysis"):
            sens = run_safely(balancing.sensitivity)
        print_table(sens, "sensitivity of the labels to the rule parameters")
        save_table(sens, out, "sensitivity.csv", sources=cited, fmt=fmt)


@app.command("walt")
def walt_command(
    out: Path = OUT_OPTION,
    fmt: str = FORMAT_OPTION,
    ideology: bool = typer.Option(
        True, "--ideology/--no-ideology", help="also fit the dyadic ideology-vs-threat models"
    ),
):
    """Walt's propositions: label shares by era and region, conditions of bandwagoning, ideology vs threat."""
    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    from alliancelab.theory.empirical import balancing, walt_tests

    with console.status("classifying and fitting"):
        table = run_safely(balancing.classify)
        shares = walt_tests.walt_shares(table)
        model, data = run_safely(walt_tests.bandwagoning_model, table)
        rates = walt_tests.condition_rates(data)
    cited = _citations(WALT_SOURCES, table.attrs.get("sources", []))
    for name, frame in shares.items():
        print_table(
            frame[[c for c in frame.columns if not c.endswith("_share") or c.startswith("b")]], f"shares: {name}"
        )
        save_table(frame, out, f"walt_shares_{name}.csv", sources=cited, fmt=fmt)
    print_table(
        model.reset_index(), f"logit of bandwagoning (vs balancing), n={model.attrs['n']}, clustered by alliance", 4
    )
    print_table(rates, "bandwagoning share by condition")
    save_table(model, out, "walt_bandwagoning_logit.csv", index=True, sources=cited, fmt=fmt)
    save_table(rates, out, "walt_condition_rates.csv", sources=cited, fmt=fmt)
    if out is not None:
        walt_tests.plot_shares(shares, Path(out) / "walt_shares")
        walt_tests.plot_effects(
            model, Path(out) / "walt_bandwagoning_effects", "Bandwagoning vs balancing: average marginal effects"
        )
    if ideology:
        with console.status("fitting the dyadic onset models (politically relevant dyads 1817-2010)"):
            result = run_safely(walt_tests.ideology_vs_threat)
        for name, frame in result["tables"].items():
            print_table(
                frame.reset_index(),
                f"alliance onset, {name} model (n={frame.attrs['n']}, events={frame.attrs['events']})",
                4,
            )
            save_table(frame, out, f"walt_ideology_{name}.csv", index=True, sources=cited, fmt=fmt)
        print_table(result["lr_tests"], "likelihood-ratio tests", 4)
        save_table(result["lr_tests"], out, "walt_ideology_lr_tests.csv", sources=cited, fmt=fmt)
        if out is not None:
            walt_tests.plot_effects(
                result["tables"]["both"],
                Path(out) / "walt_ideology_effects",
                "Alliance onset: threat and ideology (AMEs)",
            )


@app.command("morrow")
def morrow_command(
    out: Path = OUT_OPTION,
    fmt: str = FORMAT_OPTION,
    threshold: float = typer.Option(0.10, "--threshold", help="large capability change (TV distance)"),
):
    """Morrow's security-autonomy trade-off: formation rates, duration (KM, Cox), capability change."""
    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    from alliancelab.theory.empirical import management

    with console.status("alliances, formation rates and survival"):
        alliances = run_safely(management.alliance_table)
        summary = management.formation_summary(management.formation_rates())
        result = management.survival(alliances)
        hazard, rates, _ = run_safely(management.capability_change_hazard, threshold=threshold)
    cited = _citations(MORROW_SOURCES)
    print_table(summary, "new dyadic ties per 1,000 dyad-years at risk")
    console.print("median duration (years) by kind:", json.dumps(result.median_kind))
    console.print("median duration (years) by ATOP asymm:", json.dumps(result.median_asymm))
    print_table(result.tests, "log-rank tests", 4)
    print_table(
        result.cox.reset_index(),
        f"Cox model of alliance duration (n={result.cox.attrs['n']}, "
        f"concordance {result.cox.attrs['concordance']:.3f})",
        4,
    )
    print_table(hazard.reset_index(), "discrete-time logit of termination on a large capability change", 4)
    print_table(rates, "termination rate by large capability change", 4)
    save_table(summary, out, "morrow_formation.csv", sources=cited, fmt=fmt)
    save_table(result.cox, out, "morrow_cox.csv", index=True, sources=cited, fmt=fmt)
    save_table(result.tests, out, "morrow_logrank.csv", sources=cited, fmt=fmt)
    save_table(hazard, out, "morrow_capability_hazard.csv", index=True, sources=cited, fmt=fmt)
    if out is not None:
        from alliancelab.figures.alignment import kaplan_meier

        kaplan_meier(result.km_kind, result.km_asymm, Path(out) / "morrow_km")


@app.command("snyder")
def snyder_command(out: Path = OUT_OPTION, fmt: str = FORMAT_OPTION):
    """Snyder's abandonment / entrapment indicators and the detente test for rivalry-tied alliances."""
    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    from alliancelab.theory.empirical import balancing, detente, management

    with console.status("indicators per alliance-year"):
        members, alliances = run_safely(management.snyder_indicators)
        outcome, _ = management.snyder_outcomes(alliances)
        polarity = management.snyder_by_polarity(alliances)
        flagged = detente.detente().flagged
        ties = management.rivalry_alliances(balancing.classify())
        rates, table, _ = management.detente_weakening(ties, flagged)
    cited = _citations(SNYDER_SOURCES)
    print_table(alliances.describe().T.reset_index(), "alliance-year indicators (summary)")
    print_table(outcome.reset_index(), "logit: alliance ends next year, on this year's indicators", 4)
    print_table(polarity, "the same logit by system polarity (Snyder: sharper when multipolar)", 4)
    save_table(polarity, out, "snyder_by_polarity.csv", sources=cited, fmt=fmt)
    print_table(rates, "rivalry-tied alliance-years: weakening by detente", 4)
    print_table(table.reset_index(), "logit of weakening on detente (clustered by alliance)", 4)
    save_table(outcome, out, "snyder_outcomes.csv", index=True, sources=cited, fmt=fmt)
    save_table(rates, out, "snyder_detente_rates.csv", sources=cited, fmt=fmt)
    save_table(table, out, "snyder_detente_logit.csv", index=True, sources=cited, fmt=fmt)


def _dyad_codes(text):
    """'2:365', 'USA:RUS' or 'United States:Soviet Union' -> (2, 365); ParameterError otherwise."""
    from alliancelab.data.names import resolve_pair

    return resolve_pair(text, argument="--dyad")


@app.command("detente")
def detente_command(
    out: Path = OUT_OPTION,
    fmt: str = FORMAT_OPTION,
    dyad: str = typer.Option(None, "--dyad", help="A:B (codes, abbreviations or names), e.g. 2:365 or USA:Russia"),
    drop: float = typer.Option(0.5, "--drop", help="how far below the recent peak a falling year is (z units)"),
    window: int = typer.Option(5, "--window", help="years before t whose peak tension t is compared with"),
    min_years: int = typer.Option(3, "--min-years", help="shortest run of falling years that makes a period"),
    smooth: int = typer.Option(3, "--smooth", help="length of the trailing mean of each signal, in years"),
):
    """Tension index of strategic rival dyads and detente periods, with the sides' alliance changes."""
    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    from alliancelab.theory.empirical import detente

    with console.status("tension index"):
        params = run_safely(detente.DetenteParams, smooth=smooth, window=window, drop=drop, min_years=min_years)
        found = run_safely(detente.detente, params=params)
        flagged, periods, changes = found.flagged, found.periods, found.changes
    cited = _citations(DETENTE_SOURCES)
    if dyad:
        a, b = sorted(run_safely(_dyad_codes, dyad))
        key = a * 1000 + b
        periods, changes = periods[periods["dyad"] == key], changes[changes["dyad"] == key]
        if out is not None:
            from alliancelab.panels.lookup import Lookup

            lookup = Lookup.get()
            label = f"{lookup.abbreviation(a)}-{lookup.abbreviation(b)}"
            detente.plot_tension(flagged, periods, [key], str(Path(out) / f"detente_{a}_{b}"), names={key: label})
    print_table(periods, f"detente periods ({len(periods)})")
    print_table(changes, "alliances of each side during detente (and the window before)")
    save_table(periods, out, "detente_periods.csv", sources=cited, fmt=fmt)
    save_table(changes, out, "detente_alliance_changes.csv", sources=cited, fmt=fmt)


@app.command("profile")
def profile_command(
    a: str = typer.Argument(..., help="COW code, abbreviation or name, e.g. 2, USA or 'United States'"),
    b: str = typer.Argument(..., help="COW code, abbreviation or name, e.g. 732, ROK or 'South Korea'"),
    out: Path = typer.Option(Path("."), "--out", help="folder for the report"),
    k: int = typer.Option(5, "--k", help="top threats per side"),
    fmt: str = FORMAT_OPTION,
):
    """Alliance profile of one dyad over time (the seed's R.O.K.-U.S. analysis), as one report."""
    from alliancelab.theory.empirical import profile

    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    with console.status("building the profile"):
        result = run_safely(profile.profile, a, b, k=k)
        stem = run_safely(profile.write_report, result, out, fmt)
    years = result.years
    columns = ["year", "asymmetry", "milex_share_a", "allied", "similarity", "common_threats", "detente_with_adversary"]
    print_table(years[years["year"] % 5 == 0][columns], f"{result.names['name_a']} - {result.names['name_b']}")
    console.print(f"wrote {stem}.md, .{fmt} (and _adversaries, _detente), .html, .png")
