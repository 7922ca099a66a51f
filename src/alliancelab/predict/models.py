"""Models of alliance formation behind one scikit-learn-compatible estimator, :class:`AlliancePredictor`.

``model`` chooses the learner (``MODELS``):

- ``baseline``: the standard unpenalised logit of the alliance-formation literature on the capability
  ratio, capital distance, regime similarity (Polity distance, joint democracy), disputes in the last
  ten years and the number of major powers (Lai & Reiter 2000; Gibler & Wolford 2006).
- ``penalised``: an L2-penalised logit (inverse strength ``C``) on every feature of ``groups``.
- ``boosting``: scikit-learn's HistGradientBoostingClassifier on every feature of ``groups`` (NaN native).
- ``network``: a TERGM-style model: a logit of tie formation in t+1 on lagged network statistics of t
  (shared partners, i.e. the triangles the tie closes; the degrees of both states; alliance memory;
  portfolio similarity) plus the baseline covariates. With only lagged network terms the
  pseudo-likelihood of a TERGM is exactly this logit (Hanneke, Fu & Xing 2010; Desmarais &
  Cranmer 2012), so its maximum is the MPLE.

Logits: median imputation from the training data with missingness indicators, standardised inputs,
count statistics entered as log(1 + x). ``negative_fraction`` < 1 keeps that share of the
negative training rows (all positives) and weights each kept negative by 1 / fraction, so the
weighted likelihood and the predicted probabilities stay those of the full sample in expectation
(King & Zeng 2001 weighting). Test rows are never subsampled.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from threadpoolctl import threadpool_limits

from alliancelab.errors import ParameterError, check_choice
from alliancelab.predict.features import BASELINE, GROUPS, feature_columns

MODELS = ("baseline", "penalised", "boosting", "network")
NETWORK_TERMS = [
    "shared_allies",
    "alliance_degree_min",
    "alliance_degree_max",
    "ever_allied",
    "years_since_allied",
    "portfolio_s",
    "allied_now",
]
COUNT_COLUMNS = {
    "shared_allies",
    "alliance_degree_min",
    "alliance_degree_max",
    "years_since_allied",
    "disputes_10y",
    "common_rivals",
    "common_top_threats",
    "major_count",
}


def log_count(x):
    """log(1 + x) of a count, x clipped at 0 (NaN stays NaN).

    Parameters
    ----------
    x : array of float

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> log_count(np.array([0.0, -1.0, np.nan])).tolist()
    [0.0, 0.0, nan]
    """
    return np.log1p(np.clip(x, 0, None))


def model_columns(model, groups=None):
    """The feature columns a model uses (``groups`` applies to penalised and boosting).

    Parameters
    ----------
    model : str
        One of ``MODELS``.
    groups : list of str, optional

    Returns
    -------
    list of str

    Examples
    --------
    >>> model_columns("baseline")
    ['capability_ratio_log', 'capdist_log', 'polity_distance', 'joint_democracy', 'disputes_10y', 'major_count']
    """
    check_choice("model", model, MODELS)
    if model == "baseline":
        return list(BASELINE)
    if model == "network":
        return list(BASELINE) + NETWORK_TERMS
    return feature_columns(groups)


def _logit(columns, C):
    counts = [c for c in columns if c in COUNT_COLUMNS]
    others = [c for c in columns if c not in COUNT_COLUMNS]
    parts = []
    if counts:
        parts.append(
            (
                "counts",
                make_pipeline(
                    FunctionTransformer(log_count, feature_names_out="one-to-one"),
                    SimpleImputer(strategy="median", add_indicator=True),
                ),
                counts,
            )
        )
    if others:
        parts.append(("others", SimpleImputer(strategy="median", add_indicator=True), others))
    penalty = {"C": C if C is not None else np.inf}
    return Pipeline(
        [
            ("prepare", ColumnTransformer(parts)),
            ("scale", StandardScaler()),
            ("logit", LogisticRegression(max_iter=2000, **penalty)),
        ]
    )


class AlliancePredictor(ClassifierMixin, BaseEstimator):
    """Probability that a dyad without an alliance in t forms one in t+1 (or any binary target).

    Parameters
    ----------
    model : one of MODELS ("baseline", "penalised", "boosting", "network")
    groups : list of feature groups (penalised, boosting); default all of GROUPS
    negative_fraction : float in (0, 1], share of negative training rows kept (reweighted by 1/share)
    C : inverse L2 penalty of the penalised logit
    max_iter, learning_rate, max_leaf_nodes, min_samples_leaf : HistGradientBoosting settings
    random_state : random state of the negative subsample and of the boosting
    threads : OpenMP/BLAS threads while fitting and predicting (1 is fastest on a busy machine; None = all)

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"capability_ratio_log": [0.1, 2.0, 0.3, 1.5], "capdist_log": [6, 9, 6.5, 8.7],
    ...                   "polity_distance": [0, 15, 2, 12], "joint_democracy": [1, 0, 1, 0],
    ...                   "disputes_10y": [0, 2, 0, 1], "major_count": [1, 0, 1, 0]})
    >>> p = AlliancePredictor("baseline").fit(X, [1, 0, 1, 0]).predict_proba(X)[:, 1]
    >>> bool(p[0] > p[1])
    True
    """

    def __init__(
        self,
        model="boosting",
        groups=None,
        negative_fraction=1.0,
        C=0.1,
        max_iter=100,
        learning_rate=0.1,
        max_leaf_nodes=31,
        min_samples_leaf=40,
        random_state=0,
        threads=1,
    ):
        self.model = model
        self.groups = groups
        self.negative_fraction = negative_fraction
        self.C = C
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.random_state = random_state
        self.threads = threads

    def _learner(self, columns):
        if self.model == "boosting":
            return HistGradientBoostingClassifier(
                max_iter=self.max_iter,
                learning_rate=self.learning_rate,
                max_leaf_nodes=self.max_leaf_nodes,
                min_samples_leaf=self.min_samples_leaf,
                l2_regularization=1.0,
                random_state=self.random_state,
            )
        return _logit(columns, self.C if self.model == "penalised" else None)

    def _frame(self, X):
        if not isinstance(X, pd.DataFrame):
            raise ParameterError(f"argument X: expected a pandas DataFrame with the feature columns {self.columns_}")
        missing = [c for c in self.columns_ if c not in X.columns]
        if missing:
            raise ParameterError(
                f"argument X: missing feature columns {missing} (build them with "
                "alliancelab.predict.features.build_features)"
            )
        return X[self.columns_].astype("float64")

    def fit(self, X, y, sample_weight=None):
        """Fit on the rows of X (a DataFrame of features) with binary labels y."""
        check_choice("model", self.model, MODELS)
        if not 0 < self.negative_fraction <= 1:
            raise ParameterError(f"argument negative_fraction={self.negative_fraction}: expected 0 < value <= 1")
        self.columns_ = model_columns(self.model, self.groups)
        y = np.asarray(y, dtype=float)
        if np.isnan(y).any():
            raise ParameterError("argument y: expected 0/1 labels without missing values")
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        keep = np.ones(len(y), dtype=bool)
        if self.negative_fraction < 1:
            rng = np.random.default_rng(self.random_state)
            negative = y == 0
            keep = ~negative | (rng.random(len(y)) < self.negative_fraction)
            weight = np.where(negative, weight / self.negative_fraction, weight)
        frame = self._frame(X)[keep]
        # a column without a single observed value in the training rows (e.g. border distance before 1886)
        # carries no information and is left out
        self.fit_columns_ = [c for c in self.columns_ if frame[c].notna().any()]
        frame = frame[self.fit_columns_]
        self.classes_ = np.array([0, 1])
        if len(np.unique(y[keep])) < 2:
            raise ParameterError("argument y: the training rows need both classes (0 and 1)")
        self.learner_ = self._learner(self.fit_columns_)
        step = "logit__sample_weight" if self.model != "boosting" else "sample_weight"
        with threadpool_limits(self.threads):
            self.learner_.fit(frame, y[keep], **{step: weight[keep]})
        self.reference_ = frame.median()
        return self

    def predict_proba(self, X):
        """(n, 2) array: P(y = 0), P(y = 1)."""
        with threadpool_limits(self.threads):
            return self.learner_.predict_proba(self._frame(X)[self.fit_columns_])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def score(self, X, y, sample_weight=None):
        """PR-AUC (average precision) of the predicted probabilities."""
        from alliancelab.predict.evaluation import pr_auc

        return pr_auc(np.asarray(y, dtype=float), self.predict_proba(X)[:, 1])

    def contributions(self, X, by="group"):
        """Per feature group (``by="group"``) or per feature (``by="feature"``):
        logit(p(x)) - logit(p(x with the group's / feature's columns set to their training medians)).

        A model-agnostic occlusion attribution; for the logits it is the linear term relative to the median
        dyad (so a group's contribution is the sum of its features'). Returns a DataFrame with one column per
        group (or feature) the model uses.
        """
        check_choice("by", by, ("group", "feature"))
        frame = X
        base = _logit_of(self.predict_proba(frame)[:, 1])
        out = {}
        units = GROUPS.items() if by == "group" else [(c, [c]) for c in self.fit_columns_]
        for group, names in units:
            used = [c for c in names if c in self.fit_columns_]
            if not used:
                continue
            changed = self._frame(frame).copy()
            for c in used:
                changed[c] = self.reference_[c]
            out[group] = base - _logit_of(self.predict_proba(changed)[:, 1])
        return pd.DataFrame(out, index=X.index)


def _logit_of(p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))
