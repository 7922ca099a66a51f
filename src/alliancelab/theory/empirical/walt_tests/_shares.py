"""Walt's first proposition: shares of balancing and bandwagoning among the alignment decisions, overall, by
era, by region and in Walt's own universe, with 95% Wilson intervals.
"""

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing


# --- shares ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WaltShares:
    """Label shares of the alignment decisions (``walt_shares``), each a ``balancing.shares`` table.

    Attributes
    ----------
    overall, era, region, middle_east_1955_1979 : DataFrame
        All decisions; by era (ordered); by region; Walt's own universe (Middle East 1955-1979).
    by_treaty : DataFrame
        Defense/offense pledges vs the rest, and bilateral vs multilateral treaties (column ``group``).
    """

    overall: pd.DataFrame
    era: pd.DataFrame
    region: pd.DataFrame
    middle_east_1955_1979: pd.DataFrame
    by_treaty: pd.DataFrame

    def items(self):
        """(name, table) pairs in field order, e.g. to write each table to a file."""
        return [(field.name, getattr(self, field.name)) for field in fields(self)]


def walt_shares(classified):
    """Label shares overall, by era, by region, in Walt's Middle East 1955-1979 and by treaty type.

    ``by_treaty`` separates defense/offense pledges from the rest and bilateral from multilateral
    treaties: ATOP counts non-aggression and consultation pacts too, where "allying with the threat"
    is often a settlement between rivals rather than bandwagoning, and large regional treaties put a
    member's neighbours (its usual top threats) inside the alliance.

    Parameters
    ----------
    classified : DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).

    Returns
    -------
    WaltShares
        overall, era, region, middle_east_1955_1979, by_treaty.

    Examples
    --------
    >>> shares = walt_shares(balancing.classify())
    >>> int(shares.overall["decisions"].iloc[0])
    2177

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    me = classified[(classified["region"] == "Middle East") & classified["year"].between(1955, 1979)]
    kinds = classified.assign(
        pledge=np.where(
            (classified["defense"].fillna(0) + classified["offense"].fillna(0)) > 0,
            "defense/offense pledge",
            "neutrality/non-aggression/consultation only",
        ),
        size=np.where(classified["n_partners"] <= 1, "bilateral", "multilateral"),
    )
    era = balancing.shares(classified, "era")
    era["era"] = pd.Categorical(era["era"], [e[2] for e in balancing.ERAS], ordered=True)
    return WaltShares(
        overall=balancing.shares(classified),
        era=era.sort_values("era").reset_index(drop=True),
        region=balancing.shares(classified[classified["region"] != ""], "region"),
        middle_east_1955_1979=balancing.shares(me),
        by_treaty=pd.concat(
            [
                balancing.shares(kinds, "pledge").rename(columns={"pledge": "group"}),
                balancing.shares(kinds, "size").rename(columns={"size": "group"}),
            ],
            ignore_index=True,
        ),
    )


BROAD_BANDWAGONING = ("bandwagoning", "bandwagoning_for_profit", "coerced")


def with_alignment(classified, broad=True):
    """The classified decisions relabelled from the richer ``alignment`` for Walt's tests.

    ``label`` becomes balancing (alignment balancing), bandwagoning (alignment bandwagoning; with
    ``broad``, also bandwagoning for profit and coerced alignment, both forms of joining the stronger
    or threatening side) or neither (hedging, buck-passing, not a security alignment, neither);
    ``target`` becomes ``alignment_threat``. Every function of this module then applies unchanged.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output, with columns alignment and alignment_threat.
    broad : bool, default True
        Count bandwagoning for profit and coerced alignment as bandwagoning.

    Returns
    -------
    pandas.DataFrame
        A copy of ``classified`` with ``label`` and ``target`` replaced.

    Raises
    ------
    ParameterError
        When the alignment columns are missing.

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    Schweller, R. L. (1994), "Bandwagoning for profit", International Security 19(1): 72-107.
    """
    missing = [c for c in ("alignment", "alignment_threat") if c not in classified.columns]
    if missing:
        raise ParameterError(f"argument classified: missing column(s) {missing}; expected balancing.classify output")
    wagon = BROAD_BANDWAGONING if broad else ("bandwagoning",)
    out = classified.copy()
    alignment = out["alignment"].to_numpy()
    out["label"] = np.where(
        alignment == "balancing", "balancing", np.where(np.isin(alignment, wagon), "bandwagoning", "neither")
    )
    out["target"] = out["alignment_threat"].where(out["label"] != "neither")
    out.attrs = dict(classified.attrs)
    return out


def plot_alignments(classified, stem):
    """Stacked bars of the seven alignments (and neither) by era and region.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``balancing.classify`` output (or ``with_alignment`` of it).
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    """
    from alliancelab.figures.record import walt_alignments

    era = balancing.alignment_shares(classified, "era")
    era["era"] = pd.Categorical(era["era"], [e[2] for e in balancing.ERAS], ordered=True)
    region = balancing.alignment_shares(classified[classified["region"] != ""], "region")
    walt_alignments(era.sort_values("era"), region, balancing.ALIGNMENTS, stem)


# --- plots ------------------------------------------------------------------------------------------------
def plot_shares(share_tables, stem):
    """Stacked bars of label shares by era and region.

    Parameters
    ----------
    share_tables : WaltShares
        From ``walt_shares``.
    stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    """
    from alliancelab.figures.record import walt_shares

    walt_shares(share_tables.era, share_tables.region, share_tables.middle_east_1955_1979, stem)
