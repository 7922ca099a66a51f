"""Named results shared by the empirical analyses of the record (``walt_tests``, ``management``).

Each is a dataclass with named fields. Unpacking one as a tuple in the order of its fields still
works (``table, result = fit_logit(...)``) so that callers written for the old tuple results keep
running; new code should use the field names.
"""

from dataclasses import dataclass, fields

import pandas as pd


class _Unpackable:
    """Iterating yields the fields in order: the old tuple form, kept for existing callers."""

    def __iter__(self):
        return iter(tuple(getattr(self, f.name) for f in fields(self)))


@dataclass
class LogitResult(_Unpackable):
    """A fitted logit (``walt_tests.fit_logit``).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per term (const and covariates): coef, se, z, p, ame, ame_se; ``attrs`` n, events,
        llf, pseudo_r2, cluster.
    result : statsmodels.discrete.discrete_model.BinaryResultsWrapper
        The statsmodels fit.
    """

    table: pd.DataFrame
    result: object


@dataclass
class HazardResult(_Unpackable):
    """Capability change and alliance termination (``management.capability_change_hazard``).

    Attributes
    ----------
    table : pandas.DataFrame
        The discrete-time logit (``LogitResult.table``).
    rates : pandas.DataFrame
        Termination rate by large_change (0/1): termination_rate, alliance_years, terminations.
    data : pandas.DataFrame
        The alliance-years the logit was fitted on.
    """

    table: pd.DataFrame
    rates: pd.DataFrame
    data: pd.DataFrame


@dataclass
class SnyderIndicators(_Unpackable):
    """Snyder's abandonment and entrapment indicators (``management.snyder_indicators``).

    Attributes
    ----------
    member_years : pandas.DataFrame
        One row per alliance member and year.
    alliance_years : pandas.DataFrame
        Their means per alliance-year.
    """

    member_years: pd.DataFrame
    alliance_years: pd.DataFrame
