"""The detente rule's parameters (``DetenteParams``), fixed before looking at any case."""

from dataclasses import dataclass

from alliancelab.parameters import Parameters, param


@dataclass(frozen=True)
class DetenteParams(Parameters):
    """Parameters of the tension index and the detente rule, each with its default and range.

    Values are checked when the object is made; a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    smooth : int, default 3
        Length of the trailing mean of each tension signal, in years; range [1, 20].
    window : int, default 5
        Years before t whose peak tension t is compared with; range [1, 30].
    drop : float, default 0.5
        How far below the recent peak (in z units) a falling year is; range [0, inf].
    min_years : int, default 3
        Shortest run of consecutive falling years that makes a detente period; range [1, 50].

    Examples
    --------
    >>> params = DetenteParams(drop=0.7)
    >>> params.replace(window=4).window, params.drop
    (4, 0.7)

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """

    smooth: int = param(3, "length of the trailing mean of each tension signal, in years", 1, 20)
    window: int = param(5, "years before t whose peak tension t is compared with", 1, 30)
    drop: float = param(0.5, "how far below the recent peak (in z units) a falling year is", 0.0, None)
    min_years: int = param(3, "shortest run of consecutive falling years that makes a detente period", 1, 50)


# The defaults as a read-only mapping (the older dict-style name; kept so old code keeps working).
DEFAULTS = DetenteParams.defaults()
