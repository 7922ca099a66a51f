"""The window parameters of the landscape components and sizes (``LandscapeDataParams``)."""

from dataclasses import dataclass

from alliancelab.parameters import Parameters, param


@dataclass(frozen=True)
class LandscapeDataParams(Parameters):
    """Windows of the history-based propensity components and of the sizes, each with its default and range.

    Values are checked when the object is made; a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    history_years : int, default 20
        Years up to t over which ``alliance_history`` counts years with an ATOP tie; range [1, 200].
    dispute_years : int, default 20
        Years up to t whose MIDs count in ``disputes`` and ``territorial``; range [1, 200].
    dispute_half_life : float, default 10.0
        Half-life in years of a dispute's weight in ``disputes``; range [0.1, 1000].
    war_years : int, default 50
        Years up to t whose COW wars count in ``wars_opposed`` and ``wars_allied``; range [1, 200].
    war_half_life : float, default 25.0
        Half-life in years of a war's weight; range [0.1, 1000].
    size_years : int, default 1
        Years up to t over which CINC is averaged for the sizes; range [1, 200].

    Examples
    --------
    >>> LandscapeDataParams(war_years=30).replace(size_years=5).size_years
    5

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
    Political Science 23(2): 211-233.
    """

    _what = "landscape data parameter"

    history_years: int = param(20, "years up to t over which alliance_history counts years with an ATOP tie", 1, 200)
    dispute_years: int = param(20, "years up to t whose MIDs count in disputes and territorial", 1, 200)
    dispute_half_life: float = param(10.0, "half-life in years of a dispute's weight in disputes", 0.1, 1000.0)
    war_years: int = param(50, "years up to t whose COW wars count in wars_opposed and wars_allied", 1, 200)
    war_half_life: float = param(25.0, "half-life in years of a war's weight", 0.1, 1000.0)
    size_years: int = param(1, "years up to t over which CINC is averaged for the sizes", 1, 200)


# The defaults as a read-only mapping (the older dict-style name; kept so old code keeps working).
DEFAULT_PARAMS = LandscapeDataParams.defaults()
