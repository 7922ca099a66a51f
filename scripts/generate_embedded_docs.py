"""Regenerate the numbers, tables and figures of docs/embedded.md (between <!-- gen:NAME --> markers).

Run from the repository root: PYTHONPATH=src python scripts/generate_embedded_docs.py
Figures go to docs/figures/embedded/ (HTML + PNG).
"""

import contextlib
import io
import re
import runpy
import sys
from pathlib import Path

import pandas as pd

from alliancelab.theory.embedded import atop, firms, plots
from alliancelab.theory.embedded import loglinear as ll

DOC = Path("docs/embedded.md")
FIGURES = Path("docs/figures/embedded")
DRAWS = 499
SEED = 0


def md(frame, digits=2):
    frame = frame.copy()
    for column in ("ddf", "df"):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else str(int(round(v))))
    for column in frame.columns:
        if frame[column].dtype.kind == "f":
            frame[column] = frame[column].map(
                lambda v: "" if pd.isna(v) else (f"{v:.{digits}f}" if v == 0 or abs(v) >= 10**-digits else f"{v:.1e}")
            )
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join([head, rule] + ["| " + " | ".join(map(str, r)) + " |" for r in frame.itertuples(index=False)])


def short(model):
    """Model names with one-letter factors, for narrow tables."""
    letters = {"obligation": "O", "institutions": "I", "capability": "C", "wartime": "W", "members": "M", "era": "E"}
    out = model
    for name, letter in letters.items():
        out = out.replace(name, letter)
    return out.replace("*", "")


def main():
    G = {}
    chars = atop.alliance_characteristics()
    G["sources"] = "\n".join(f"- {s}" for s in chars.attrs["sources"])
    counts = []
    for f in atop.FACTORS + ("era",):
        vc = chars[f].value_counts(dropna=False)
        counts.append(
            {
                "characteristic": f,
                "levels (alliances)": "; ".join(f"{'missing' if pd.isna(k) else k} {v}" for k, v in vc.items()),
            }
        )
    G["counts"] = md(pd.DataFrame(counts))
    check = pd.crosstab(chars["institutions"], chars["milinst"].fillna(-1).astype(int)).rename(
        columns={-1: "missing", 0: "milinst 0", 1: "milinst 1", 2: "milinst 2"}
    )
    G["milinst"] = md(check.reset_index())

    e = atop.embeddedness(characteristics=chars, draws=DRAWS, seed=SEED)
    G["n"] = (
        f"{e.n_alliances} of {e.n_alliances + e.n_dropped} alliances have all five characteristics "
        f"({e.n_dropped} left out for a missing one); the table has {len(e.table.cells)} cells."
    )
    models = e.models.copy()
    models["model"] = models["model"].map(short)
    G["models"] = md(models[["model", "G2", "X2", "df", "p_G2", "AIC", "BIC", "share_expected_below_5"]], 3)
    G["partial"] = md(e.partial.rename(columns={"order": "all k-way terms, k ="}), 3)
    steps = e.backward.steps.copy()
    steps["model"] = steps["model"].map(short)
    G["backward"] = md(steps[["step", "action", "term", "G2", "df", "dG2", "ddf", "p", "AIC", "BIC"]], 3)
    steps = e.forward.steps.copy()
    steps["model"] = steps["model"].map(short)
    G["forward"] = md(steps[["step", "action", "term", "G2", "df", "dG2", "ddf", "p", "AIC", "BIC"]], 3)
    other = []
    for direction in ("backward", "forward"):
        for criterion in ("aic", "bic"):
            s = ll.select_model(e.table, direction, criterion=criterion)
            other.append(
                {
                    "direction": direction,
                    "criterion": criterion.upper(),
                    "selected": s.best.model,
                    "G2": s.best.g2,
                    "df": s.best.df,
                }
            )
    G["criteria"] = md(pd.DataFrame(other))
    best = e.backward.best
    mc = e.monte_carlo
    G["selected"] = (
        f"**Selected model (likelihood-ratio tests, backward and forward agree): `{best.model}`**, "
        f"G2 = {best.g2:.2f}, X2 = {best.x2:.2f}, df = {best.df}, asymptotic p = {best.p_g2:.3f}; "
        f"{best.small_expected_share:.0%} of the cells have expected counts below 5, so the "
        f"Monte-Carlo test ({mc.draws} tables drawn from the fitted model, seed {mc.seed}) is the one "
        f"to read: p(G2) = {mc.p_g2:.3f}, p(X2) = {mc.p_x2:.3f}."
    )
    G["dominant"] = md(e.description.dominant)
    G["patterns_all"] = md(atop.pattern_table(chars).query("era == 'all eras'").drop(columns="era"))
    odds = e.description.odds_ratios
    G["odds"] = md(odds[["parameter", "odds_ratio", "ci_low", "ci_high", "p"]])

    FIGURES.mkdir(parents=True, exist_ok=True)
    three = ll.collapse(e.table, ["obligation", "institutions", "members"])
    plots.mosaic(
        ll.describe(three, ll.saturated(three.factors)),
        FIGURES / "atop_obligation_institutions_members",
        title="ATOP 4.01: obligation x institutions x members (shaded by residual against independence)",
        sources=e.table.sources,
    )
    four = ll.collapse(e.table, ["capability", "institutions", "obligation", "members"])
    plots.mosaic(
        ll.describe(four, ll.saturated(four.factors)),
        FIGURES / "atop_capability_institutions",
        title="ATOP 4.01: capability x institutions x obligation x members",
        sources=e.table.sources,
    )

    era_draws = 199
    change = atop.era_change(best.generating_class, characteristics=chars, draws=era_draws, seed=SEED)
    tests = change.tests.copy()
    tests["from"] = tests["from"].map(short)
    tests["to"] = tests["to"].map(short)
    G["era_tests"] = md(tests, 3)
    verdict = []
    for row in change.tests.itertuples():
        verdict.append(
            f"*{row.test}*: dG2 = {row.dG2:.1f} on {int(row.ddf)} df, chi-square p = {row.p:.2g}, "
            f"Monte-Carlo p = {row.p_monte_carlo:.3f} ({era_draws} draws; {1 / (era_draws + 1):.3f} is the "
            "smallest possible)"
        )
    G["era_verdict"] = "; ".join(verdict) + "."
    patterns = change.patterns.copy()
    G["patterns"] = md(patterns)
    selected = change.selected.copy()
    G["era_selected"] = md(selected, 3)
    G["era_dominant"] = md(change.dominant)
    shares = change.shares.pivot_table(index=["factor", "level"], columns="era", values="share", observed=True)
    shares = shares[[c for c in atop.ERA_LABELS if c in shares.columns]].reset_index()
    G["era_shares"] = md(shares)
    for era in atop.ERA_LABELS:
        sub = atop.atop_table(["obligation", "institutions", "members"], era=era, characteristics=chars)
        plots.mosaic(
            ll.describe(sub, ll.saturated(sub.factors)),
            FIGURES / f"atop_era_{era.replace(' ', '_')}",
            title=f"ATOP 4.01, {era}: obligation x institutions x members",
            sources=sub.sources,
        )

    G["firm_margins"] = md(firms.published_margins())
    t = firms.example_table()
    G["firm_table"] = md(t.cells[list(t.factors) + ["count"]].rename(columns={"count": "alliances (simulated)"}))
    fm = ll.fit_models(t)
    G["firm_models"] = md(fm[["model", "G2", "X2", "df", "p_G2", "AIC", "BIC"]], 3)
    sel = ll.select_model(t)
    fd = ll.describe(t, sel.best)
    G["firm_selected"] = (
        f"Backward selection keeps `{sel.best.model}` (removing the three-way term costs "
        f"dG2 = {sel.candidates.iloc[0]['dG2']:.2f} on {int(sel.candidates.iloc[0]['ddf'])} df, "
        f"p = {sel.candidates.iloc[0]['p']:.1e}); forward selection ends at "
        f"`{ll.select_model(t, 'forward').best.model}`."
    )
    G["firm_dominant"] = md(fd.dominant)
    plots.mosaic(
        fd,
        FIGURES / "firm_example",
        title="SIMULATED firm-alliance example (not data): area x flow x form",
        sources=t.sources,
    )

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path("bench/loglinear.py", run_name="__main__")
    G["bench"] = "```\n" + buffer.getvalue().strip() + "\n```"

    text = DOC.read_text()
    for key, value in G.items():
        pattern = re.compile(rf"(<!-- gen:{key} -->\n)(?:.*?\n)?(<!-- /gen:{key} -->)", re.S)
        if not pattern.search(text):
            sys.exit(f"marker gen:{key} missing in {DOC}")
        text = pattern.sub(lambda m, v=value: m.group(1) + v + "\n" + m.group(2), text)
    DOC.write_text(text)
    print(f"wrote {DOC} and {FIGURES}/")


if __name__ == "__main__":
    main()
