"""The out-of-sample evaluation over rolling origins and the holdout, the feature-group ablation and one year's
ranked predictions.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.predict.evaluation._metrics import calibration_table, metrics, pr_auc, roc_auc, year_bootstrap
from alliancelab.predict.evaluation._splits import DEFAULTS, fit_predict, holdout_split, rolling_origin_splits
from alliancelab.predict.features import GROUP_NAMES, TARGETS, prediction_table
from alliancelab.predict.models import MODELS, AlliancePredictor


@dataclass
class Evaluation:
    """Results of :func:`evaluate` (all tables are DataFrames).

    Parameters
    ----------
    target : str
    rolling : pandas.DataFrame
        Split x model metrics on the rolling origins.
    holdout : pandas.DataFrame
        Model metrics on the fixed holdout, with bootstrap CIs of PR-AUC.
    holdout_predictions : pandas.DataFrame
        ccode1, ccode2, year, y, one probability column per model.
    calibration : pandas.DataFrame
        model, bin, mean_predicted, observed, n (holdout).
    ablation : pandas.DataFrame
        variant, groups, pr_auc, CI, difference from the full model and its CI.
    other_targets : pandas.DataFrame
        Holdout metrics for onset_defense and presence_any.
    sources : list of str
    """

    target: str
    rolling: pd.DataFrame  # split x model metrics on the rolling origins
    holdout: pd.DataFrame  # model metrics on the fixed holdout, with bootstrap CIs of PR-AUC
    holdout_predictions: pd.DataFrame  # ccode1, ccode2, year, y, one probability column per model
    calibration: pd.DataFrame  # model, bin, mean_predicted, observed, n (holdout)
    ablation: pd.DataFrame  # variant, groups, pr_auc, CI, difference from the full model and its CI
    other_targets: pd.DataFrame  # holdout metrics for onset_defense and presence_any
    sources: list = field(default_factory=list)


def evaluate(
    table,
    target="onset_any",
    models=MODELS,
    splits=None,
    holdout=None,
    ablation_model="boosting",
    negative_fraction=DEFAULTS["negative_fraction"],
    draws=DEFAULTS["bootstrap"],
    other_targets=True,
    progress=None,
):
    """Rolling-origin and holdout evaluation of ``models``, the feature-group ablation and the other targets.

    Parameters
    ----------
    table : pandas.DataFrame
        ``prediction_table`` output.
    target : str, default "onset_any"
    models : sequence of str, default all of ``MODELS``
    splits : list of Split, optional
        Default ``rolling_origin_splits()``.
    holdout : Split, optional
        Default ``holdout_split()``.
    ablation_model : str, default "boosting"
    negative_fraction : float, default 0.05
    draws : int, default 200
        Bootstrap draws.
    other_targets : bool, default True
    progress : callable, optional
        Called with a message after each step.

    Returns
    -------
    Evaluation
    """
    check_choice("target", target, TARGETS)
    for model in models:
        check_choice("model", model, MODELS)
    say = progress or (lambda message: None)
    splits = rolling_origin_splits() if splits is None else splits
    holdout = holdout_split() if holdout is None else holdout
    rolling = []
    for split in splits:
        for model in models:
            say(f"{split.name}: {model}")
            _, pred = fit_predict(table, split, target, model, negative_fraction=negative_fraction)
            if pred["y"].sum() == 0:
                continue
            rolling.append(
                {
                    "split": split.name,
                    "train_end": split.train_end,
                    "test_start": split.test_start,
                    "test_end": split.test_end,
                    "model": model,
                    **metrics(pred["y"], pred["p"]),
                }
            )
    rolling = pd.DataFrame(rolling)

    predictions = None
    calibration = []
    for model in models:
        say(f"{holdout.name}: {model}")
        _, pred = fit_predict(table, holdout, target, model, negative_fraction=negative_fraction)
        if predictions is None:
            predictions = pred.drop(columns="p")
        predictions[model] = pred["p"].to_numpy()
        calibration.append(calibration_table(pred["y"], pred["p"]).assign(model=model))
    boot = year_bootstrap(predictions, list(models), draws)
    rows = []
    for c, model in enumerate(models):
        rows.append(
            {
                "model": model,
                **metrics(predictions["y"], predictions[model]),
                "pr_auc_low": np.nanpercentile(boot[:, c], 2.5),
                "pr_auc_high": np.nanpercentile(boot[:, c], 97.5),
            }
        )
    holdout_table = pd.DataFrame(rows)

    say("ablation")
    ablation = feature_ablation(table, holdout, target, ablation_model, negative_fraction, draws)
    others = []
    if other_targets:
        for other in [t for t in TARGETS if t != target]:
            for model in models:
                say(f"{holdout.name}: {model} ({other})")
                _, pred = fit_predict(table, holdout, other, model, negative_fraction=negative_fraction)
                others.append({"target": other, "model": model, **metrics(pred["y"], pred["p"])})
    return Evaluation(
        target,
        rolling,
        holdout_table,
        predictions,
        pd.concat(calibration, ignore_index=True),
        ablation,
        pd.DataFrame(others),
        list(table.attrs.get("sources", [])),
    )


def feature_ablation(
    table,
    split,
    target="onset_any",
    model="boosting",
    negative_fraction=DEFAULTS["negative_fraction"],
    draws=DEFAULTS["bootstrap"],
):
    """PR-AUC on the holdout of the full model, the model without each group, and each group alone.

    ``difference`` = variant PR-AUC - full PR-AUC, with a bootstrap-over-years 95% interval computed
    on the same resampled years for both (a group adds predictive power when dropping it lowers
    PR-AUC).

    Parameters
    ----------
    table : pandas.DataFrame
    split : Split
    target : str, default "onset_any"
    model : str, default "boosting"
    negative_fraction : float, default 0.05
    draws : int, default 200

    Returns
    -------
    pandas.DataFrame
        One row per variant.
    """
    variants = {"all groups": list(GROUP_NAMES)}
    for group in GROUP_NAMES:
        variants[f"without {group}"] = [g for g in GROUP_NAMES if g != group]
    for group in GROUP_NAMES:
        variants[f"only {group}"] = [group]
    predictions = None
    for name, groups in variants.items():
        _, pred = fit_predict(table, split, target, model, groups, negative_fraction)
        if predictions is None:
            predictions = pred.drop(columns="p")
        predictions[name] = pred["p"].to_numpy()
    names = list(variants)
    boot = year_bootstrap(predictions, names, draws)
    full = pr_auc(predictions["y"], predictions["all groups"])
    rows = []
    for c, name in enumerate(names):
        value = pr_auc(predictions["y"], predictions[name])
        diff = boot[:, c] - boot[:, 0]
        rows.append(
            {
                "variant": name,
                "groups": ", ".join(variants[name]),
                "pr_auc": value,
                "pr_auc_low": np.nanpercentile(boot[:, c], 2.5),
                "pr_auc_high": np.nanpercentile(boot[:, c], 97.5),
                "difference": value - full,
                "difference_low": np.nanpercentile(diff, 2.5),
                "difference_high": np.nanpercentile(diff, 97.5),
                "roc_auc": roc_auc(predictions["y"], predictions[name]),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- ranked list for one year
@dataclass
class YearRanking:
    """The most likely new alliances of ``year`` (onset year) from a model trained on earlier years only.

    Parameters
    ----------
    year : int
    model : str
    target : str
    ranking : pandas.DataFrame
        rank, ccode1, ccode2, names, probability, observed, one column per group contribution.
    onsets : int
        Observed onsets in the year among the candidates (-1 beyond the data).
    candidates : int
    pr_auc : float
    sources : list of str
    """

    year: int
    model: str
    target: str
    ranking: pd.DataFrame  # rank, ccode1, ccode2, names, probability, observed, one column per group contribution
    onsets: int  # observed onsets in the year among the candidates (NaN beyond the data)
    candidates: int
    pr_auc: float
    sources: list = field(default_factory=list)


def rank_year(
    year,
    top=20,
    model="boosting",
    target="onset_any",
    table=None,
    warehouse=None,
    negative_fraction=DEFAULTS["negative_fraction"],
    by="group",
):
    """Rank the pairs without an alliance in year-1 by the probability that they form one in ``year``.

    With each pair's contributions to the log-odds per feature group (``by="group"``) or per feature
    (``"feature"``). The model is trained on label years <= year - 1 (features <= year - 2), so the
    ranking for a past year is a genuine forecast; ``year`` = LAST_YEAR + 1 forecasts beyond the data
    (no observed column then).

    Parameters
    ----------
    year : int
    top : int, default 20
    model : str, default "boosting"
    target : str, default "onset_any"
    table : pandas.DataFrame, optional
        ``prediction_table`` output (built when None).
    warehouse : str or Path, optional
    negative_fraction : float, default 0.05
    by : {"group", "feature"}, default "group"

    Returns
    -------
    YearRanking
    """
    check_range("year", year, FIRST_YEAR + 3, LAST_YEAR + 1)
    check_range("top", top, 1, None)
    check_choice("target", target, ("onset_any", "onset_defense"))
    check_choice("model", model, MODELS)
    check_choice("by", by, ("group", "feature"))
    if table is None:
        table = prediction_table(warehouse=warehouse)
    labels = table[target].to_numpy()
    train = ((table["year"].to_numpy() + 1) <= year - 1) & ~np.isnan(labels)
    estimator = AlliancePredictor(model, negative_fraction=negative_fraction).fit(table[train], labels[train])
    now = table["year"].to_numpy() == year - 1
    if year <= LAST_YEAR:
        candidates = now & ~np.isnan(labels)  # labels exist exactly for pairs without the obligation in year-1
    elif target == "onset_any":
        candidates = now & (table["allied_now"].to_numpy() == 0)
    else:
        raise ParameterError(
            f"argument year={year}: a forecast beyond {LAST_YEAR} is available for target onset_any only"
        )
    rows = table[candidates]
    p = estimator.predict_proba(rows)[:, 1]
    order = np.argsort(-p, kind="mergesort")
    chosen = rows.iloc[order[:top]]
    from alliancelab.panels.lookup import Lookup

    lookup = Lookup.get(warehouse)
    ranking = pd.DataFrame(
        {
            "rank": np.arange(1, len(chosen) + 1),
            "ccode1": chosen["ccode1"].to_numpy(),
            "ccode2": chosen["ccode2"].to_numpy(),
            "pair": [
                f"{lookup.abbreviation(a)}-{lookup.abbreviation(b)}" for a, b in zip(chosen["ccode1"], chosen["ccode2"])
            ],
            "probability": p[order[:top]],
            "observed": rows[target].to_numpy()[order[:top]],
        }
    )
    contributions = estimator.contributions(chosen, by=by).reset_index(drop=True)
    ranking = pd.concat([ranking, contributions.add_prefix("contrib_")], axis=1)
    y = rows[target].to_numpy()
    known = year <= LAST_YEAR
    return YearRanking(
        year,
        model,
        target,
        ranking,
        int(np.nansum(y)) if known else -1,
        int(len(rows)),
        pr_auc(y, p) if known else np.nan,
        list(table.attrs.get("sources", [])),
    )
