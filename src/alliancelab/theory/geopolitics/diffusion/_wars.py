"""The COW inter-state wars as the diffusion analysis reads them: names, sides and participants by year."""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.lookup import Lookup

FIRST_WAR_YEAR, LAST_WAR_YEAR = facts.coverage("wars")
CONTIGUITY_CLASSES = {1: "land", 2: "sea12", 3: "sea24", 4: "sea150", 5: "sea400"}
WAR_NAMES = {
    1: "Franco-Spanish War",
    22: "Crimean War",
    58: "Franco-Prussian War",
    106: "World War I",
    139: "World War II",
    151: "Korean War",
    163: "Vietnam War",
    211: "Gulf War",
}


def war_name(warnum):
    """Name of a COW inter-state war ("war N" when unnamed here).

    Parameters
    ----------
    warnum : int
        COW war number.

    Returns
    -------
    str

    Examples
    --------
    >>> war_name(106)
    'World War I'
    """
    return WAR_NAMES.get(int(warnum), f"war {int(warnum)}")


def war_sides(warehouse=None):
    """The side of every war participant in every year.

    In a year in which a state appears on both sides (it switched, e.g. Italy in 1943) the side it
    held the year before is used.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per (warnum, ccode, year) with ``side`` (COW side 1 or 2).
    """
    lookup = Lookup.get(warehouse)
    rows = lookup.table("wars")[["warnum", "ccode1", "year", "sidea1"]].rename(columns={"ccode1": "ccode"})
    yearly = rows.groupby(["warnum", "ccode", "year"], as_index=False)["sidea1"].agg(["min", "max"])
    yearly = yearly.sort_values(["warnum", "ccode", "year"]).reset_index(drop=True)
    keys = [yearly["warnum"], yearly["ccode"]]
    low = yearly["min"].to_numpy(np.float64)
    single = low == yearly["max"].to_numpy(np.float64)
    held = pd.Series(np.where(single, low, np.nan)).groupby(keys).ffill().groupby(keys).shift().to_numpy()
    side = np.where(single, low, held)
    yearly["side"] = np.where(np.isnan(side), low, side).astype(np.int64)
    return yearly[["warnum", "ccode", "year", "side"]]


def war_participants(warehouse=None):
    """Participants of every COW inter-state war, derived from the directed war dyad-years.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per (warnum, ccode): ``side`` (the COW side, 1 or 2, it entered on), ``switched``
        (1 when it later appears on the other side), ``first`` / ``last`` year in the war, ``years``
        in the war, ``war_first`` / ``war_last`` (the war's span), ``original`` (1 when the state
        was in the war in its first year) and ``initiator``.

    Examples
    --------
    >>> len(war_participants().query("warnum == 106"))
    15
    """
    lookup = Lookup.get(warehouse)
    wars = lookup.table("wars")
    rows = wars[["warnum", "ccode1", "year", "sidea1", "initiator1"]].rename(columns={"ccode1": "ccode"})
    out = rows.groupby(["warnum", "ccode"], as_index=False).agg(
        first=("year", "min"),
        last=("year", "max"),
        years=("year", "nunique"),
        initiator=("initiator1", "max"),
        sides=("sidea1", "nunique"),
    )
    sides = war_sides(warehouse)
    entry = sides.merge(
        out[["warnum", "ccode", "first"]], left_on=["warnum", "ccode", "year"], right_on=["warnum", "ccode", "first"]
    )
    out = out.merge(entry[["warnum", "ccode", "side"]], on=["warnum", "ccode"])
    out["switched"] = (out.pop("sides") > 1).astype(np.int8)
    span = rows.groupby("warnum")["year"].agg(war_first="min", war_last="max").reset_index()
    out = out.merge(span, on="warnum")
    out["original"] = (out["first"] == out["war_first"]).astype(np.int8)
    out["initiator"] = out["initiator"].fillna(0).astype(np.int8)
    out = out[
        [
            "warnum",
            "ccode",
            "side",
            "switched",
            "first",
            "last",
            "years",
            "war_first",
            "war_last",
            "original",
            "initiator",
        ]
    ]
    out.attrs["sources"] = lookup.citations(["wars"])
    return out
