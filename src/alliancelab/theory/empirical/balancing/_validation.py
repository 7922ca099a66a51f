"""Agreement of the alignment classification with the curated cases of the historical literature.

The cases (``alliancelab/data/validation/alignment_cases.csv``, sources in the README beside it)
give, per decision (ATOP alliance, member, entry year), the literature's label and the state the
decision is about. They are for evaluation only: the rules never read them.

Agreement: label = the model's ``alignment`` equals ``expected_label``; label + threat = in
addition the model's ``alignment_threat`` is one of ``expected_threat`` (``|``-separated COW codes;
an empty expected threat, as for ``not_security``, agrees with any threat).

Disputed readings: the ``notes`` column gives, for readings the literature disputes, the competing
reading and its citation (the expected label is never changed to match the model). The agreement is
also reported on the undisputed cases.
"""

from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd

from alliancelab.errors import DataValidationError
from alliancelab.theory.empirical.balancing._alignment import ALIGNMENTS

CASES_FILE = "alignment_cases.csv"
CASE_COLUMNS = (
    "case_id",
    "atopid",
    "ccode",
    "state",
    "year",
    "alliance",
    "expected_label",
    "expected_threat",
    "group",
    "reading",
    "citation",
    "notes",
)
CITATION = "alliancelab alignment validation set (data/validation/README.md)"


def load_cases():
    """The curated cases as a DataFrame (``CASE_COLUMNS``), checked for form (not against ATOP).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> len(load_cases()) > 100
    True
    """
    path = resources.files("alliancelab.data").joinpath("validation", CASES_FILE)
    with resources.as_file(path) as local:
        cases = pd.read_csv(local, dtype={"expected_threat": str}, keep_default_na=False)
    missing = [c for c in CASE_COLUMNS if c not in cases.columns]
    if missing:
        raise DataValidationError(f"{CASES_FILE}: missing column(s) {missing}; expected {list(CASE_COLUMNS)}")
    bad = cases[~cases["expected_label"].isin(ALIGNMENTS)]
    if len(bad):
        raise DataValidationError(
            f"{CASES_FILE} row {bad.index[0] + 2}: expected_label {bad['expected_label'].iat[0]!r}; "
            f"expected one of {list(ALIGNMENTS)}"
        )
    empty = cases[(cases["citation"].str.strip() == "") | (cases["reading"].str.strip() == "")]
    if len(empty):
        raise DataValidationError(f"{CASES_FILE} row {empty.index[0] + 2}: empty citation or reading")
    if cases["case_id"].duplicated().any():
        duplicated = cases["case_id"][cases["case_id"].duplicated()].iat[0]
        raise DataValidationError(f"{CASES_FILE}: duplicated case_id {duplicated!r}")
    return cases


def _threat_set(text):
    return {int(v) for v in str(text).split("|") if v.strip()}


def _ranks(merged, parameters, warehouse, treaties=None):
    """(expected_threat_rank, model_threat_rank): best rank of the expected threat(s), and rank of the
    model's threat, among the member's threats in the threat year after the ally filter (the list the
    rule walks, with the treaty's named states put back as the rule does; ``treaties`` gives each row's
    statthr1/2); NA when there is no such state or no threat data."""
    from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
    from alliancelab.theory.empirical.balancing._inputs import candidate_threats
    from alliancelab.theory.empirical.balancing._rule import DEFAULTS
    from alliancelab.theory.empirical.balancing._targets import _named_candidates

    p = DEFAULTS | {k: v for k, v in parameters.items() if k in DEFAULTS}
    lookup = Lookup.get(warehouse)
    rule_args = p["exclude_allies"], p["keep_hostile_allies"], warehouse, p["threat_params"]
    cube = candidate_threats(p["form"], p["weights"], *rule_args)
    i = lookup.positions(merged["ccode"].to_numpy())
    threat_year = merged["threat_year"].fillna(-1).to_numpy().astype(np.int64)
    ok = (threat_year >= 0) & (i >= 0)
    threat_year = np.where(ok, threat_year, -1)
    ty, ii = np.clip(threat_year - YEAR0, 0, NYEARS - 1), np.maximum(i, 0)
    rows = np.where(ok[:, None], cube[ty, ii], np.nan)
    if p["named_overrides_allies"] and treaties is not None:
        raw = candidate_threats(p["form"], p["weights"], "none", False, warehouse, p["threat_params"])
        rows = _named_candidates(rows, raw, treaties, ty, ii, threat_year, lookup)

    def rank(scores, codes):
        best = pd.NA
        for j in lookup.positions(sorted(codes)):
            if j >= 0 and not np.isnan(scores[j]):
                value = int(np.sum(np.nan_to_num(scores, nan=-np.inf) > scores[j])) + 1
                best = value if pd.isna(best) else min(best, value)
        return best

    expected_ranks, model_ranks = [], []
    for k, row in enumerate(merged.itertuples()):
        if not ok[k]:
            expected_ranks.append(pd.NA)
            model_ranks.append(pd.NA)
            continue
        expected_ranks.append(rank(rows[k], _threat_set(row.expected_threat)))
        model_ranks.append(pd.NA if pd.isna(row.alignment_threat) else rank(rows[k], {int(row.alignment_threat)}))
    return pd.array(expected_ranks, dtype="Int64"), pd.array(model_ranks, dtype="Int64")


def _cause(merged, own_top_k):
    """Where a disagreement comes from: no threat data; the threat measure (the expected threat is not
    among the member's top ``own_top_k`` threats, is allied/absent, or another state the alliance
    engages ranks above it); else the alignment rule."""
    causes = []
    for row in merged.itertuples():
        expected, got = row.expected_threat_rank, row.model_threat_rank
        if row.agree_threat:
            causes.append("")
        elif str(row.alignment_reason).startswith(("no threat data", "not a COW state")):
            causes.append("no threat data for the member in the threat year")
        elif row.expected_threat and pd.isna(expected):
            causes.append("threat measure: expected threat filtered out (allied) or not a system member")
        elif row.expected_threat and expected > own_top_k:
            causes.append(f"threat measure: expected threat ranked {expected}")
        elif row.expected_threat and not pd.isna(got) and got < expected:
            causes.append(f"threat measure: the model's threat (rank {got}) outranks the expected (rank {expected})")
        else:
            causes.append("alignment rule")
    return causes


@dataclass
class ValidationResult:
    """Agreement of the classification with the curated cases.

    Parameters
    ----------
    cases : pandas.DataFrame
        One row per case with the expected and the model's label and threat, the model's reason,
        stability (when computed) and agree_label / agree_threat.
    label_agreement, threat_agreement : float
        Shares over the cases.
    n : int
        Number of cases.
    by_group : pandas.DataFrame
        The same per era group.
    confusion : pandas.DataFrame
        Expected label x model label counts.
    disagreements : pandas.DataFrame
        The rows that disagree on the label or the threat.
    n_disputed : int
        Cases whose reading the literature disputes (non-empty ``notes``).
    undisputed_label_agreement, undisputed_threat_agreement : float
        Shares over the undisputed cases.
    """

    cases: pd.DataFrame
    label_agreement: float
    threat_agreement: float
    n: int
    by_group: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame = field(repr=False)
    n_disputed: int = 0
    undisputed_label_agreement: float = float("nan")
    undisputed_threat_agreement: float = float("nan")


def validate(classified=None, warehouse=None, uncertainty=None, params=None, alignment_params=None, **parameters):
    """Compare ``classified`` (default: ``classify(**parameters)``) with the curated cases.

    Parameters
    ----------
    classified : pandas.DataFrame, optional
    warehouse : str or Path, optional
    uncertainty : pandas.DataFrame, optional
        ``label_uncertainty`` output for the same decisions; adds stability.
    params, alignment_params, **parameters
        As for ``classify`` (used when ``classified`` is None).

    Returns
    -------
    ValidationResult
    """
    from alliancelab.theory.empirical.balancing._rule import classify

    cases = load_cases()
    if classified is None:
        classified = classify(None, warehouse, params, alignment_params, **parameters)
    keep = [
        "atopid",
        "member",
        "year",
        "threat_year",
        "threat_year_rule",
        "alignment",
        "alignment_threat",
        "alignment_threat_abb",
        "alignment_reason",
        "label",
        "jstar_abb",
        "patron",
    ]
    model = classified[keep].rename(columns={"member": "ccode"})
    merged = cases.merge(model, on=["atopid", "ccode", "year"], how="left", indicator=True)
    if (merged["_merge"] == "left_only").any():
        lost = merged.loc[merged["_merge"] == "left_only", "case_id"].tolist()
        raise DataValidationError(f"{CASES_FILE}: no ATOP decision for case(s) {lost} (atopid, ccode, year)")
    merged = merged.drop(columns="_merge")
    if uncertainty is not None:
        columns = ["atopid", "ccode", "year", "modal_alignment", "stability", "threat_stability"]
        u = uncertainty.rename(columns={"member": "ccode"})[columns]
        merged = merged.merge(u, on=["atopid", "ccode", "year"], how="left")
    merged["agree_label"] = merged["alignment"] == merged["expected_label"]
    threat_ok = [
        (not expected) or (pd.notna(got) and int(got) in expected)
        for expected, got in zip(map(_threat_set, merged["expected_threat"]), merged["alignment_threat"])
    ]
    merged["agree_threat"] = merged["agree_label"] & np.array(threat_ok)
    treaties = None
    if {"statthr1", "statthr2"} <= set(classified.columns):  # each case's named states, aligned with merged
        named = classified[["atopid", "member", "year", "statthr1", "statthr2"]].rename(columns={"member": "ccode"})
        treaties = merged[["atopid", "ccode", "year"]].merge(named, on=["atopid", "ccode", "year"], how="left")
    ranks = _ranks(merged, classified.attrs.get("parameters", {}), warehouse, treaties)
    merged["expected_threat_rank"], merged["model_threat_rank"] = ranks
    merged["cause"] = _cause(merged, classified.attrs.get("parameters", {}).get("own_top_k", 2))
    by_group = (
        merged.groupby("group", sort=False)
        .agg(cases=("case_id", "size"), label=("agree_label", "mean"), label_and_threat=("agree_threat", "mean"))
        .reset_index()
    )
    confusion = pd.crosstab(merged["expected_label"], merged["alignment"])
    merged["disputed"] = merged["notes"].str.strip() != ""
    disagreements = merged[~merged["agree_threat"]]
    merged.attrs["sources"] = list(classified.attrs.get("sources", [])) + [CITATION]
    undisputed = merged[~merged["disputed"]]
    return ValidationResult(
        cases=merged,
        label_agreement=float(merged["agree_label"].mean()),
        threat_agreement=float(merged["agree_threat"].mean()),
        n=len(merged),
        by_group=by_group,
        confusion=confusion,
        disagreements=disagreements,
        n_disputed=int(merged["disputed"].sum()),
        undisputed_label_agreement=float(undisputed["agree_label"].mean()),
        undisputed_threat_agreement=float(undisputed["agree_threat"].mean()),
    )
