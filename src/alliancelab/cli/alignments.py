"""``alliancelab alignments validate``: agreement of the alignment classification with the literature."""

from pathlib import Path

import typer

from alliancelab.cli import app, console, fail, run_safely
from alliancelab.cli._weights import WEIGHTS_HELP, parse_weights
from alliancelab.cli.alignment import FORMAT_OPTION, TABLE_FORMATS, print_table, save_table
from alliancelab.errors import check_choice

alignments_app = typer.Typer(
    help="The alignment classification held against the historical literature.", no_args_is_help=True
)
app.add_typer(alignments_app, name="alignments")


@alignments_app.command("validate")
def validate_command(
    out: Path = typer.Option(None, "--out", help="folder for the per-case table (default: print only)"),
    fmt: str = FORMAT_OPTION,
    draws: int = typer.Option(0, "--draws", help="weight draws for the label stability (0 = skip; ~2 s each)"),
    seed: int = typer.Option(0, "--seed", help="seed of the weight draws"),
    form: str = typer.Option(None, "--form", help="threat measure: projected (default), additive or estimated"),
    weights: str = typer.Option(None, "--weights", help="threat weights: " + WEIGHTS_HELP),
    fitted: bool = typer.Option(
        False, "--fitted-weights", help="the same as --weights fitted (kept for older scripts)"
    ),
    held_out: int = typer.Option(
        0,
        "--held-out",
        help="random alliance halvings for the held-out agreement of the rule switches (0 = skip; ~1-2 min)",
    ),
):
    """Agreement (label, and label plus threat) with the curated cases; every disagreement listed."""
    from alliancelab.theory.empirical import balancing

    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)
    if fitted:
        if weights not in (None, "fitted"):
            fail(f"arguments --fitted-weights and --weights {weights}: give one (--fitted-weights is --weights fitted)")
        console.print("note: --fitted-weights is the same as --weights fitted", highlight=False)
        weights = "fitted"
    parsed = run_safely(parse_weights, weights, form or "projected")
    with console.status("classifying the ATOP record"):
        chosen = ({} if form is None else {"form": form}) | ({} if parsed is None else {"weights": parsed})
        params = run_safely(balancing.RuleParams, **chosen)
        classified = run_safely(balancing.classify, params=params)
        cases = balancing.load_cases()
    uncertainty = None
    if draws:
        table = balancing.decisions()
        table = table.merge(cases[["atopid", "ccode", "year"]].rename(columns={"ccode": "member"}))
        with console.status(f"{draws} weight draws"):
            uncertainty = run_safely(balancing.label_uncertainty, table, draws=draws, seed=seed, params=params)
    result = run_safely(balancing.validate, classified, uncertainty=uncertainty)
    console.print(
        f"[bold]{result.n} cases[/]: label agreement {result.label_agreement:.3f} "
        f"({int(result.cases['agree_label'].sum())}/{result.n}), label + threat {result.threat_agreement:.3f} "
        f"({int(result.cases['agree_threat'].sum())}/{result.n})"
    )
    undisputed = result.n - result.n_disputed
    console.print(
        f"undisputed cases ({undisputed} of {result.n}; {result.n_disputed} disputed in the literature): label "
        f"{result.undisputed_label_agreement:.3f}, label + threat {result.undisputed_threat_agreement:.3f}"
    )
    if held_out:
        with console.status(f"held-out agreement: {len(balancing.combinations())} switch combinations"):
            h = run_safely(balancing.held_out_agreement, seeds=held_out, form=params.form, weights=params.weights)
        console.print(
            f"held-out (switches chosen on one half of the alliances, scored on the other; {held_out} halvings): "
            f"label {h.halves['label'].mean() / h.n:.3f} (range {h.halves['label'].min()}-{h.halves['label'].max()} "
            f"of {h.n}), label + threat {h.halves['threat'].mean() / h.n:.3f} "
            f"(range {h.halves['threat'].min()}-{h.halves['threat'].max()}); in-sample defaults "
            f"{h.default['label']}/{h.n} and {h.default['threat']}/{h.n}"
        )
        e = h.era
        console.print(
            f"held-out by era (chosen before 1914 and 1945-1990, scored on the other {e['n_test']}): label "
            f"{e['label']}, label + threat {e['threat']} (defaults {e['default_label']} and {e['default_threat']}; "
            f"every switch off {e['simplest_label']} and {e['simplest_threat']})"
        )
    print_table(result.by_group, "agreement by group")
    print_table(result.confusion.reset_index(), "expected label (rows) x model alignment (columns)")
    columns = [
        "case_id",
        "expected_label",
        "expected_threat",
        "alignment",
        "alignment_threat",
        "cause",
        "alignment_reason",
        "disputed",
    ]
    if uncertainty is not None:
        columns.append("stability")
    print_table(result.disagreements[columns], f"disagreements ({len(result.disagreements)})", limit=10_000)
    save_table(result.cases, out, "alignment_validation.csv", fmt=fmt)
