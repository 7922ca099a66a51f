"""``Portfolio`` (one year's ties) and ``PortfolioSet`` (many years), re-exported by ``measures.portfolios``."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.measures.regions import region_index


@dataclass
class Portfolio:
    """The portfolios of one year: ``levels[i, k]`` is the tie of ``ccodes[i]`` to ``ccodes[k]``.

    Attributes
    ----------
    year : int
        The year.
    ccodes : numpy.ndarray
        The system members, sorted.
    levels : numpy.ndarray of int8
        n x n ordinal ties (3 defense/offense, 2 neutrality/consultation, 1 non-aggression, 0 none;
        the diagonal is the self tie).
    cinc : numpy.ndarray
        Each member's CINC (NaN where missing); ``weights`` is ``cinc`` with missing values set to 0,
        i.e. the state excluded as a dimension of the weighted measures.
    direction : str
        "either", "pledged" or "received": which direction of a pledge makes a tie.
    """

    year: int
    ccodes: np.ndarray
    levels: np.ndarray
    cinc: np.ndarray
    direction: str = "either"

    @property
    def n(self):
        return len(self.ccodes)

    @property
    def regions(self):
        return region_index(self.ccodes)

    @property
    def weights(self):
        return np.where(np.isnan(self.cinc), 0.0, self.cinc)

    def binary(self):
        """Binary coding: 1 where the ordinal level is at least 1 (self included).

        Returns
        -------
        numpy.ndarray of int8
            n x n.
        """
        return (self.levels >= 1).astype(np.int8)

    def index(self, ccode):
        """Row of ``ccode`` in this year, or a ParameterError naming the year.

        Parameters
        ----------
        ccode : int
            A COW state code.

        Returns
        -------
        int
            Its row in ``ccodes`` and ``levels``.
        """
        position = np.searchsorted(self.ccodes, ccode)
        if position >= self.n or self.ccodes[position] != ccode:
            raise ParameterError(f"ccode {ccode} is not a COW system member in {self.year}")
        return int(position)

    def frame(self):
        """Long form of the ties.

        Returns
        -------
        pandas.DataFrame
            ccode1, ccode2, year, level, for every ordered pair with level >= 1 (no self ties).
        """
        i, k = np.nonzero(self.levels)
        off = i != k
        return pd.DataFrame(
            {
                "ccode1": self.ccodes[i[off]],
                "ccode2": self.ccodes[k[off]],
                "year": self.year,
                "level": self.levels[i[off], k[off]],
            }
        )


@dataclass
class PortfolioSet:
    """Portfolios for a range of years, with what was dropped or missing on the way.

    Attributes
    ----------
    portfolios : list of Portfolio
        One per year.
    direction : str
        As in ``Portfolio``.
    dropped : pandas.DataFrame
        ATOP rows naming a non-member, with ``reason``.
    missing_cinc : pandas.DataFrame
        Member-years without CINC (excluded from the weighted measures).
    """

    portfolios: list
    direction: str
    dropped: pd.DataFrame = field(repr=False)
    missing_cinc: pd.DataFrame = field(repr=False)

    def __iter__(self):
        return iter(self.portfolios)

    def __len__(self):
        return len(self.portfolios)

    def year(self, year):
        """The portfolio of one year.

        Parameters
        ----------
        year : int
            A year of the loaded range.

        Returns
        -------
        Portfolio
        """
        for portfolio in self.portfolios:
            if portfolio.year == year:
                return portfolio
        raise ParameterError(
            f"argument year={year}: not in the loaded range {self.portfolios[0].year}-{self.portfolios[-1].year}"
        )

    @property
    def n_dyad_years(self):
        """Non-directed dyad-years covered (n(n-1)/2 summed over years)."""
        return int(sum(p.n * (p.n - 1) // 2 for p in self.portfolios))
