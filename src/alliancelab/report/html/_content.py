"""What the shareable report holds: ``build`` gathers a year's results into a ``ShareableReport``, with the
landscape-against-blocs and burden-sharing sections.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import DataMissingError, check_range
from alliancelab.panels.lookup import Lookup

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # COW state system, from its specification
NETWORK_OBLIGATION = "any"


@dataclass
class ShareableReport:
    """Everything the shareable page shows for one year (inputs of ``to_html``).

    Attributes
    ----------
    yearly : YearlyReport
        The yearly report (``report.yearly.yearly_report``).
    graph : networkx.Graph
        The year's alliance ties (ATOP 5.1, any obligation).
    blocs : dict
        ccode -> the leader of its bloc (Louvain communities).
    camps : list
        The blocs as rows (``figures.network.bloc_table``).
    polarisation : float
        Reynal-Querol polarisation over the blocs, weighted by CINC.
    decisions : pandas.DataFrame
        The year's alliance entries classified as balancing, bandwagoning or neither.
    detente : pandas.DataFrame or None
        Detente periods under way among strategic rivals (None: not computed).
    landscape : pandas.DataFrame or None, default None
        Major powers: predicted camp next to observed bloc (``landscape_against_blocs``).
    landscape_score : tuple, default ()
        ``(placed right, scored)``, or () when not computed.
    burden : pandas.DataFrame or None, default None
        Burden against size in the largest alliances in force (``burden_sharing``).
    sources : list of str
        The citations of every table.
    """

    yearly: object  # report.yearly.YearlyReport
    graph: object  # networkx Graph of the year's alliance ties
    blocs: dict  # ccode -> bloc leader
    camps: list  # figures.network.bloc_table
    polarisation: float
    decisions: pd.DataFrame  # classified entry decisions of the year
    detente: pd.DataFrame | None  # detente periods under way (None: not computed)
    landscape: pd.DataFrame | None = None  # major powers: predicted camp vs observed bloc
    landscape_score: tuple = ()  # (placed right, scored) or () when not computed
    burden: pd.DataFrame | None = None  # burden vs size in the largest alliances in force
    sources: list = field(default_factory=list)


def latest_year(warehouse=None):
    """The latest year with both capabilities (COW NMC) and alliances (ATOP memberships in force,
    ``facts.alliance_spells``) in the warehouse, at most the last system year.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    int
        The year.

    Examples
    --------
    >>> latest_year()
    2016
    """
    lookup = Lookup.get(warehouse)
    nmc = lookup.con.execute("SELECT max(year) FROM nmc").fetchone()[0]
    spells = lookup.cached(("alliance_spells",), lambda: facts.alliance_spells(lookup.table("atop_members")))
    atop = int(spells["last"].max()) if len(spells) else None
    if nmc is None or atop is None:
        raise DataMissingError("tables nmc and atop_members: no years with data; run 'alliancelab data build'")
    return int(min(nmc, atop, LAST_YEAR))


def build(year, warehouse=None, with_detente=True):
    """Compute every section of the shareable report for one year.

    Parameters
    ----------
    year : int
        A year of the state system (``facts.check_years``).
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).
    with_detente : bool, default True
        Compute the detente section (``theory.empirical.detente``).

    Returns
    -------
    ShareableReport
        The inputs of ``to_html``.

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of
    communities in large networks. *Journal of Statistical Mechanics*, P10008.

    Montalvo, J. G., & Reynal-Querol, M. (2005). Ethnic polarization, potential conflict, and civil
    wars. *American Economic Review*, 95(3), 796-816.
    """
    from alliancelab.figures import network as figures
    from alliancelab.measures import network
    from alliancelab.report import yearly
    from alliancelab.theory.empirical import balancing

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    lookup = Lookup.get(warehouse)
    built = yearly.yearly_report(year, warehouse=warehouse)
    graph = network.alliance_network(
        year, obligation=NETWORK_OBLIGATION, data=network._load_network_data(lookup.con, year, year)
    )
    blocs = network.alliance_blocs(graph)
    weights = {n: graph.nodes[n].get("cinc", np.nan) for n in graph.nodes}
    polarisation, _ = network.polarisation_index(blocs, weights)
    classified = balancing.classify(warehouse=warehouse)
    decided = classified[classified["year"] == year].reset_index(drop=True)
    periods = None
    cited = lookup.citations(["atop_dyads"]) + list(classified.attrs.get("sources", []))
    if with_detente:
        from alliancelab.theory.empirical import detente

        all_periods = detente.detente(warehouse).periods
        periods = all_periods[(all_periods["start"] <= year) & (all_periods["end"] >= year)].reset_index(drop=True)
        cited += lookup.citations(["rivalries"])
    majors = built.members.loc[built.members["major"] == 1, "ccode"].astype(int).tolist()
    landscape, score, landscape_sources = landscape_against_blocs(lookup, year, majors, blocs)
    burden, burden_sources = burden_sharing(lookup, year, built.alliances)
    cited += landscape_sources + burden_sources
    sources = list(built.sources)
    sources += [c for c in dict.fromkeys(cited) if c not in sources]
    return ShareableReport(
        built,
        graph,
        blocs,
        figures.bloc_table(graph, blocs),
        float(polarisation),
        decided,
        periods,
        landscape,
        score,
        burden,
        sources,
    )


def landscape_against_blocs(lookup, year, majors, blocs):
    """Landscape theory's predicted two camps among the major powers next to their observed blocs.

    The prediction is the global minimum of the energy with two camps (sizes CINC, default propensity
    components); the blocs come from ``measures.network``.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``panels.lookup.Lookup``).
    year : int
        The year.
    majors : list of int
        COW codes of the major powers.
    blocs : dict
        ccode -> bloc leader.

    Returns
    -------
    table : pandas.DataFrame or None
        Columns ``state``, ``predicted camp``, ``observed bloc``; None with fewer than three majors.
    score : tuple
        ``(placed right, scored)``: scored counts the majors in a bloc with another major (the others
        have no observed camp); () with fewer than three majors.
    citations : list of str
        The sources used.

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """
    from alliancelab.theory import landscape as L
    from alliancelab.theory import landscape_data as D

    if len(majors) < 3:
        return None, (), []
    system = D.build_system(" ".join(str(c) for c in majors), year, warehouse=lookup.path)
    result = L.landscape(system.sizes, system.propensity(), camps=2, names=system.names)
    codes = system.codes
    leaders = [blocs.get(c) for c in codes]
    shared = sorted({b for b in leaders if b is not None and leaders.count(b) > 1})
    actual = np.array([shared.index(b) if b in shared else -1 for b in leaders])
    right, scored, mapping = D.placed_right(result.global_minimum, actual) if (actual >= 0).any() else (0, 0, None)
    table = pd.DataFrame(
        {
            "state": system.names,
            "predicted camp": [f"camp {c}" for c in result.global_minimum],
            "observed bloc": [
                f"bloc of {lookup.abbreviation(b)}" if b in shared else "no other major in its bloc" for b in leaders
            ],
        }
    )
    return table, (right, scored), system.citations


def burden_sharing(lookup, year, alliances, top=3):
    """Burden (military spending / GDP) against size (GDP) in the largest alliances in force.

    Only alliances with at least three members with data are tested (``theory.empirical.burden``; COW NMC
    spending, Maddison GDP).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``panels.lookup.Lookup``).
    year : int
        The year.
    alliances : pandas.DataFrame
        Alliances in force (``report.yearly.alliances_in_force``).
    top : int, default 3
        Alliances tested, largest first.

    Returns
    -------
    table : pandas.DataFrame
        Columns ``ATOP id``, ``members``, ``with data``, ``Spearman rho``, ``p-value``,
        ``largest burden``.
    citations : list of str
        The sources used.

    References
    ----------
    Olson, M., & Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics and
    Statistics*, 48(3), 266-279.
    """
    from alliancelab.theory.empirical import burden as bd

    rows, citations = [], []
    for alliance in alliances.sort_values(["size", "atopid"], ascending=[False, True]).itertuples():
        if len(rows) >= top:
            break
        found = bd.burden_test(int(alliance.atopid), year, year, spending="cow", warehouse=lookup.path)
        table, panel = found.table, found.panel
        used = panel[panel["status"] == "used"]
        if table.empty or len(used) < 3 or pd.isna(table["rho"].iloc[0]):
            continue
        heaviest = used.sort_values("burden", ascending=False).iloc[0]
        rows.append(
            {
                "ATOP id": int(alliance.atopid),
                "members": int(alliance.size),
                "with data": len(used),
                "Spearman rho": float(table["rho"].iloc[0]),
                "p-value": float(table["p_value"].iloc[0]),
                "largest burden": str(lookup.abbreviation(int(heaviest["ccode"]))),
            }
        )
        citations += [c for c in table.attrs.get("citations", []) if c not in citations]
    return pd.DataFrame(rows), citations
