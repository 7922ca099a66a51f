"""Predicting alliance formation: ``alliancelab predict evaluate`` and ``alliancelab predict year YEAR``."""

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from alliancelab.cli import app, console, run_safely
from alliancelab.data import facts

predict_app = typer.Typer(
    help="Predict alliance formation out of sample (features from every theory).", no_args_is_help=True
)
app.add_typer(predict_app, name="predict")
WAREHOUSE = typer.Option(None, help="warehouse file (default: $ALLIANCELAB_WAREHOUSE or the standard place)")


def _print(frame, title, digits=4):
    table = Table(title=title, title_justify="left")
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.itertuples(index=False):
        table.add_row(*[f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row])
    Console(width=max(console.width, 40 + 12 * len(frame.columns))).print(table)  # wide tables stay readable


@predict_app.command("evaluate")
def evaluate(
    out: Path = typer.Option(Path("prediction"), help="folder for the tables (--format) and figures"),
    target: str = typer.Option("onset_any", help="onset_any, onset_defense or presence_any"),
    draws: int = typer.Option(200, help="bootstrap draws over test years"),
    warehouse: Path = WAREHOUSE,
    fmt: str = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta (Stata)"),
):
    """Rolling-origin and holdout evaluation of every model, the feature-group ablation, tables and plots."""
    from alliancelab.errors import check_choice
    from alliancelab.predict.evaluation import TABLE_FORMATS, write_evaluation
    from alliancelab.predict.evaluation import evaluate as run
    from alliancelab.predict.features import prediction_table

    run_safely(check_choice, "--format", fmt, TABLE_FORMATS)  # refused before the work starts
    console.print(f"building features for {facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST} ...")
    table = run_safely(prediction_table, warehouse=warehouse)
    result = run_safely(run, table, target=target, draws=draws, progress=lambda m: console.print(f"  {m}"))
    paths = run_safely(write_evaluation, result, out, fmt)
    _print(
        result.holdout[
            ["model", "n", "onsets", "base_rate", "roc_auc", "pr_auc", "pr_auc_low", "pr_auc_high", "brier"]
        ],
        f"Holdout ({target})",
    )
    summary = result.rolling.groupby("model", sort=False)[["roc_auc", "pr_auc", "brier"]].mean().reset_index()
    _print(summary, "Rolling origins: mean over splits")
    _print(
        result.ablation[
            ["variant", "pr_auc", "pr_auc_low", "pr_auc_high", "difference", "difference_low", "difference_high"]
        ],
        "Feature-group ablation (boosting, holdout)",
    )
    console.print(f"wrote {len(paths)} files to {out}")


@predict_app.command("year")
def year(
    year: int = typer.Argument(..., help="the onset year to predict (features from the year before)"),
    top: int = typer.Option(20, help="how many pairs to list"),
    model: str = typer.Option("boosting", help="baseline, penalised, boosting or network"),
    target: str = typer.Option("onset_any", help="onset_any or onset_defense"),
    out: Path = typer.Option(None, help="also write the ranking to this CSV/Parquet file"),
    by: str = typer.Option("group", help="contributions per feature 'group' or per 'feature'"),
    warehouse: Path = WAREHOUSE,
):
    """The most likely new alliances of YEAR, from a model trained on earlier years only."""
    from alliancelab.files import write_table
    from alliancelab.predict.evaluation import rank_year

    result = run_safely(rank_year, year, top=top, model=model, target=target, warehouse=warehouse, by=by)
    frame = result.ranking.drop(columns=["ccode1", "ccode2"])
    frame.columns = [c.replace("contrib_", "") for c in frame.columns]
    observed = "" if result.onsets < 0 else f"; observed onsets {result.onsets}, PR-AUC {result.pr_auc:.3f}"
    console.print(
        f"Most likely new alliances in {year} ({model}, {target}; {result.candidates} candidate pairs"
        f"{observed}). Columns after 'observed': each {'feature group' if by == 'group' else 'feature'}'s "
        "contribution to the log-odds."
    )
    _print(frame, "", digits=3)
    if out is not None:
        write_table(result.ranking, out, result.sources)
        console.print(f"wrote {out}")
