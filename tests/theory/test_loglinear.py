"""Hierarchical log-linear models: published values, hand computations, simulated recovery, bad input."""

import itertools

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import AllianceLabError, ParameterError
from alliancelab.theory.embedded import loglinear as ll


def _table(levels, counts, names, **kwargs):
    frame = pd.DataFrame(list(itertools.product(*levels)), columns=names)
    frame["n"] = counts
    return ll.contingency_table(frame, names, weights="n", **kwargs)


def acm():
    """Alcohol (a), cigarette (c), marijuana (m) use of 2,276 high-school seniors (Agresti 2002, sec. 8.2)."""
    return _table([("yes", "no")] * 3, [911, 538, 44, 456, 3, 43, 2, 279], ["a", "c", "m"])


def death_penalty():
    """Defendant's race (d) x victim's race (v) x death penalty (p), Florida 1976-77, 674 cases
    (Radelet & Pierce 1991, as tabulated in Agresti 2002, ch. 2). One sampling zero."""
    return _table(
        [("white", "black"), ("white", "black"), ("yes", "no")], [53, 414, 0, 16, 11, 37, 4, 139], ["d", "v", "p"]
    )


def test_published_goodness_of_fit_alcohol_cigarette_marijuana():
    # G2 of the hierarchical models as published by Agresti (2002, sec. 8.2.4)
    fits = ll.fit_models(acm()).set_index("model")
    assert fits.loc["a + c + m", "G2"] == pytest.approx(1286.02, abs=0.01)
    assert fits.loc["a*c + m", "G2"] == pytest.approx(843.83, abs=0.01)
    assert fits.loc["a*c + a*m", "G2"] == pytest.approx(497.37, abs=0.01)
    assert fits.loc["a*c + c*m", "G2"] == pytest.approx(92.02, abs=0.01)
    assert fits.loc["a*m + c*m", "G2"] == pytest.approx(187.75, abs=0.01)
    assert fits.loc["a*c + a*m + c*m", "G2"] == pytest.approx(0.37, abs=0.01)
    assert fits.loc["a*c + a*m + c*m", "X2"] == pytest.approx(0.40, abs=0.01)
    assert fits.loc["a*c + a*m + c*m", "df"] == 1
    # and its conditional odds ratios 7.8 (AC), 19.8 (AM), 17.3 (CM)
    odds = ll.describe(acm(), "a*c + a*m + c*m").odds_ratios.set_index("term")["odds_ratio"]
    assert odds["a*c"] == pytest.approx(7.8, abs=0.05)
    assert odds["a*m"] == pytest.approx(19.8, abs=0.05)
    assert odds["c*m"] == pytest.approx(17.3, abs=0.05)


def test_deviance_and_df_match_hand_computation_on_death_penalty_table():
    t = death_penalty()
    n = t.array()  # axes d, v, p
    # conditional independence of d and p given v: m_dvp = n_dv+ * n_+vp / n_+v+ (closed form)
    m = n.sum(axis=2)[:, :, None] * n.sum(axis=0)[None, :, :] / n.sum(axis=(0, 2))[None, :, None]
    pos = n > 0
    g2 = 2 * np.sum(n[pos] * np.log(n[pos] / m[pos]))
    x2 = np.sum((n - m) ** 2 / m)
    fit = ll.fit_model(t, "d*v + v*p")
    assert fit.g2 == pytest.approx(g2, rel=1e-8)
    assert fit.x2 == pytest.approx(x2, rel=1e-8)
    assert fit.df == (2 - 1) * (2 - 1) * 2  # (D-1)(P-1)V
    assert np.allclose(fit.expected.reshape(t.shape), m)
    # mutual independence: m = n_d n_v n_p / N^2, df = 8 - 1 - 3
    N = n.sum()
    m0 = np.einsum("i,j,k->ijk", n.sum(axis=(1, 2)), n.sum(axis=(0, 2)), n.sum(axis=(0, 1))) / N**2
    indep = ll.fit_model(t, "d + v + p")
    assert indep.g2 == pytest.approx(2 * np.sum(n[pos] * np.log(n[pos] / m0[pos])), rel=1e-8)
    assert indep.df == 4


def test_sampling_zero_in_a_margin_reduces_df():
    t = death_penalty()
    sat = ll.fit_model(t, "d*v*p")
    assert sat.df == 0 and sat.g2 == pytest.approx(0, abs=1e-8)
    assert sat.k == 8  # nominal parameters (for AIC / BIC); 7 cells fitted, the zero cell is fitted as 0
    zero = t.counts == 0
    assert sat.fitted_cells.sum() == 7 and sat.expected[zero] == 0 and not sat.fitted_cells[zero]
    # a zero two-way margin: cells (a=1, b=0, *) are all zero -> fitted 0, left out, df adjusted
    counts = [10, 12, 9, 14, 0, 0, 11, 8, 7, 13, 12, 9]
    t2 = _table([(0, 1, 2), (0, 1), (0, 1)], counts, ["a", "b", "c"])
    fit = ll.fit_model(t2, "a*b + c")
    assert fit.fitted_cells.sum() == 10
    assert fit.df == 10 - (1 + 2 + 1 + 1 + 2) + 1  # one a*b parameter is not estimable
    assert np.all(fit.expected[[4, 5]] == 0)


def test_structural_zeros_quasi_independence():
    # 3x3 mobility-style table with the diagonal declared impossible: df = (3-1)(3-1) - 3 = 1
    counts = [0, 20, 30, 25, 0, 15, 35, 10, 0]
    zeros = [{"a": i, "b": i} for i in range(3)]
    t = _table([(0, 1, 2), (0, 1, 2)], counts, ["a", "b"], structural_zeros=zeros)
    fit = ll.fit_model(t, "a + b")
    assert fit.df == 1
    assert np.isnan(fit.expected[[0, 4, 8]]).all()
    # the fitted off-diagonal margins equal the observed ones (sufficient statistics)
    m = np.nan_to_num(fit.expected).reshape(3, 3)
    n = np.array(counts).reshape(3, 3)
    assert np.allclose(m.sum(axis=0), n.sum(axis=0)) and np.allclose(m.sum(axis=1), n.sum(axis=1))
    with pytest.raises(AllianceLabError, match="structural zero"):
        _table([(0, 1), (0, 1)], [5, 1, 2, 3], ["a", "b"], structural_zeros=[{"a": 0, "b": 0}])


def _simulate(log_mu, rng, total):
    p = np.exp(log_mu - log_mu.max())
    return rng.multinomial(total, (p / p.sum()).ravel())


def test_selection_recovers_a_known_interaction_structure():
    # four binary/ternary factors with a*b and b*c (a independent of c given b) and d independent
    shape = (2, 3, 3, 2)
    a, b, c, d = np.indices(shape)
    log_mu = 0.8 * (a == 1) * (b == 2) - 0.9 * (b == 1) * (c == 0) + 0.7 * (b == 2) * (c == 2) + 0.3 * (d == 1)
    truth = ll.generating_class("a*b + b*c + d", ("a", "b", "c", "d"))
    hits_back = hits_fwd = 0
    for seed in range(10):
        counts = _simulate(log_mu, np.random.default_rng(seed), 4000)
        t = _table([range(s) for s in shape], counts, ["a", "b", "c", "d"])
        hits_back += ll.select_model(t, "backward", alpha=0.01).best.generating_class == truth
        hits_fwd += ll.select_model(t, "forward", alpha=0.01).best.generating_class == truth
    assert hits_back >= 8 and hits_fwd >= 8


def test_selection_returns_independence_without_interaction():
    shape = (3, 2, 4)
    indices = np.indices(shape)
    log_mu = 0.4 * indices[0] - 0.5 * indices[1] + 0.2 * indices[2]
    hits_lr = hits_bic = 0
    for seed in range(10):
        counts = _simulate(log_mu, np.random.default_rng(100 + seed), 1500)
        t = _table([range(s) for s in shape], counts, ["a", "b", "c"])
        hits_lr += ll.select_model(t, "forward", alpha=0.01).best.generating_class == ll.independence(t.factors)
        hits_bic += ll.select_model(t, "backward", criterion="bic").best.generating_class == ll.independence(t.factors)
    assert hits_lr >= 8 and hits_bic >= 8


def test_backward_and_forward_agree_on_acm():
    t = acm()
    assert ll.select_model(t, "backward").best.model == "a*c + a*m + c*m"
    assert ll.select_model(t, "forward").best.model == "a*c + a*m + c*m"


def test_small_table_warning_and_monte_carlo_test():
    t = _table([(0, 1), (0, 1), (0, 1)], [3, 1, 0, 2, 1, 4, 2, 0], ["a", "b", "c"])
    fit = ll.fit_model(t, "a + b + c")
    assert any("expected counts below 5" in w for w in fit.warnings)
    mc = ll.monte_carlo_test(t, "a + b + c", draws=199, seed=1)
    assert 1 / 200 <= mc.p_g2 <= 1 and mc.draws == 199
    # on a large table whose model holds, the Monte-Carlo p-value is close to the asymptotic one
    mc = ll.monte_carlo_test(acm(), "a*c + a*m + c*m", draws=199, seed=2)
    assert mc.p_g2 == pytest.approx(mc.p_g2_asymptotic, abs=0.15)


def test_dominant_configurations_are_cells_above_independence():
    d = ll.describe(acm(), "a*c + a*m + c*m")
    top = d.dominant.iloc[0]
    assert top["observed"] > top["expected_indep"] and top["adj_resid"] > 2
    assert set(d.dominant["configuration"]) >= {"a=yes, c=yes, m=yes", "a=no, c=no, m=no"}
    cells = d.cells
    assert np.allclose(cells["expected_model"].sum(), cells["count"].sum())


def test_one_row_per_alliance_equals_aggregated_table():
    rows = pd.DataFrame({"x": ["p", "p", "q", "q", "q"], "y": ["s", "t", "s", "s", "t"]})
    t1 = ll.contingency_table(rows, ["x", "y"])
    agg = rows.value_counts().rename("n").reset_index()
    t2 = ll.contingency_table(agg, ["x", "y"], weights="n")
    assert t1.counts.tolist() == t2.counts.tolist() == [1, 1, 2, 1]


@pytest.mark.parametrize(
    "frame, kwargs, message",
    [
        (pd.DataFrame({"a": ["x", "x"], "b": ["u", "v"]}), {}, "single level"),
        (pd.DataFrame({"a": np.arange(300) * 1.5, "b": ["u", "v"] * 150}), {}, "300 distinct values"),
        (pd.DataFrame({"a": ["x", None, "y"], "b": ["u", "v", "u"]}), {}, "missing value"),
        (pd.DataFrame({"a": ["x", "y"], "b": ["u", "v"], "n": [3, -1]}), {"weights": "n"}, "negative count"),
        (pd.DataFrame({"a": ["x", "y"], "b": ["u", "v"], "n": [3, 1.5]}), {"weights": "n"}, "non-integer"),
        (pd.DataFrame({"a": ["x", "y"], "b": ["u", "v"]}), {"weights": "n"}, "not found"),
    ],
)
def test_bad_input_gets_a_clear_message(frame, kwargs, message):
    with pytest.raises(AllianceLabError, match=message):
        ll.contingency_table(frame, ["a", "b"], **kwargs)


def test_missing_values_can_be_dropped_or_kept_as_a_level():
    frame = pd.DataFrame({"a": ["x", None, "y", "y"], "b": ["u", "v", "u", "v"]})
    assert ll.contingency_table(frame, ["a", "b"], missing="drop").total == 3
    assert ll.contingency_table(frame, ["a", "b"], missing="level").levels["a"] == ["missing", "x", "y"]


def test_unknown_factor_in_model_is_a_parameter_error():
    with pytest.raises(ParameterError, match="not among the factors"):
        ll.fit_model(acm(), "a*z")


def test_standard_family_for_three_factors_is_all_nine_models():
    assert len(ll.standard_models(("a", "b", "c"))) == 9
