"""Model selection: backward or forward by likelihood-ratio tests or information criteria."""

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.errors import check_choice, check_range
from alliancelab.theory.embedded.loglinear._fit import ModelFit, fit_model
from alliancelab.theory.embedded.loglinear._models import all_terms, generating_class, independence, saturated
from alliancelab.theory.embedded.loglinear._table import _one_blas_thread


# --- selection ---------------------------------------------------------------------------------------
def _remove_term(gen, term, factors):
    """Generating class without ``term``: it is replaced by its immediate sub-terms (hierarchy kept)."""
    rest = [t for t in gen if t != term]
    rest += [tuple(f for f in term if f != g) for g in term if len(term) > 1]
    return generating_class([t for t in rest if t], factors)


def _addable_terms(gen, factors):
    """Interaction terms not in the model whose every immediate sub-term is in it (hierarchy kept)."""
    present = set(all_terms(gen))
    out = []
    for k in range(2, len(factors) + 1):
        for t in itertools.combinations(factors, k):
            if t not in present and all(tuple(f for f in t if f != g) in present for g in t):
                out.append(t)
    return out


@dataclass
class Selection:
    """Result of a stepwise search: the steps taken and the chosen model's fit.

    Attributes
    ----------
    direction : str
        "backward" or "forward".
    criterion : str
        "lr", "aic" or "bic".
    alpha : float
        Significance level of the likelihood-ratio tests.
    steps : pandas.DataFrame
        One row per step: ``action``, ``term``, ``model``, G2, df, dG2, ddf, p, AIC, BIC.
    candidates : pandas.DataFrame
        Every candidate move examined at every step.
    best : ModelFit
        The chosen model's fit.
    """

    direction: str
    criterion: str
    alpha: float
    steps: pd.DataFrame  # one row per step: action, term, model, G2, df, dG2, ddf, p, AIC, BIC
    candidates: pd.DataFrame  # every candidate move examined at every step
    best: ModelFit


@_one_blas_thread
def select_model(table, direction="backward", alpha=0.05, criterion="lr", start=None):
    """Stepwise selection in the hierarchical family (see the module docstring).

    Backward from the saturated model deletes at each step the highest-order term whose removal
    raises G2 least significantly (largest p of the conditional test, while p > alpha); forward from
    independence adds the admissible term with the smallest p while p < alpha. With
    ``criterion="aic"`` or ``"bic"`` the step that lowers the criterion most is taken instead.

    Parameters
    ----------
    table : ContingencyTable
        The table.
    direction : {"backward", "forward"}, default "backward"
        From the saturated model (or ``start``), or from independence.
    alpha : float, default 0.05
        Significance level of the conditional likelihood-ratio tests (criterion "lr").
    criterion : {"lr", "aic", "bic"}, default "lr"
        Likelihood-ratio tests or an information criterion.
    start : str or tuple, optional
        Generating class or model string to start from.

    Returns
    -------
    Selection
        The steps and the chosen model's fit.

    Examples
    --------
    >>> import pandas as pd
    >>> from alliancelab.theory.embedded.loglinear import contingency_table
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> select_model(contingency_table(frame, ["a", "b"], weights="n"), "forward").best.model
    'a*b'

    References
    ----------
    Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.). Wiley, ch. 9-10.
    """
    check_choice("direction", direction, ("backward", "forward"))
    check_choice("criterion", criterion, ("lr", "aic", "bic"))
    check_range("alpha", alpha, 1e-12, 0.5)
    factors = table.factors
    cache = {}
    if start is None:
        gen = saturated(factors) if direction == "backward" else independence(factors)
    else:
        gen = generating_class(start, factors)
    current = fit_model(table, gen, cache)
    steps = [
        dict(
            step=0,
            action="start",
            term="",
            model=current.model,
            G2=current.g2,
            df=current.df,
            dG2=np.nan,
            ddf=np.nan,
            p=np.nan,
            AIC=current.aic,
            BIC=current.bic,
        )
    ]
    examined = []
    for step in itertools.count(1):
        moves = []
        if direction == "backward":
            for term in current.generating_class:
                if len(term) < 2:
                    continue
                fit = fit_model(table, _remove_term(current.generating_class, term, factors), cache)
                dg2, ddf = fit.g2 - current.g2, fit.df - current.df
                moves.append((term, fit, dg2, ddf))
        else:
            for term in _addable_terms(current.generating_class, factors):
                fit = fit_model(table, generating_class(list(current.generating_class) + [term], factors), cache)
                dg2, ddf = current.g2 - fit.g2, current.df - fit.df
                moves.append((term, fit, dg2, ddf))
        if not moves:
            break
        rows = []
        for term, fit, dg2, ddf in moves:
            if ddf > 0:
                p = float(stats.chi2.sf(max(dg2, 0.0), ddf))
            else:  # the term is not identified by the table (zero margins): removing it costs nothing
                p = 1.0 if (direction == "backward" and abs(dg2) < 1e-6) else float("nan")
            rows.append(
                dict(
                    step=step,
                    term="*".join(term),
                    model=fit.model,
                    G2=fit.g2,
                    df=fit.df,
                    dG2=dg2,
                    ddf=ddf,
                    p=p,
                    AIC=fit.aic,
                    BIC=fit.bic,
                )
            )
        frame = pd.DataFrame(rows)
        examined.append(frame)
        if criterion == "lr":
            usable = frame[frame["p"].notna()]
            if usable.empty:
                break
            if direction == "backward":
                i = usable["p"].idxmax()
                go = usable.loc[i, "p"] > alpha
            else:
                i = usable["p"].idxmin()
                go = usable.loc[i, "p"] < alpha
        else:
            col = criterion.upper()
            free = frame[(frame["ddf"] <= 0) & (frame["dG2"].abs() < 1e-6)] if direction == "backward" else frame[:0]
            if len(free):  # a term the table cannot identify (zero margins) goes first, whatever the criterion
                i, go = free.index[0], True
            else:
                i = frame[col].idxmin()
                go = frame.loc[i, col] < getattr(current, criterion) - 1e-9
        if not go:
            break
        current = moves[i][1]
        steps.append(
            dict(
                step=step,
                action="remove" if direction == "backward" else "add",
                term=frame.loc[i, "term"],
                model=current.model,
                G2=current.g2,
                df=current.df,
                dG2=frame.loc[i, "dG2"],
                ddf=frame.loc[i, "ddf"],
                p=frame.loc[i, "p"],
                AIC=current.aic,
                BIC=current.bic,
            )
        )
    candidates = pd.concat(examined, ignore_index=True) if examined else pd.DataFrame()
    return Selection(
        direction=direction,
        criterion=criterion,
        alpha=alpha,
        steps=pd.DataFrame(steps),
        candidates=candidates,
        best=current,
    )
