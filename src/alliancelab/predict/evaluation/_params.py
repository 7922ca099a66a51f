"""The evaluation's settings (``EvaluationParams``): training sample, bootstrap, rolling origins, the holdout."""

from dataclasses import dataclass

from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.parameters import Parameters, param


@dataclass(frozen=True)
class EvaluationParams(Parameters):
    """Settings of the out-of-sample evaluation, each with its default and range.

    Values are checked when the object is made; a bad value raises ``ParameterError`` naming it. The functions
    (``evaluate``, ``fit_predict``, ``rolling_origin_splits``, ``holdout_split``, ``year_bootstrap``) take the
    fields as keywords and default to these values.

    Parameters
    ----------
    negative_fraction : float, default 0.05
        Share of negative training rows kept (reweighted by 1 / share); range [1e-06, 1].
    bootstrap : int, default 200
        Draws of the bootstrap over test years; range [1, 100000].
    first_origin : int, default 1850
        First rolling origin T (train to T, test T+1..T+horizon); range [first year + 2, last year - 1].
    step : int, default 20
        Years between rolling origins; range [1, inf].
    horizon : int, default 20
        Test years after each rolling origin; range [1, inf].
    holdout_end : int, default 1990
        The fixed holdout trains on label years up to this and tests the years after it; range
        [first year + 2, last year - 1].

    Examples
    --------
    >>> EvaluationParams().replace(step=10).step, EvaluationParams.defaults()["holdout_end"]
    (10, 1990)

    References
    ----------
    Tashman, L. J. (2000), Out-of-sample tests of forecasting accuracy: an analysis and review, International
    Journal of Forecasting 16(4): 437-450 (rolling origins).
    """

    _what = "evaluation parameter"

    negative_fraction: float = param(0.05, "share of negative training rows kept (reweighted by 1 / share)", 1e-6, 1.0)
    bootstrap: int = param(200, "draws of the bootstrap over test years", 1, 100_000)
    first_origin: int = param(
        1850, "first rolling origin T (train to T, test T+1..T+horizon)", FIRST_YEAR + 2, LAST_YEAR - 1
    )
    step: int = param(20, "years between rolling origins", 1, None)
    horizon: int = param(20, "test years after each rolling origin", 1, None)
    holdout_end: int = param(
        1990,
        "the fixed holdout trains on label years up to this and tests the years after it",
        FIRST_YEAR + 2,
        LAST_YEAR - 1,
    )
