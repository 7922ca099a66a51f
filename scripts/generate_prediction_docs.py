"""Regenerate docs/prediction.md: run the whole evaluation, write its tables and figures to
docs/figures/prediction/, and fill the page's numbers from them (nothing typed by hand).

Usage: python scripts/generate_prediction_docs.py
"""

import dataclasses
import time
from pathlib import Path

import pandas as pd

from alliancelab.files import write_text
from alliancelab.predict.evaluation import evaluate, rank_year, write_evaluation
from alliancelab.predict.features import GROUPS, prediction_table

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures" / "prediction"


def md(frame, digits=3):
    frame = frame.copy()
    for c in frame.columns:
        if frame[c].dtype.kind == "f":
            frame[c] = frame[c].map(lambda v: "" if pd.isna(v) else f"{v:.{digits}f}")
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join([head, rule] + ["| " + " | ".join(map(str, r)) + " |" for r in frame.itertuples(index=False)])


def ranking_table(result):
    frame = result.ranking.drop(columns=["ccode1", "ccode2"]).copy()
    frame.columns = [c.replace("contrib_", "") for c in frame.columns]
    return md(frame, 2).replace("| probability |", "| p |")


def us_soviet_detente():
    """The descriptive detente period of the United States and the Soviet Union that contains 1972, and the
    years of that period in which the causal feature has a detente under way."""
    from alliancelab.predict.detente import causal_detente, load_signals
    from alliancelab.theory.empirical.detente import detente

    result = detente()  # (dyad-years, periods, alliance changes), or a dataclass with those tables
    parts = (
        [getattr(result, f.name) for f in dataclasses.fields(result)]
        if dataclasses.is_dataclass(result)
        else list(result)
    )
    periods = next(p for p in parts if isinstance(p, pd.DataFrame) and {"start", "end", "peak"} <= set(p.columns))
    hit = periods[(periods["dyad"] == 2365) & (periods["start"] <= 1972) & (periods["end"] >= 1972)].iloc[0]
    causal = causal_detente(load_signals())
    usa_ussr = causal[(causal["dyad"] == 2365) & causal["year"].between(hit["start"], hit["end"])]
    years = usa_ussr.loc[usa_ussr["detente_now"] == 1, "year"]
    return f"{hit['start']}-{hit['end']}", f"{years.min()}-{years.max()}"


def main():
    started = time.perf_counter()
    table = prediction_table()
    built = time.perf_counter() - started
    result = evaluate(table, progress=print)
    evaluated = time.perf_counter() - started
    write_evaluation(result, FIGURES)
    holdout = result.holdout
    best = holdout.sort_values("pr_auc", ascending=False).iloc[0]
    rolling = result.rolling.pivot(index=["split", "onsets", "base_rate"], columns="model", values="pr_auc")
    rolling = rolling[[m for m in holdout["model"]]].reset_index()
    rolling_mean = result.rolling.groupby("model", sort=False)[["roc_auc", "pr_auc", "brier"]].mean().reset_index()
    base_mean = result.rolling["base_rate"].groupby(result.rolling["model"]).mean().iloc[0]
    ablation = result.ablation.drop(columns=["groups"])
    others = result.other_targets
    nato = rank_year(1949, top=10, model="boosting", table=table)
    y2010 = rank_year(2010, top=10, model=best["model"], table=table)
    y2017 = rank_year(2017, top=10, model=best["model"], table=table)
    drops = result.ablation[result.ablation["variant"].str.startswith("without ")]
    helps = [v.replace("without ", "") for v, hi in zip(drops["variant"], drops["difference_high"]) if hi < 0]
    noise = [v.replace("without ", "") for v, lo in zip(drops["variant"], drops["difference_low"]) if lo > 0]
    reading = (
        "Dropping " + ", ".join(f"`{g}`" for g in helps) + " lowers the holdout PR-AUC with a 95% interval "
        "below zero: these theories add predictive power beyond the others."
        if helps
        else "No single group's removal lowers the holdout PR-AUC with an interval below zero."
    )
    others_text = [v.replace("without ", "") for v in drops["variant"] if v.replace("without ", "") not in helps]
    reading += (
        " For "
        + ", ".join(f"`{g}`" for g in others_text)
        + " the interval includes zero (or lies above it"
        + (": " + ", ".join(f"`{g}`" for g in noise) if noise else ": none")
        + ")."
    )
    groups = "\n".join(f"- `{g}`: " + ", ".join(f"`{c}`" for c in cols) for g, cols in GROUPS.items())
    us_period, us_causal = us_soviet_detente()
    text = TEMPLATE.format(
        groups=groups,
        us_period=us_period,
        us_causal=us_causal,
        holdout=md(
            holdout[["model", "n", "onsets", "base_rate", "roc_auc", "pr_auc", "pr_auc_low", "pr_auc_high", "brier"]], 4
        ),
        best=best["model"],
        best_pr=best["pr_auc"],
        best_ratio=best["pr_auc"] / best["base_rate"],
        base=best["base_rate"],
        rolling=md(rolling, 3),
        rolling_mean=md(rolling_mean, 4),
        base_mean=base_mean,
        ablation=md(ablation, 4),
        reading=reading,
        others=md(others[["target", "model", "n", "onsets", "base_rate", "roc_auc", "pr_auc", "brier"]], 4),
        nato=ranking_table(nato),
        nato_candidates=nato.candidates,
        nato_onsets=nato.onsets,
        nato_pr=nato.pr_auc,
        y2010=ranking_table(y2010),
        y2010_candidates=y2010.candidates,
        y2010_onsets=y2010.onsets,
        y2010_pr=y2010.pr_auc,
        y2017=ranking_table(y2017),
        y2017_candidates=y2017.candidates,
        built=built,
        evaluated=evaluated,
        sources="; ".join(result.sources),
    )
    write_text(ROOT / "docs" / "prediction.md", text)
    print(f"wrote docs/prediction.md ({evaluated:.0f} s)")


TEMPLATE = """# Predicting alliance formation

Which pairs of states will form an alliance next year, and which theory's variables help predict it?
alliancelab turns every theory of alliance formation into features of the non-directed dyad-year, fits four
models and evaluates them out of sample, forward in time only.

<!-- generated by scripts/generate_prediction_docs.py; edit the template there, not this page -->

## Task
- Unit: the non-directed dyad-year t (both states COW system members in t).
- Target `onset_any`: the pair has an ATOP obligation (defense, offense, neutrality, non-aggression or
  consultation) in t+1 and none in t; pairs already allied in t are not at risk and have no label.
  `onset_defense` is the same for a defense pledge. `presence_any` (any ATOP obligation in t+1, all pairs)
  is the second, much easier task.
- No feature uses information dated after t. The builder reads, for year t, only input rows of years <= t;
  a test shuffles every input after t and redraws the threat model after t, and checks that the features of
  t do not change.

## Features, by theory
{groups}

`power`: capabilities (CINC) and their ratio (balance of power). `threat`: the project's balance-of-threat
model (Walt's power, proximity, offensive power, intentions): the mutual threat, the largest threat each side
faces, common-threat strength sum_k T[a,k] T[b,k] and the number of third states among the five strongest
threats to both. `geography`: distances and contiguity. `ideology`: Polity2. `network`: the alliance network
of year t (shared allies = triangles the tie would close, degrees, portfolio similarity S, alliance memory).
`hostility`: disputes and rivalry, and common rivals. `trade`: monadic total trade (the warehouse has no dyadic
trade). `status`: major powers and the age of the younger state in the system. Missing values stay missing.

`landscape`: the pairwise propensity p_ij of Axelrod and Bennett's landscape theory of aggregation, with the
same components and default weights as `alliancelab landscape` (alliance ties and their history, shared
allies, named threats in treaties, allies of rivals, rivalry, decayed disputes, wars fought together or
against each other, territorial disputes between neighbours, regime similarity, a trade-gravity proxy), for
every pair of system members in every year; `landscape_pull` = s_i s_j p_ij with CINC sizes, the pair's term in
the landscape energy. Every component of year t reads data of years <= t (windows reach back from t); a test
checks the numbers against the landscape module on whole state systems (1914 and 1985).

`detente`: whether the pair's strategic rivalry is in a detente in t, how many years its tension has been
falling and the tension itself. The descriptive detente measure (`alliancelab detente`) looks ahead twice:
it standardises each tension signal over the whole rivalry spell, and it dates a detente from its first
falling year although a period only counts once it has lasted three years. The feature uses a causal
version: each signal is standardised with the spell's years up to t (real-time tension), the falling rule
is unchanged, and a detente is recognised in its third consecutive falling year, not before. For the
United States and the Soviet Union the descriptive measure dates the detente of the 1970s {us_period}; of
those years the causal feature has a detente under way in {us_causal}. A test checks that the leakage check
fails for the descriptive version.

"Dated t or earlier" is about the data as published: a few sources are coded after the fact. Strategic
rivalries (Thompson & Dreyer) are identified by historians who know how a relationship developed, and the
latent territorial threat inside the threat model is a measurement-model estimate; both may carry some
hindsight that no builder can remove.

<!-- no-run: tests/predict/test_predict_docs.py runs this page's Python examples -->
```python
from alliancelab import dyad_years
from alliancelab.predict.features import add_prediction_features

panel = add_prediction_features(dyad_years(2000, 2001, directed=False), groups=["power", "network"], targets=True)
print(panel[["ccode1", "ccode2", "year", "capability_ratio_log", "shared_allies", "onset_any"]].head())
```

## Models
- `baseline`: the standard unpenalised logit of the literature: capability ratio, capital distance, Polity
  distance and joint democracy, disputes in the last ten years, number of major powers.
- `penalised`: L2-penalised logit on all features (median imputation with missingness indicators).
- `boosting`: scikit-learn HistGradientBoosting on all features.
- `network`: a TERGM-style logit: tie formation in t+1 on lagged network statistics of t (shared partners,
  degrees, alliance memory, portfolio similarity) plus the baseline covariates. With lagged terms only, the
  TERGM pseudo-likelihood is this logit.

All four sit behind one scikit-learn estimator, `AlliancePredictor(model=..., groups=..., negative_fraction=...)`
with `fit`, `predict_proba`, `score` (PR-AUC) and `contributions` (each feature group's contribution to the
log-odds: the change when the group is set to the training median). Training keeps 5% of the negative rows and
weights them by 20, so the probabilities stay on the full-sample scale; test rows are never subsampled.

<!-- no-run: tests/predict/test_predict_docs.py runs this page's Python examples -->
```python
from alliancelab.predict.evaluation import fit_predict, holdout_split, metrics
from alliancelab.predict.features import prediction_table

table = prediction_table()   # features and targets of 1816-2016
estimator, predictions = fit_predict(table, holdout_split(), target="onset_any", model="network")
print(metrics(predictions["y"], predictions["p"]))
```

## Evaluation: forward in time only
Fixed holdout: train on onsets of 1817-1990, test 1991-2016. PR-AUC is the headline (onsets are rare; a random
ranking scores the base rate); 95% intervals from a bootstrap over test years.

{holdout}

The best model on the holdout is **{best}**: PR-AUC {best_pr:.3f}, {best_ratio:.1f} times the base rate of
{base:.4f}.

![precision-recall](figures/prediction/prediction_pr.png)

Calibration (observed onset rate against the mean prediction, ten quantile bins):

![calibration](figures/prediction/prediction_calibration.png)

Rolling origins (train to T, test T+1..T+20; PR-AUC per split):

{rolling}

Mean over the rolling splits (mean base rate {base_mean:.4f}):

{rolling_mean}

## Which theory predicts? Feature-group ablation
Gradient boosting on the holdout, without each group and with each group alone. `difference` is the
PR-AUC change from the full model with its 95% interval over test years (computed on the same resampled
years); a group adds predictive power when dropping it lowers PR-AUC with an interval below zero.

{ablation}

{reading}

![ablation](figures/prediction/prediction_ablation.png)

## Other targets (holdout)

{others}

## The most likely new alliances of a year
`alliancelab predict year 1949 --model boosting` trains on onsets up to 1948 only, then ranks the
{nato_candidates} pairs without an alliance in 1948 ({nato_onsets} formed one in 1949, PR-AUC
{nato_pr:.3f}). Group columns are contributions to the log-odds.

{nato}

`alliancelab predict year 2010 --model {best}` ({y2010_candidates} candidate pairs, {y2010_onsets} observed
onsets, PR-AUC {y2010_pr:.3f}). The top of the list is close neighbours with no alliance at all, e.g. Kosovo
(a state since 2008) and its neighbours: short capital distance and a near-empty portfolio made such pairs
ally soon in the training years (decolonisation, the 1990s), which one year of post-2008 Kosovo did not follow.
Single years are noisy; the rolling and holdout tables above are the measure of skill.

{y2010}

A forecast beyond the data, `alliancelab predict year 2017 --model {best}` (features of 2016,
{y2017_candidates} candidates):

{y2017}

## Command line

<!-- no-run: the full evaluation takes minutes; tests/predict runs these commands on small cases -->
```
alliancelab predict evaluate --out prediction      # every table and figure of this page
alliancelab predict evaluate --format parquet     # the same tables as Parquet (also feather, dta)
alliancelab predict year 2010 --top 20             # the most likely new alliances of 2010
alliancelab predict year 2010 --by feature         # ... with contributions per feature, not per group
alliancelab predict year 1949 --target onset_defense --out nato.csv
```

Features for 1816-2016 took {built:.0f} s here and the whole evaluation {evaluated:.0f} s (2 shared
cores); `python bench/predict_features.py` times the feature builder.

Sources: {sources}.
"""


if __name__ == "__main__":
    main()
