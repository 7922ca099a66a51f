"""The one table of historical periods used across alliancelab: era labels and system polarity.

Four periods of the state system, each with the conventional polarity of its great-power system
(Waltz 1979; Snyder 1984; Wohlforth 1999 dates unipolarity from the Soviet collapse of 1991):

========  ===========  ==========
years     era          polarity
========  ===========  ==========
1815-1913 pre-1914     multipolar
1914-1945 1914-1945    multipolar
1946-1991 Cold War     bipolar
1992-2016 post-1991    unipolar
========  ===========  ==========

``era_of`` and ``polarity_of`` read the same table (``polarity_of(y)`` is ``era_of(y, "polarity")``);
years outside 1815-2016 get "".

References
----------
Waltz, K. N. (1979), *Theory of International Politics*. Snyder, G. H. (1984), "The Security Dilemma
in Alliance Politics", World Politics 36(4): 461-495. Wohlforth, W. C. (1999), "The Stability of a
Unipolar World", International Security 24(1): 5-41.
"""

from dataclasses import dataclass

import numpy as np

from alliancelab.errors import check_choice


@dataclass(frozen=True)
class Period:
    """One period: first and last year (inclusive), era label, polarity."""

    first: int
    last: int
    label: str
    polarity: str


PERIODS = (
    Period(1815, 1913, "pre-1914", "multipolar"),
    Period(1914, 1945, "1914-1945", "multipolar"),
    Period(1946, 1991, "Cold War", "bipolar"),
    Period(1992, 2016, "post-1991", "unipolar"),
)
# (first, last, label): the era table in the form the analyses iterate over
ERAS = tuple((p.first, p.last, p.label) for p in PERIODS)
ERA_LABELS = tuple(p.label for p in PERIODS)
# (first, last, polarity), consecutive periods of the same polarity merged
POLARITY = ((1815, 1945, "multipolar"), (1946, 1991, "bipolar"), (1992, 2016, "unipolar"))
ATTRIBUTES = ("label", "polarity")


def era_of(year, attribute="label"):
    """The period's ``attribute`` ("label" or "polarity") for each year; "" outside 1815-2016.

    Parameters
    ----------
    year : int or array-like of int
    attribute : {"label", "polarity"}

    Returns
    -------
    numpy.ndarray of object
        One string per year (a 0-d array for a scalar year).

    Examples
    --------
    >>> list(era_of([1900, 1950, 1995]))
    ['pre-1914', 'Cold War', 'post-1991']
    >>> list(era_of([1914, 1990], "polarity"))
    ['multipolar', 'bipolar']
    """
    check_choice("attribute", attribute, ATTRIBUTES)
    year = np.asarray(year)
    out = np.full(year.shape, "", dtype=object)
    for period in PERIODS:
        out[(year >= period.first) & (year <= period.last)] = getattr(period, attribute)
    return out


def polarity_of(year):
    """Conventional polarity of each year: ``era_of(year, "polarity")``.

    Examples
    --------
    >>> list(polarity_of([1914, 1946, 1991, 1992]))
    ['multipolar', 'bipolar', 'bipolar', 'unipolar']
    """
    return era_of(year, "polarity")
