"""Leader-years and leader-dyad-years from the Archigos leader spells, and the LEAD attributes of
each leader spell as a step (like peacesciencer's ``create_leaderyears``, ``create_leaderdyadyears``
and ``add_lead``).

A leader-year is an Archigos spell (``obsid``) in a calendar year its tenure touches (startdate ..
enddate), 1840-2015. Several leaders can hold office in one state-year (a change of leader); each
gets its row. ``system`` says which leader-years are kept: ``"gw"`` (default; Archigos uses G-W codes)
keeps years in which the state is a Gleditsch-Ward member, ``"cow"`` years in which its COW code (through
the crosswalk) is a COW member, ``None`` every year of every tenure. A leader-dyad-year pairs two leader-years of the
same year in different states. Rows carry ``gwcode`` and the COW code of the state that year
(``ccode``, nullable; see alliancelab.panels.gw), so COW-coded steps run on them through the panel
methods.

References
----------
Goemans, H. E., Gleditsch, K. S. and Chiozza, G. (2009), "Introducing Archigos", JPR 46(2): 269-83.
Ellis, C. M., Horowitz, M. C. and Stam, A. C. (2015), "Introducing the LEAD Data Set",
International Interactions 41(4): 718-41.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.gw import NO_CODE, crosswalk_arrays, gw_spell_years, nullable_codes, translate_codes
from alliancelab.panels.lookup import Lookup
from alliancelab.panels.steps_common import add_columns, spell_years

FIRST, LAST = facts.coverage("archigos")  # tenures from 1840-07-23 to 2015-12-31
LEAD_COLUMNS = (
    "leveledu",
    "milservice",
    "combat",
    "rebel",
    "warwin",
    "warloss",
    "rebelwin",
    "rebelloss",
    "yrsexper",
    "physhealth",
    "mentalhealth",
)


def _check(start, end):
    check_range("start", start, FIRST, LAST)
    check_range("end", end, FIRST, LAST)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")


def _leader_rows(lookup, start, end, system):
    """DataFrame obsid, leadid, leader, gwcode, year, ccode, sorted by year, gwcode, startdate."""
    check_choice("system", system, ("gw", "cow", None))
    spells = lookup.table("archigos")
    first = pd.to_datetime(spells["startdate"]).dt.year.to_numpy()
    last = pd.to_datetime(spells["enddate"]).dt.year.to_numpy()
    rows, years = spell_years(np.maximum(first, start), np.minimum(last, end))
    out = pd.DataFrame(
        {
            "obsid": spells["obsid"].to_numpy()[rows],
            "leadid": spells["leadid"].to_numpy()[rows],
            "leader": spells["leader"].to_numpy()[rows],
            "gwcode": spells["gwcode"].to_numpy()[rows],
            "year": years,
            "_start": pd.to_datetime(spells["startdate"]).to_numpy()[rows],
        }
    )
    ccode = translate_codes(crosswalk_arrays(lookup)[0], out["gwcode"], out["year"])
    if system == "gw":
        code, year = gw_spell_years(lookup)
        keep = np.isin(out["year"].to_numpy() * 1000 + out["gwcode"].to_numpy(), year * 1000 + code)
    elif system == "cow":
        code, year = facts.member_years(lookup.spells(), FIRST, LAST)
        keep = (ccode != NO_CODE) & np.isin(out["year"].to_numpy() * 1000 + ccode, year * 1000 + code)
    else:
        keep = np.ones(len(out), dtype=bool)
    out["ccode"] = nullable_codes(ccode)
    out = out[keep]
    return out.sort_values(["year", "gwcode", "_start", "obsid"]).drop(columns="_start").reset_index(drop=True)


def _attrs(lookup, warehouse, unit, directed):
    return {
        "unit": unit,
        "directed": directed,
        "system": "gw",
        "warehouse": None if warehouse is None else str(warehouse),
        "sources": lookup.citations(["archigos", "gw_states", "cow_gw_years"]),
    }


def leader_years(start=FIRST, end=LAST, warehouse=None, system="gw"):
    """Leader-years from Archigos.

    Parameters
    ----------
    start, end : int, default 1840 and 2015
        First and last year (Archigos coverage).
    warehouse : path, optional
        The warehouse (default: the configured one).
    system : {"gw", "cow", None}, default "gw"
        Which leader-years are kept: years the state is a Gleditsch-Ward member ("gw"), a COW member
        ("cow", through the crosswalk), or every year of every tenure (None).

    Returns
    -------
    Panel
        Columns obsid, leadid, leader, gwcode, year, ccode (COW code, nullable).

    Examples
    --------
    >>> ly = leader_years(1945, 1945)
    >>> sorted(ly.loc[ly["gwcode"] == 2, "leader"])
    ['Roosevelt, F.', 'Truman']

    References
    ----------
    Goemans, H. E., Gleditsch, K. S. and Chiozza, G. (2009), "Introducing Archigos: A Dataset of Political
    Leaders", Journal of Peace Research 46(2): 269-283.
    """
    from alliancelab.panels.frame import Panel

    _check(start, end)
    lookup = Lookup.get(warehouse)
    panel = Panel(_leader_rows(lookup, start, end, system))
    panel.attrs = _attrs(lookup, warehouse, "leader", False)
    return panel


def leader_dyad_years(start=FIRST, end=LAST, directed=True, warehouse=None, system="gw"):
    """Leader-dyad-years: every pair of leader-years of the same year in different states.

    Parameters
    ----------
    start, end : int, default 1840 and 2015
        First and last year (Archigos coverage).
    directed : bool, default True
        Ordered pairs, else pairs with gwcode1 < gwcode2.
    warehouse : path, optional
        The warehouse (default: the configured one).
    system : {"gw", "cow", None}, default "gw"
        Which leader-years are kept: years the state is a Gleditsch-Ward member ("gw"), a COW member
        ("cow", through the crosswalk), or every year of every tenure (None).

    Returns
    -------
    Panel
        Columns obsid1, obsid2, gwcode1, gwcode2, year, ccode1, ccode2 (COW codes, nullable).
    """
    from alliancelab.panels.frame import Panel

    _check(start, end)
    lookup = Lookup.get(warehouse)
    rows = _leader_rows(lookup, start, end, system)
    obsid, code, year = rows["obsid"].to_numpy(), rows["gwcode"].to_numpy(), rows["year"].to_numpy()
    bounds = np.flatnonzero(np.diff(year, prepend=-1, append=-1))
    left, right = [], []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        index = np.arange(lo, hi)
        first, second = np.repeat(index, len(index)), np.tile(index, len(index))
        keep = code[first] != code[second] if directed else code[first] < code[second]
        left.append(first[keep])
        right.append(second[keep])
    i, j = np.concatenate(left), np.concatenate(right)
    ccode = rows["ccode"].array
    panel = Panel(
        {
            "obsid1": obsid[i],
            "obsid2": obsid[j],
            "gwcode1": code[i],
            "gwcode2": code[j],
            "year": year[i],
            "ccode1": ccode.take(i),
            "ccode2": ccode.take(j),
        }
    )
    panel.attrs = _attrs(lookup, warehouse, "leader-dyad", bool(directed))
    return panel


def add_lead(panel, columns=LEAD_COLUMNS):
    """LEAD attributes of each leader (by Archigos ``obsid``).

    leveledu (0 primary .. 3 graduate), milservice, combat, rebel, warwin, warloss, rebelwin, rebelloss,
    physhealth, mentalhealth (0/1) and yrsexper (years). Suffixes 1/2 on a leader-dyad panel. Missing
    where LEAD has no value (14-19% per variable).

    Parameters
    ----------
    panel : Panel
        A leader-year or leader-dyad-year panel.
    columns : sequence of str, default all LEAD columns
        The attributes to add.

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Ellis, C. M., Horowitz, M. C. and Stam, A. C. (2015), "Introducing the LEAD Data Set", International
    Interactions 41(4): 718-741.
    """
    sides = [("1", "obsid1"), ("2", "obsid2")] if "obsid1" in panel.columns else [("", "obsid")]
    if sides[0][1] not in panel.columns:
        raise ParameterError(
            "add_lead needs a leader panel (column obsid or obsid1/obsid2): start from "
            "leader_years() or leader_dyad_years()"
        )
    for column in columns:
        if column not in LEAD_COLUMNS:
            raise ParameterError(f"argument columns: {column!r} is not a LEAD column; expected some of {LEAD_COLUMNS}")
    lookup = Lookup.get(panel.attrs.get("warehouse"))
    lead = lookup.table("lead")
    out = {}
    for suffix, key in sides:
        position = pd.Index(lead["obsid"]).get_indexer(panel[key].to_numpy())  # -1: no LEAD row
        for column in columns:
            out[f"{column}{suffix}"] = lead[column].astype("Int16").array.take(position, allow_fill=True)
    return add_columns(panel, out, ["lead"], "add_lead")


ARCHIGOS_COVERAGE = (FIRST, LAST)


def archigos_arrays(lookup):
    """Archigos per (G-W code, year), built once per lookup.

    Leaders in office, a change of leader, an irregular exit, and the Archigos spells in office on the
    year's first and last covered days (row numbers of the archigos table).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    dict of numpy.ndarray
        (G-W code, year) arrays.
    """
    from alliancelab.panels.lookup import NYEARS, YEAR0

    def build():
        spells = lookup.table("archigos").reset_index(drop=True)
        start = pd.to_datetime(spells["startdate"])
        end = pd.to_datetime(spells["enddate"])
        rows, years = spell_years(start.dt.year.to_numpy(), end.dt.year.to_numpy())
        t = pd.DataFrame(
            {
                "row": rows,
                "gwcode": spells["gwcode"].to_numpy()[rows],
                "year": years,
                "leadid": spells["leadid"].to_numpy()[rows],
                "start": start.to_numpy()[rows],
                "irregular_exit": (
                    (spells["exit"].to_numpy()[rows] == "Irregular") & (end.dt.year.to_numpy()[rows] == years)
                ),
            }
        )
        t = t.sort_values(["gwcode", "year", "start", "row"])
        per = t.groupby(["gwcode", "year"], sort=False).agg(
            n_leaders=("leadid", "nunique"),
            first=("row", "first"),
            last=("row", "last"),
            first_id=("leadid", "first"),
            last_id=("leadid", "last"),
            irregular=("irregular_exit", "any"),
        )
        per = per.reset_index()
        per = per[(per["year"] >= YEAR0) & (per["year"] < YEAR0 + NYEARS)]
        g, y = per["gwcode"].to_numpy(), per["year"].to_numpy() - YEAR0
        change = (per["first_id"] != per["last_id"]).to_numpy()
        arrays = {
            "n_leaders": np.zeros((1000, NYEARS), dtype=np.int16),
            "transition": np.zeros((1000, NYEARS), dtype=np.int8),
            "irregular": np.zeros((1000, NYEARS), dtype=np.int8),
            "first": np.full((1000, NYEARS), -1, dtype=np.int32),
            "last": np.full((1000, NYEARS), -1, dtype=np.int32),
        }
        arrays["n_leaders"][g, y] = per["n_leaders"].to_numpy()
        arrays["transition"][g, y] = change
        arrays["irregular"][g, y] = change & per["irregular"].to_numpy()
        arrays["first"][g, y] = per["first"].to_numpy()
        arrays["last"][g, y] = per["last"].to_numpy()
        return arrays

    return lookup.cached("archigos_years", build)


def add_archigos(panel):
    """Archigos summaries of each state-year (suffixes 1/2 on a dyad panel), for COW or G-W panels.

    - ``n_leaders``: leaders in office at some point of the year;
    - ``leader_transition``: 1 if the leader in office at the start of the year (the spell that began
      first) is not the one at its end (the spell that began last);
    - ``irregular_transition``: 1 if there was a transition and a spell that ended that year ended
      irregularly (Archigos ``exit`` = "Irregular": coups, revolts, assassinations... not deaths in
      office or retirement);
    - ``obsid_jan1`` / ``obsid_dec31``: the Archigos spells of those two leaders (join LEAD on them;
      ``obsid_jan1_1``, ``obsid_dec31_2``... on a dyad panel).

    A COW panel is read through the crosswalk (``cow_to_gw``). Missing outside 1840-2015 and where
    Archigos has no leader for the state-year.

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Goemans, H. E., Gleditsch, K. S. and Chiozza, G. (2009), "Introducing Archigos: A Dataset of Political
    Leaders", Journal of Peace Research 46(2): 269-283.
    """
    from alliancelab.panels.lookup import YEAR0
    from alliancelab.panels.steps_common import column_name, panel_sides

    lookup = Lookup.get(panel.attrs.get("warehouse"))
    arrays = archigos_arrays(lookup)
    obsids = lookup.table("archigos")["obsid"].reset_index(drop=True).to_numpy()
    year = panel["year"].to_numpy().astype(np.int64)
    late = (year < ARCHIGOS_COVERAGE[0]) | (year > ARCHIGOS_COVERAGE[1])
    if panel.attrs.get("system") == "gw":
        sides = (
            [("1", panel["gwcode1"].to_numpy()), ("2", panel["gwcode2"].to_numpy())]
            if "gwcode1" in panel.columns
            else [("", panel["gwcode"].to_numpy())]
        )
    else:
        cow_to = crosswalk_arrays(lookup)[1]
        sides = [(suffix, translate_codes(cow_to, ccode, year)) for suffix, ccode in panel_sides(panel)]
    out = {}
    for suffix, code in sides:
        code = np.asarray(code, dtype=np.int64)
        ok = (code >= 0) & ~late
        cell = np.where(ok, code, 0) * arrays["n_leaders"].shape[1] + np.clip(year - YEAR0, 0, None)
        n = np.where(ok, arrays["n_leaders"].ravel().take(cell, mode="clip"), 0)
        missing = n == 0
        out[f"n_leaders{suffix}"] = pd.arrays.IntegerArray(n.astype(np.int16), missing)
        for name, key in (("leader_transition", "transition"), ("irregular_transition", "irregular")):
            values = arrays[key].ravel().take(cell, mode="clip")
            out[f"{name}{suffix}"] = pd.arrays.IntegerArray(values.astype(np.int8), missing)
        for name, key in (("obsid_jan1", "first"), ("obsid_dec31", "last")):
            index = arrays[key].ravel().take(cell, mode="clip")
            out[column_name(name, suffix)] = pd.array(
                np.where(missing, None, obsids[np.clip(index, 0, None)]), dtype="string"
            )
    return add_columns(panel, out, ["archigos", "cow_gw_years"], "add_archigos")
