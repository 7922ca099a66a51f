"""The yearly report: the state of the alliance system in one year, with its sources.

``yearly_report(year)`` returns a ``YearlyReport`` (plain DataFrames, inspectable); ``to_markdown``
renders it, and the CLI prints it with rich. Sections: system members and major powers, capability
shares and structure (concentration, poles), alliances in force (ATOP 4.01) with members and
obligations, alliances signed that year, the major powers' top threats, and the most and least
similar pairs among the major powers (Signorino-Ritter S).
"""

from dataclasses import dataclass, field

import pandas as pd

from alliancelab.data import facts
from alliancelab.measures import capabilities, threat
from alliancelab.panels import state_years
from alliancelab.panels.lookup import Lookup

OBLIGATION_NAMES = ("defense", "offense", "neutral", "nonagg", "consul")


@dataclass
class YearlyReport:
    """The state of the alliance system in one year (inputs of ``to_markdown``).

    Attributes
    ----------
    year : int
        The year.
    members : pandas.DataFrame
        System members by CINC share: ``ccode``, ``stateabb``, ``major``, ``cinc``, ``region``, ``name``.
    structure : dict
        The year's row of ``measures.capabilities.system_structure`` (states, majors, Ray-Singer
        CON, poles).
    alliances : pandas.DataFrame
        Alliances in force (``alliances_in_force``).
    new_alliances : pandas.DataFrame
        The alliances signed that year.
    threats : pandas.DataFrame
        The major powers' top threats (``measures.threat.top_threats``).
    similar_pairs : pandas.DataFrame
        Major-power pairs by Signorino-Ritter S (unweighted), most similar first.
    sources : list of str
        The citations of every table used.
    """

    year: int
    members: pd.DataFrame
    structure: dict
    alliances: pd.DataFrame
    new_alliances: pd.DataFrame
    threats: pd.DataFrame
    similar_pairs: pd.DataFrame
    sources: list = field(default_factory=list)


def alliances_in_force(year, warehouse=None):
    """ATOP 4.01 alliances in force in a year, one row per alliance.

    A membership is in force in every year from entry to exit (``data.facts.alliance_spells``).

    Parameters
    ----------
    year : int
        The year.
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        Columns ``atopid``, ``begyr``, ``members`` (COW abbreviations), ``size``, ``obligations``.

    Examples
    --------
    >>> alliances_in_force(1900).loc[0, "members"]
    'GMY AUH'

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty Obligations
    and Provisions, 1815-1944. *International Interactions*, 28, 237-260.
    """
    lookup = Lookup.get(warehouse)
    spells = lookup.cached(("alliance_spells",), lambda: facts.alliance_spells(lookup.table("atop_members")))
    rows = facts.alliance_member_years(spells.loc[(spells["first"] <= year) & (spells["last"] >= year)], year, year)
    begyr = lookup.table("atop_alliances").set_index("atopid")["begyr"]
    rows.insert(1, "begyr", begyr.reindex(rows["atopid"]).to_numpy())
    rows = rows.sort_values(["atopid", "member"]).reset_index(drop=True)
    if rows.empty:
        return pd.DataFrame(columns=["atopid", "begyr", "members", "size", "obligations"])
    rows["abb"] = [lookup.abbreviation(c) or str(c) for c in rows["member"]]
    grouped = rows.groupby(["atopid", "begyr"])
    out = grouped["abb"].agg(lambda s: " ".join(s)).rename("members").to_frame()
    out["size"] = grouped.size()
    present = grouped[list(OBLIGATION_NAMES)].max()
    out["obligations"] = [
        ", ".join(n for n in OBLIGATION_NAMES if row[n] == 1) or "none coded" for _, row in present.iterrows()
    ]
    return out.reset_index()


def _similar_major_pairs(year, majors, warehouse):
    """Most and least similar major-power pairs by Signorino-Ritter S (unweighted, valued)."""
    from alliancelab.measures import similarity

    frame = similarity.dyad_similarity(year, year, measures=["s_unweighted"], warehouse=warehouse)
    codes = set(majors)
    frame = frame[frame["ccode1"].isin(codes) & frame["ccode2"].isin(codes)]
    return frame.sort_values("s_unweighted", ascending=False)[["ccode1", "ccode2", "s_unweighted"]]


def yearly_report(year, warehouse=None, threats_k=3):
    """Everything the yearly report shows for one year of the state system.

    Parameters
    ----------
    year : int
        A year of the state system (``facts.check_years``).
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).
    threats_k : int, default 3
        Top threats listed per major power.

    Returns
    -------
    YearlyReport
        Members and capability shares, structure, alliances in force and signed, top threats,
        similar major-power pairs, sources.

    Examples
    --------
    >>> report = yearly_report(1900)
    >>> to_markdown(report).splitlines()[0]
    '# The alliance system in 1900'

    References
    ----------
    Ray, J. L., & Singer, J. D. (1973). Measuring the concentration of power in the international
    system. *Sociological Methods & Research*, 1(4), 403-437.

    Signorino, C. S., & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity of foreign
    policy positions. *International Studies Quarterly*, 43(1), 115-144.

    Walt, S. M. (1987). *The Origins of Alliances*. Cornell University Press.
    """
    facts.check_years(year, year)
    lookup = Lookup.get(warehouse)
    shares = capabilities.capability_shares(year, year, warehouse=warehouse)
    members = shares[["ccode", "stateabb", "major", "cinc", "region"]].copy()
    members["name"] = [lookup.name(c) for c in members["ccode"]]
    members = members.sort_values("cinc", ascending=False, na_position="last").reset_index(drop=True)
    structure = capabilities.system_structure(year, year, warehouse=warehouse).iloc[0].to_dict()
    alliances = alliances_in_force(year, warehouse)
    new = alliances[alliances["begyr"] == year].reset_index(drop=True)
    majors = members.loc[members["major"] == 1, "ccode"].tolist()
    ranked = threat.top_threats(year, k=threats_k, warehouse=warehouse)
    ranked = ranked[ranked["ccode1"].isin(majors)][
        ["ccode1", "rank", "ccode2", "threat", "power", "proximity", "intentions"]
    ]
    pairs = _similar_major_pairs(year, majors, warehouse)
    sources = state_years(year, year, warehouse=warehouse).add_nmc().add_majors().attrs["sources"]
    sources += [
        c
        for c in lookup.citations(
            [
                "atop_members",
                "atop_alliances",
                "atop_dyads",
                "gml_dyads",
                "contiguity",
                "min_distance",
                "capitals",
                "rivalries",
                "territorial_threat",
            ]
        )
        if c not in sources
    ]
    return YearlyReport(
        year, members, structure, alliances, new, ranked.reset_index(drop=True), pairs.reset_index(drop=True), sources
    )


def to_markdown(report, warehouse=None, top=15):
    """The yearly report as a Markdown document.

    Parameters
    ----------
    report : YearlyReport
        The report (``yearly_report``).
    warehouse : str or pathlib.Path, optional
        The warehouse file, for state names.
    top : int, default 15
        Rows of the capability-share table.

    Returns
    -------
    str
        The Markdown text, sources last.
    """
    lookup = Lookup.get(warehouse)

    def abb(code):
        return lookup.abbreviation(int(code)) or str(code)

    s = report.structure
    lines = [
        f"# The alliance system in {report.year}",
        "",
        f"{int(s['states'])} system members, {int(s['majors'])} major powers. "
        f"Concentration (Ray-Singer CON over the majors) {s['con']:.3f}; "
        f"poles: {int(s['poles_share_rule'])} with >= 10% of capabilities, "
        f"{s['poles_effective']:.2f} effective; top-3 share {s['top3_share']:.3f}.",
        "",
        "## Capability shares (top 15 by CINC)",
        "",
        "| state | major | CINC | region |",
        "|---|---|---|---|",
    ]
    for row in report.members.head(top).itertuples():
        major = "yes" if row.major == 1 else ""
        lines.append(f"| {row.name} ({row.stateabb}) | {major} | {row.cinc:.4f} | {row.region} |")
    lines += [
        "",
        f"## Alliances in force ({len(report.alliances)}, ATOP 4.01)",
        "",
        "| ATOP id | signed | members | obligations |",
        "|---|---|---|---|",
    ]
    for row in report.alliances.itertuples():
        lines.append(f"| {row.atopid} | {row.begyr} | {row.members} | {row.obligations} |")
    lines += ["", f"## New alliances in {report.year} ({len(report.new_alliances)})", ""]
    lines += [f"- ATOP {row.atopid}: {row.members} ({row.obligations})" for row in report.new_alliances.itertuples()]
    lines += [
        "",
        "## Top threats to the major powers (balance of threat, docs/capabilities_and_threat.md)",
        "",
        "| state | rank | threat from | score |",
        "|---|---|---|---|",
    ]
    for row in report.threats.itertuples():
        lines.append(f"| {abb(row.ccode1)} | {row.rank} | {abb(row.ccode2)} | {row.threat:.3f} |")
    if len(report.similar_pairs):
        lines += ["", "## Major-power pairs by alliance-portfolio similarity (S, unweighted)", ""]
        ends = (("most similar", report.similar_pairs.head(3)), ("least similar", report.similar_pairs.tail(3)))
        for label, part in ends:
            lines.append(
                f"- {label}: "
                + "; ".join(f"{abb(r.ccode1)}-{abb(r.ccode2)} {r.s_unweighted:.2f}" for r in part.itertuples())
            )
    lines += ["", "## Sources", ""] + [f"- {c}" for c in report.sources]
    return "\n".join(lines) + "\n"
