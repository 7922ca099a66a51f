"""Alliance profile of one dyad over time: the R.O.K.-U.S. analysis, for any pair, as a function and command.

For states a and b, every year both are COW system members (to 2016):

* capability: cinc_a, cinc_b and ``asymmetry`` = max / (cinc_a + cinc_b) (0.5 = equal, 1 = one-sided);
* alliance: ``allied`` (a shared ATOP 4.01 alliance with a defense/offense obligation) and the
  shared alliances (atopids);
* threats: each side's top ``k`` threats (the balancing rule's default threat measure, allies
  excluded as in ``alliancelab.theory.empirical.balancing``) and the ``common_threats`` on both lists;
* similarity: Signorino & Ritter's S (unweighted, valued) of their alliance portfolios;
* burden: ``milex_share_a`` = a's share of the pair's military spending (COW NMC milex, current
  US$ thousands; one currency within a year, so the share compares like with like);
* Snyder's indicators for each side inside their shared alliance (``management.snyder_indicators``):
  abandonment and entrapment risk and their components;
* detente: detente periods (``alliancelab.theory.empirical.detente``) of the common adversaries, i.e.
  states that are a strategic rival of a or b and appear among the common threats in some year.

``write_report`` writes one Markdown report with the tables and Plotly (.html) + matplotlib (.png)
figures.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.files import write_text
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical import balancing, detente, management
from alliancelab.theory.empirical.walt_tests import state_arrays


@dataclass(frozen=True)
class Profile:
    """Result of ``profile``: the alliance profile of one dyad.

    Attributes
    ----------
    years : DataFrame
        One row per year both states are COW system members (module doc for the columns).
    snyder : DataFrame
        Snyder's indicators of both sides inside their tightest shared alliance, per year.
    detente : DataFrame
        Detente periods of the common adversaries (``detente.detente`` periods).
    adversaries : DataFrame
        The common adversaries: ccode, abb, years_common_threat.
    names : dict
        a, b (COW codes), abb_a, abb_b, name_a, name_b.
    tension : DataFrame
        Tension dyad-years of the sides with their adversaries.
    """

    years: pd.DataFrame
    snyder: pd.DataFrame
    detente: pd.DataFrame
    adversaries: pd.DataFrame
    names: dict
    tension: pd.DataFrame


def profile(a, b, k=5, warehouse=None):
    """Alliance profile of the dyad (a, b) over every year both are COW system members.

    Parameters
    ----------
    a, b : int or str
        COW codes or abbreviations (e.g. 2 and 732, or "USA" and "ROK").
    k : int
        How many top threats per side to compare (1-20).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    Profile
        years, snyder, detente, adversaries, names, tension.

    Examples
    --------
    >>> result = profile("USA", "ROK")
    >>> int(result.years.loc[result.years["allied"] == 1, "year"].min())
    1953

    References
    ----------
    Singer, Bremer & Stuckey 1972 (NMC); Leeds et al. 2002 (ATOP); Signorino & Ritter 1999 (S);
    Snyder 1984; Thompson & Dreyer 2012.
    """
    check_range("k", k, 1, 20)
    lookup = Lookup.get(warehouse)
    a, b = lookup.resolve(a, argument="a"), lookup.resolve(b, argument="b")
    if a == b:
        raise ParameterError(f"arguments a, b: the same state {a}; expected two")
    from alliancelab.panels.adders import membership

    member = membership(lookup)  # (year, state), facts.member_years
    ia, ib = lookup.positions([a, b])
    calendar = np.arange(facts.SYSTEM_FIRST, facts.SYSTEM_LAST + 1)
    years = calendar[member[calendar - YEAR0, ia] & member[calendar - YEAR0, ib]]
    if len(years) == 0:
        raise ParameterError(
            f"states {a} and {b} are never system members in the same year ({facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST})"
        )
    t = years - YEAR0
    arrays = state_arrays(warehouse)
    p = balancing.DEFAULTS
    cube = balancing.candidate_threats(
        p["form"], p["weights"], p["exclude_allies"], p["keep_hostile_allies"], warehouse
    )
    allied = balancing.allied_cube("defense", warehouse)
    out = pd.DataFrame(
        {
            "year": years,
            "cinc_a": arrays["cinc"][ia, t],
            "cinc_b": arrays["cinc"][ib, t],
            "milex_a": arrays["milex"][ia, t],
            "milex_b": arrays["milex"][ib, t],
        }
    )
    out["asymmetry"] = np.fmax(out["cinc_a"], out["cinc_b"]) / (out["cinc_a"] + out["cinc_b"])
    out["milex_share_a"] = out["milex_a"] / (out["milex_a"] + out["milex_b"])
    out["allied"] = allied[t, ia, ib].astype(int)
    amy = management.alliance_member_years(warehouse)
    shared = amy[amy["member"] == a].merge(amy[amy["member"] == b], on=["atopid", "year"])
    shared_ids = shared.groupby("year")["atopid"].agg(lambda s: " ".join(map(str, sorted(s))))
    out["shared_alliances"] = out["year"].map(shared_ids).fillna("")

    def top(i):
        rows = np.where(np.isnan(cube[t, i]), -np.inf, cube[t, i])
        order = np.argsort(-rows, axis=1)[:, :k]
        return [
            [int(lookup.codes[j]) for j in row if np.isfinite(rows[n, j]) and lookup.codes[j] not in (a, b)]
            for n, row in enumerate(order)
        ]

    top_a, top_b = top(ia), top(ib)
    common = [sorted(set(x) & set(y)) for x, y in zip(top_a, top_b)]
    abb = lambda codes: " ".join(lookup.abbreviation(np.array(codes, dtype=int))) if codes else ""  # noqa: E731
    out["top_threats_a"] = [abb(x) for x in top_a]
    out["top_threats_b"] = [abb(x) for x in top_b]
    out["common_threats"] = [abb(x) for x in common]
    out["n_common_threats"] = [len(x) for x in common]
    from alliancelab.theory.empirical.detente import similarity_by_year

    out["similarity"] = similarity_by_year(
        pd.DataFrame({"ccode1": min(a, b), "ccode2": max(a, b), "year": years}), warehouse
    )

    # the indicators of a span are those of every system year restricted to it (tested): computed once per process
    member_years = lookup.cached(
        "profile_snyder_member_years",
        lambda: management.snyder_indicators(facts.SYSTEM_FIRST, facts.SYSTEM_LAST, warehouse).member_years,
    )
    member_years = member_years[member_years["year"].between(int(years.min()), int(years.max()))]
    ids = set(shared["atopid"])
    snyder = member_years[member_years["atopid"].isin(ids) & member_years["member"].isin([a, b])]
    if not snyder.empty:
        # the tightest shared alliance each year: the one with the fewest partners
        snyder = snyder.sort_values(["year", "partners", "atopid"])
        keep = snyder.groupby("year")["atopid"].transform("first")
        snyder = snyder[snyder["atopid"] == keep]
        wide = snyder.pivot_table(
            index="year",
            columns="member",
            values=[
                "abandonment_risk",
                "entrapment_risk",
                "commitment",
                "dependence",
                "partner_alternatives",
                "partner_disputes",
            ],
        )
        wide.columns = [f"{name}_{'a' if m == a else 'b'}" for name, m in wide.columns]
        out = out.merge(wide.reset_index(), on="year", how="left")

    riv = lookup.table("rivalries")
    rivals = set(riv.loc[riv["ccode1"].isin([a, b]), "ccode2"]) | set(riv.loc[riv["ccode2"].isin([a, b]), "ccode1"])
    ever_common = set(c for row in common for c in row)
    adversaries = sorted((rivals & ever_common) - {a, b}) or sorted(rivals - {a, b})
    found = detente.detente(warehouse)
    flagged, periods = found.flagged, found.periods
    wanted = [min(s, c) * 1000 + max(s, c) for s in (a, b) for c in adversaries]
    periods = periods[periods["dyad"].isin(wanted)].reset_index(drop=True)
    out["detente_with_adversary"] = ""
    for period in periods.itertuples():
        label = f"{lookup.abbreviation(period.ccode1)}-{lookup.abbreviation(period.ccode2)}"
        mask = out["year"].between(period.start, period.end)
        out.loc[mask, "detente_with_adversary"] = (out.loc[mask, "detente_with_adversary"] + " " + label).str.strip()
    names = {
        "a": a,
        "b": b,
        "abb_a": str(lookup.abbreviation(a)),
        "abb_b": str(lookup.abbreviation(b)),
        "name_a": lookup.name(a),
        "name_b": lookup.name(b),
    }
    adv = pd.DataFrame(
        {
            "ccode": adversaries,
            "abb": [str(lookup.abbreviation(c)) for c in adversaries],
            "years_common_threat": [sum(c in row for row in common) for c in adversaries],
        }
    )
    return Profile(
        years=out,
        snyder=snyder,
        detente=periods,
        adversaries=adv,
        names=names,
        tension=flagged[flagged["dyad"].isin(wanted)],
    )


def _plot(result, stem):
    from alliancelab.figures.record import alliance_profile

    alliance_profile(result.years, result.names, result.detente, stem)


# warehouse tables behind a profile (cited beside every table it writes)
SOURCES = [
    "states",
    "nmc",
    "atop_members",
    "atop_alliances",
    "atop_dyads",
    "gml_dyads",
    "rivalries",
    "contiguity",
    "min_distance",
    "capitals",
]
TABLE_FORMATS = ("csv", "parquet", "feather", "dta")


def write_report(result, folder, fmt="csv", warehouse=None):
    """Write the profile's report, tables and figures into ``folder``.

    Parameters
    ----------
    result : Profile
        From ``profile``.
    folder : path
        Created if missing.
    fmt : {"csv", "parquet", "feather", "dta"}
        Format of the tables: ``profile_A_B`` (the years), ``profile_A_B_adversaries`` and
        ``profile_A_B_detente``, each with its ``.sources.txt`` (``alliancelab.files.write_table``).
    warehouse : path, optional
        The warehouse whose citations the tables carry (default: the configured one).

    Returns
    -------
    Path
        The common stem ``folder/profile_A_B`` (also ``.md``, ``.html``, ``.png``).

    Examples
    --------
    >>> write_report(profile("USA", "ROK"), "out", fmt="parquet")  # doctest: +SKIP

    References
    ----------
    Snyder, G. H. (1984), "The Security Dilemma in Alliance Politics", World Politics 36(4): 461-495.
    """
    from alliancelab.files import write_table

    check_choice("fmt", fmt, TABLE_FORMATS)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = result.names
    stem = folder / f"profile_{n['a']}_{n['b']}"
    _plot(result, str(stem))
    y = result.years
    cited = Lookup.get(warehouse).citations(SOURCES)
    write_table(y, f"{stem}.{fmt}", cited, argument="out")
    write_table(result.adversaries, f"{stem}_adversaries.{fmt}", cited, argument="out")
    write_table(result.detente, f"{stem}_detente.{fmt}", cited, argument="out")
    allied = y[y["allied"] == 1]
    lines = [
        f"# Alliance profile: {n['name_a']} ({n['a']}) and {n['name_b']} ({n['b']})",
        "",
        f"Years both are system members: {y['year'].min()}-{y['year'].max()}; allied (defense/offense, ATOP 4.01) "
        f"in {len(allied)} of them" + (f" ({allied['year'].min()}-{allied['year'].max()})." if len(allied) else "."),
        "",
        f"![profile]({stem.name}.png)  (interactive: {stem.name}.html)",
        "",
        "## Every fifth year",
        "",
        _markdown(
            y[y["year"] % 5 == 0][
                ["year", "cinc_a", "cinc_b", "asymmetry", "milex_share_a", "allied", "similarity", "common_threats"]
                + [
                    c
                    for c in ("abandonment_risk_a", "entrapment_risk_a", "abandonment_risk_b", "entrapment_risk_b")
                    if c in y
                ]
            ]
        ),
        "",
        "## Common adversaries",
        "",
        _markdown(result.adversaries),
        "",
        "## Detente periods of the common adversaries",
        "",
        _markdown(result.detente) if len(result.detente) else "none found",
        "",
        "Sources: COW NMC 7.0 (Singer, Bremer & Stuckey 1972), ATOP 4.01 (Leeds et al. 2002), GML MIDs 2.2.1 "
        "(Gibler, Miller & Little 2016), Thompson & Dreyer 2012, CShapes 2.0, Miller 2022.",
        "",
    ]
    write_text(f"{stem}.md", "\n".join(lines))
    return stem


def _markdown(frame):
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype.kind == "f":
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])
