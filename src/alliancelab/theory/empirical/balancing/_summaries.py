"""Summaries of the classification: famous cases, label shares with Wilson intervals, the sensitivity
of the labels to the rule parameters, the named-threat criterion that fixed the defaults, the alignment
shares, and the audit of one decision (``case``)."""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.measures.threat import FORMS, component_cubes
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical.balancing._alignment import ALIGNMENTS
from alliancelab.theory.empirical.balancing._inputs import ALLY_FILTERS, candidate_threats, decisions
from alliancelab.theory.empirical.balancing._rule import LABELS, classify
from alliancelab.theory.empirical.balancing._variants import VARIANTS

FAMOUS = (
    # atopid, members (None = all), label, what historians usually say
    (
        3180,
        (200, 210, 211, 212, 220, 235, 325, 385, 390, 395),
        "NATO 1949",
        "the Western European members balance the USSR (Walt 1987)",
    ),
    (
        1385,
        (220, 365),
        "Franco-Russian military convention 1893-94",
        "France and Russia balance Germany and the Triple Alliance",
    ),
    (1380, (220, 365), "Franco-Russian entente 1891", "the start of the Dual Alliance against Germany"),
    (3285, None, "Warsaw Pact 1955", "Soviet-imposed (coerced) alignment; nominally aimed at West Germany"),
    (1415, (200, 740), "Anglo-Japanese alliance 1902", "both balance Russia in East Asia"),
    (
        1350,
        (325,),
        "Italy's entry into the Triple Alliance 1882",
        "Italy seeks cover against France after Tunis (balancing France by joining its rival's bloc)",
    ),
    (
        2030,
        (355,),
        "Bulgaria with the Central Powers 1915",
        "bandwagoning for profit: Macedonia from Serbia after Central Power victories (Schweller 1994)",
    ),
    (
        2515,
        (355,),
        "Bulgaria joins the Tripartite Pact 1941",
        "bandwagoning with a dominant, nearby Germany (coerced, with territorial reward)",
    ),
)


def famous_cases(classified):
    """The famous cases of the literature, one row per member decision, with the historians' reading.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``classify`` output.

    Returns
    -------
    pandas.DataFrame
    """
    frames = []
    for atopid, members, title, reading in FAMOUS:
        rows = classified[classified["atopid"] == atopid]
        if members is not None:
            rows = rows[rows["member"].isin(members)]
        rows = rows[rows["reentry"] == 0].copy()
        rows["case"] = title
        rows["historians"] = reading
        frames.append(rows)
    out = pd.concat(frames, ignore_index=True)
    keep = [
        "case",
        "atopid",
        "member",
        "stateabb",
        "year",
        "threat_year",
        "jstar_abb",
        "jstar_threat",
        "j2",
        "target_abb",
        "target_rank",
        "target_choice",
        "target_inside",
        "target_named",
        "n_partners",
        "partners_threatened",
        "label",
        "reason",
        "alignment",
        "alignment_threat_abb",
        "alignment_reason",
        "historians",
    ]
    return out[keep]


# --- summaries and sensitivity -------------------------------------------------------------------------
def shares(classified, by=None):
    """Counts and shares of each label, and the balancing share among decided cases.

    The balancing share is among decisions labelled balancing or bandwagoning, with a 95% Wilson
    interval.

    Parameters
    ----------
    classified : pandas.DataFrame
        ``classify`` output.
    by : str or list of str, optional
        Grouping column(s).

    Returns
    -------
    pandas.DataFrame
        decisions, counts and shares per label, balancing share, ci_low, ci_high.
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    frame = classified
    if keys:
        groups = frame.groupby(keys, sort=True)
    else:
        groups = [((), frame)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key))
        counts = part["label"].value_counts()
        total = len(part)
        row["decisions"] = total
        for label in LABELS:
            row[label] = int(counts.get(label, 0))
            row[f"{label}_share"] = counts.get(label, 0) / total if total else np.nan
        decided = row["balancing"] + row["bandwagoning"]
        row["balancing_vs_bandwagoning"] = row["balancing"] / decided if decided else np.nan
        low, high = wilson_interval(row["balancing"], decided)
        row["ci_low"], row["ci_high"] = low, high
        rows.append(row)
    return pd.DataFrame(rows)


def wilson_interval(successes, trials, z=1.959964):
    """95% Wilson score interval of a proportion (NaNs when trials == 0).

    (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), p = successes / n.

    Parameters
    ----------
    successes, trials : int
    z : float, default 1.959964

    Returns
    -------
    tuple of float
        (low, high).

    Examples
    --------
    >>> [round(float(v), 4) for v in wilson_interval(5, 10)]
    [0.2366, 0.7634]

    References
    ----------
    Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical inference",
    JASA 22(158): 209-212.
    """
    if trials == 0:
        return np.nan, np.nan
    phat = successes / trials
    centre = (phat + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * np.sqrt(phat * (1 - phat) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return centre - half, centre + half


def sensitivity(variants=VARIANTS, warehouse=None, progress=None):
    """Rerun the rule over parameter variants.

    Parameters
    ----------
    variants : sequence, default ``VARIANTS``
        (name, parameters) pairs.
    warehouse : str or Path, optional
    progress : callable, optional
        Called after each variant.

    Returns
    -------
    pandas.DataFrame
        Per variant the label shares, the balancing share among decided cases, agreement with the
        default labels, and the NATO / Franco-Russian outcomes.
    """
    base = None
    rows = []
    table = decisions(warehouse)
    for name, parameters in variants:
        out = classify(table, warehouse, **parameters)
        if base is None:
            base = out["label"].to_numpy()
        summary = shares(out).iloc[0].to_dict()
        nato = out[
            (out["atopid"] == 3180)
            & out["member"].isin((200, 210, 211, 212, 220, 235, 325, 385, 390, 395))
            & (out["year"] == 1949)
        ]
        fr = out[(out["atopid"] == 1385)]
        rows.append(
            {
                "variant": name,
                **{
                    k: summary[k]
                    for k in ("decisions", "balancing", "bandwagoning", "neither", "balancing_vs_bandwagoning")
                },
                "agreement_with_default": float(np.mean(out["label"].to_numpy() == base)),
                "nato_we_balancing_ussr": int(((nato["label"] == "balancing") & (nato["target"] == 365)).sum()),
                "nato_we_members": len(nato),
                "franco_russian_balancing_germany": int(((fr["label"] == "balancing") & (fr["target"] == 255)).sum()),
            }
        )
        if progress is not None:
            progress(name)
    return pd.DataFrame(rows)


def threat_validation(warehouse=None, forms=FORMS, exclusions=ALLY_FILTERS):
    """Top-1 / top-3 rate at which the state an ATOP treaty names is j* (after the ally filter).

    For the founding members in the year before signing, per threat form and ally filter: the
    criterion that fixes the rule's defaults.

    Parameters
    ----------
    warehouse : str or Path, optional
    forms : sequence of str, default all threat forms
    exclusions : sequence of str, default ("none", "defense", "any")
        Ally filters.

    Returns
    -------
    pandas.DataFrame
    """
    from alliancelab.measures.threat import named_threat_cases

    lookup = Lookup.get(warehouse)
    cases = named_threat_cases(warehouse)
    pair = component_cubes(warehouse)["present"]  # i a member or represented, as every form scores
    rows = []
    for form in forms:
        for exclusion in exclusions:
            cube = candidate_threats(form, None, exclusion, True, warehouse)
            ranks = []
            for c in cases.itertuples():
                t = c.begyr - 1 - YEAR0
                i = lookup.positions([c.member])[0]
                named = [j for j in lookup.positions(list(c.named)) if j >= 0 and pair[t, i, j]]
                if i < 0 or not named:
                    continue
                row = cube[t, i]
                best = min(
                    int(np.sum(np.nan_to_num(row, nan=-np.inf) > row[j])) + 1 if not np.isnan(row[j]) else 10**6
                    for j in named
                )
                ranks.append(best)
            ranks = np.array(ranks)
            rows.append(
                {
                    "form": form,
                    "exclude_allies": exclusion,
                    "cases": len(ranks),
                    "top1": float(np.mean(ranks <= 1)),
                    "top3": float(np.mean(ranks <= 3)),
                }
            )
    return pd.DataFrame(rows)


def alignment_shares(classified, by=None):
    """Counts and shares of each alignment (overall or by column(s) ``by``).

    Parameters
    ----------
    classified : pandas.DataFrame
        ``classify`` output.
    by : str or list of str, optional
        Grouping column(s).

    Returns
    -------
    pandas.DataFrame
        The grouping columns, decisions and the count of each alignment (``ALIGNMENTS``).
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    groups = classified.groupby(keys, sort=True) if keys else [((), classified)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key))
        counts = part["alignment"].value_counts()
        row["decisions"] = len(part)
        for name in ALIGNMENTS:
            row[name] = int(counts.get(name, 0))
        rows.append(row)
    return pd.DataFrame(rows)


def case(classified, atopid, member, warehouse=None):
    """The row(s) of one decision, for audit: every input behind the label.

    Parameters
    ----------
    classified : DataFrame
        The output of ``classify`` (one row per alliance member decision).
    atopid : int
        ATOP alliance id.
    member : int or str
        COW code, abbreviation or name (``alliancelab.data.names.resolve_state``); a name resolves to
        the state that is a system member in the alliance's decision year ("Germany": 255 before
        1945, 260 for 1955-1990).
    warehouse : path, optional
        The warehouse whose COW state list resolves names (default: the configured one).

    Returns
    -------
    DataFrame
        The matching row(s) of ``classified``.

    Examples
    --------
    >>> case(classify(decisions()), 3180, "United States")  # doctest: +SKIP

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    member = _member_code(classified, atopid, member, warehouse)
    rows = classified[(classified["atopid"] == atopid) & (classified["member"] == member)]
    if rows.empty:
        raise ParameterError(f"no decision for atopid={atopid}, member={member} in the table")
    return rows


def _member_code(classified, atopid, member, warehouse=None):
    """COW code of ``member``; a name or abbreviation resolves in the alliance's decision years."""
    if isinstance(member, (int, np.integer)):
        return int(member)
    from alliancelab.data.names import resolve_state

    years = sorted(set(classified.loc[classified["atopid"] == atopid, "year"].astype(int)))
    for year in years:
        try:
            return resolve_state(member, year, warehouse, argument="member")
        except ParameterError:
            pass
    return resolve_state(member, None, warehouse, argument="member")
