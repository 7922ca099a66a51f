"""Burden sharing in alliances: the Olson-Zeckhauser public-good model and its empirical test.

Model (Olson, M. and Zeckhauser, R. (1966), "An Economic Theory of Alliances", Review of
Economics and Statistics 48(3): 266-279; equilibrium characterisation of Bergstrom, T., Blume, L.
and Varian, H. (1986), "On the private provision of public goods", J. Public Econ. 29: 25-49):
member i with income Y_i splits it into private consumption c_i and defence x_i >= 0; defence is a
pure public good of the alliance, X = sum_j x_j; utility U_i(c_i, X). Each member best-responds to
the others' total X_-i. With a normal public good, i's demand for X given "full income"
w = Y_i + X_-i is f_i(w), and i contributes x_i = max(0, Y_i + X - F_i(X)) where F_i = f_i^-1.
The Nash equilibrium total solves X = sum_i max(0, Y_i + X - F_i(X)) (unique; BBV 1986).

Utility families (all give a linear F(X) = a + b X):
- "cobb-douglas": U = c^(1-alpha) X^alpha                      -> F(X) = X / alpha
- "ces": U = ((1-alpha) c^r + alpha X^r)^(1/r), r < 1, r != 0     -> F(X) = X (1 + (alpha/(1-alpha))^(1/(r-1)))
- "stone-geary": U = (1-alpha) ln(c - gamma) + alpha ln X        -> F(X) = gamma + X / alpha
Exploitation hypothesis: the defence burden x_i / Y_i rises with Y_i (large members carry a
disproportionate share; small ones free ride, at the corner x_i = 0 when poor enough).

Empirical test (THEORY.md section 6): for the members of an ATOP alliance in a year, the Spearman
rank correlation between defence burden (military spending / GDP) and size (GDP), with its p-value.
Positive and significant = exploitation. Spending: SIPRI (current US$, market exchange rates,
1949-) or COW NMC ``milex`` (thousands of current US$; before 1914 UK pounds). GDP: Maddison
Project 2018 (``cgdppc`` x population, 2011 PPP US$). The ratio mixes units (exchange-rate spending
over PPP GDP); ranks within a year are unaffected by the common deflator but not by the PPP versus
exchange-rate gap, which is larger for poorer members.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from alliancelab.data import country_codes as cc
from alliancelab.errors import ParameterError, check_choice, check_range

UTILITIES = ("cobb-douglas", "ces", "stone-geary")
NATO_ATOPID = 3180

# Published values (THEORY.md section 6): NATO, N = 15, none significant.
PUBLISHED_NATO = {1994: 0.19, 1995: 0.14, 1996: 0.11, 1997: 0.11}


@dataclass(frozen=True)
class Utility:
    """A member's utility over private consumption c and the alliance's defence X."""

    family: str = "cobb-douglas"
    alpha: float = 0.1      # weight on defence
    rho: float = -1.0       # CES exponent r (elasticity of substitution 1 / (1 - r))
    gamma: float = 0.0      # Stone-Geary subsistence consumption

    def validate(self):
        check_choice("utility", self.family, UTILITIES)
        check_range("alpha", self.alpha, 1e-9, 1 - 1e-9)
        check_range("rho", self.rho, None, 1)
        if self.family == "ces" and (self.rho >= 1 or self.rho == 0):
            raise ParameterError(f"argument rho={self.rho}: expected r < 1 and r != 0 (use "
                                 "cobb-douglas for r = 0)")
        check_range("gamma", self.gamma, 0.0, None)
        return self

    def inverse_demand(self):
        """(a, b) with F(X) = a + b X: the full income at which the member demands X."""
        if self.family == "cobb-douglas":
            return 0.0, 1.0 / self.alpha
        if self.family == "ces":
            return 0.0, 1.0 + (self.alpha / (1 - self.alpha)) ** (1.0 / (self.rho - 1.0))
        return self.gamma, 1.0 / self.alpha

    def value(self, c, x_total):
        """Utility level (for checking best responses)."""
        c, x_total = np.asarray(c, float), np.asarray(x_total, float)
        if self.family == "cobb-douglas":
            return c ** (1 - self.alpha) * x_total ** self.alpha
        if self.family == "ces":
            r = self.rho
            return ((1 - self.alpha) * c ** r + self.alpha * x_total ** r) ** (1 / r)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (1 - self.alpha) * np.log(c - self.gamma) + self.alpha * np.log(x_total)


def nash_equilibrium(incomes, utility=None):
    """Nash equilibrium of the voluntary public-good (alliance defence) game.

    ``incomes``: array of Y_i > 0; ``utility``: a ``Utility`` or a list of them (one per member).
    Returns a DataFrame with income, contribution x_i, burden x_i / Y_i, share of the total, share
    of income, and whether i contributes; ``.attrs["total"]`` holds X.
    """
    incomes = np.asarray(incomes, dtype=float)
    if incomes.ndim != 1 or len(incomes) < 1 or not np.all(incomes > 0):
        raise ParameterError("argument incomes: expected a 1-d array of positive numbers")
    utilities = utility if isinstance(utility, (list, tuple)) else [utility or Utility()] * len(incomes)
    if len(utilities) != len(incomes):
        raise ParameterError(f"argument utility: {len(utilities)} utilities for "
                             f"{len(incomes)} members")
    a, b = np.array([u.validate().inverse_demand() for u in utilities]).T
    if np.any(b <= 1):
        raise ParameterError("utility: defence must be a normal good (F'(X) > 1)")

    def excess(total):
        return np.maximum(0.0, incomes + total - (a + b * total)).sum() - total

    upper = incomes.sum()
    total = 0.0 if excess(0.0) <= 0 else optimize.brentq(excess, 0.0, upper, xtol=1e-14,
                                                         rtol=1e-14)
    x = np.maximum(0.0, incomes + total - (a + b * total))
    out = pd.DataFrame({"income": incomes, "contribution": x, "burden": x / incomes,
                        "share_of_defence": x / total if total > 0 else np.nan,
                        "share_of_income": incomes / incomes.sum(), "contributes": x > 0})
    out.attrs["total"] = float(total)
    return out


def best_response_gap(incomes, contributions, utility=None, grid=2001):
    """Largest utility gain any member could get by changing its contribution (checks a Nash eq)."""
    utility = utility or Utility()
    incomes, contributions = np.asarray(incomes, float), np.asarray(contributions, float)
    total = contributions.sum()
    gap = 0.0
    for i, (y, x) in enumerate(zip(incomes, contributions)):
        others = total - x
        lo = 0.0
        hi = y - utility.gamma - 1e-12
        res = optimize.minimize_scalar(lambda z: -utility.value(y - z, others + z),
                                       bounds=(lo, hi), method="bounded",
                                       options={"xatol": 1e-12})
        candidates = [res.x, lo] + list(np.linspace(lo, hi, grid))
        best = max(utility.value(y - z, others + z) for z in candidates if others + z > 0)
        gap = max(gap, float(best - utility.value(y - x, total)))
    return gap


def exploitation(result):
    """Spearman correlation of burden with income in a model equilibrium, and the large-member share.

    Returns dict: rho, p-value, and the largest member's share of defence vs of income.
    """
    rho, p = stats.spearmanr(result["income"], result["burden"])
    big = result["income"].idxmax()
    return {"spearman_rho": float(rho), "p_value": float(p),
            "largest_share_of_defence": float(result.loc[big, "share_of_defence"]),
            "largest_share_of_income": float(result.loc[big, "share_of_income"])}


# ---------------------------------------------------------------------------- data
def alliance_members(con, atopid, start=None, end=None):
    """Members of ATOP alliance ``atopid`` per year (ATOP 4.01 member-level file).

    A state is a member in year t when its membership is in force at the end of t:
    yrent <= t and (yrexit = 0 or yrexit > t) (yrexit = 0: still in force in 2016).
    Returns columns year, ccode.
    """
    rows = con.execute("""SELECT member, yrent, yrexit FROM atop_members WHERE atopid = ?""",
                       [int(atopid)]).fetchdf()
    if rows.empty:
        raise ParameterError(f"argument atopid={atopid}: no such alliance in atop_members "
                             "(ATOP 4.01)")
    out = []
    for m, a, x in rows.itertuples(index=False):
        last = 2016 if x == 0 else int(x) - 1
        for year in range(int(a), last + 1):
            out.append((year, int(m)))
    frame = pd.DataFrame(out, columns=["year", "ccode"]).drop_duplicates()
    if start is not None:
        frame = frame[frame.year >= start]
    if end is not None:
        frame = frame[frame.year <= end]
    return frame.sort_values(["year", "ccode"]).reset_index(drop=True)


def burden_panel(con, atopid=NATO_ATOPID, start=1949, end=2016, spending="sipri",
                 gdp_measure="cgdppc", exclude_zero=True):
    """Member-years of an alliance with military spending, GDP and burden = spending / GDP.

    ``spending``: "sipri" (million current US$) or "cow" (NMC milex, converted to million current
    US$; before 1914 NMC records UK pounds, which leaves ranks within a year unchanged only if all
    members are in the same unit, so pre-1914 COW burdens are ranks of a unit mix). ``exclude_zero``
    drops members that report zero spending (e.g. Iceland, which has no armed forces), as the
    published NATO studies do. Columns: year, ccode, milex_musd, gdp_musd_2011, burden, status.
    """
    check_choice("spending", spending, ("sipri", "cow"))
    members = alliance_members(con, atopid, start, end)
    gdp, _ = cc.maddison_gdp_cow(con, gdp_measure, check_members=False)
    if spending == "sipri":
        milex, _ = cc.sipri_milex_cow(con, check_members=False)
        milex = milex.rename(columns={"milex_usd_m": "milex_musd"})[["ccode", "year", "milex_musd"]]
    else:
        milex = con.execute("SELECT ccode, year, milex / 1000.0 AS milex_musd FROM nmc "
                            "WHERE milex IS NOT NULL").fetchdf()
    milex["ccode"] = milex["ccode"].astype(int)
    gdp["ccode"] = gdp["ccode"].astype(int)
    panel = (members.merge(milex, on=["ccode", "year"], how="left")
             .merge(gdp[["ccode", "year", "gdp_musd_2011"]], on=["ccode", "year"], how="left"))
    panel["burden"] = panel["milex_musd"] / panel["gdp_musd_2011"]
    status = np.where(panel["milex_musd"].isna(), "no spending data",
                      np.where(panel["gdp_musd_2011"].isna(), "no GDP data",
                               np.where(panel["milex_musd"] <= 0, "zero spending", "used")))
    panel["status"] = status
    if not exclude_zero:
        panel.loc[panel.status == "zero spending", "status"] = "used"
    return panel


def burden_correlations(panel, min_members=3, fixed_members=None):
    """Per year: Spearman rho between burden and GDP over the members with data, its p-value, N.

    ``fixed_members``: optional set of COW codes to restrict every year to (e.g. the 1994 NATO
    membership, to compare like with like across years). Columns: year, n, rho, p_value,
    significant_05, members_used, members_missing.
    """
    if fixed_members is not None:
        panel = panel[panel.ccode.isin(set(fixed_members))]
    rows = []
    for year, group in panel.groupby("year"):
        used = group[group.status == "used"]
        missing = group[group.status != "used"]
        rho = p = np.nan
        if len(used) >= min_members:
            rho, p = stats.spearmanr(used["burden"], used["gdp_musd_2011"])
        rows.append({"year": int(year), "n": len(used), "rho": float(rho), "p_value": float(p),
                     "significant_05": bool(p < 0.05) if not np.isnan(p) else False,
                     "members_used": " ".join(map(str, sorted(used.ccode))),
                     "members_missing": " ".join(f"{c}({s})" for c, s in
                                                 sorted(zip(missing.ccode, missing.status)))})
    return pd.DataFrame(rows)


def burden_test(con, atopid=NATO_ATOPID, start=1949, end=2016, spending="sipri",
                gdp_measure="cgdppc", exclude_zero=True):
    """The empirical exploitation test: yearly table (see ``burden_correlations``) and the panel."""
    panel = burden_panel(con, atopid, start, end, spending, gdp_measure, exclude_zero)
    table = burden_correlations(panel)
    table.attrs["citations"] = _citations(con, spending)
    return table, panel


def compare_published(table, panel=None):
    """Our NATO values next to the published ones (N = 15, 1994-1997).

    With ``panel`` (from ``burden_panel``), adds the values over the 15 members of 1994 held fixed
    (ATOP 4.01 dates the 1999 accession of the Czech Republic, Hungary and Poland to the December
    1997 protocols, so the end-of-year rule counts them from 1997).
    """
    fixed = None
    if panel is not None:
        base = panel[(panel.year == 1994) & (panel.status == "used")].ccode
        fixed = burden_correlations(panel, fixed_members=set(base))
    rows = []
    for year, value in PUBLISHED_NATO.items():
        ours = table[table.year == year]
        row = {"year": year, "published_rho": value, "published_n": 15,
               "our_rho": float(ours.rho.iloc[0]) if len(ours) else np.nan,
               "our_n": int(ours.n.iloc[0]) if len(ours) else 0,
               "our_p": float(ours.p_value.iloc[0]) if len(ours) else np.nan}
        if fixed is not None:
            f = fixed[fixed.year == year]
            row.update({"fixed1994_rho": float(f.rho.iloc[0]), "fixed1994_n": int(f.n.iloc[0]),
                        "fixed1994_p": float(f.p_value.iloc[0])})
        rows.append(row)
    return pd.DataFrame(rows)


def _citations(con, spending):
    names = ["atop_members", "maddison", "sipri_milex" if spending == "sipri" else "nmc"]
    try:
        from alliancelab.data.warehouse import citations
        return citations(con, names)
    except Exception:  # citations are a courtesy; the table stands without them
        return names


def plot_correlations(table, path_stem, title="Burden vs size (Spearman rho)"):
    """Write ``path_stem``.html (Plotly) and ``path_stem``.png (matplotlib); returns both paths."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    sig = table[table.significant_05]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=table.year, y=table.rho, mode="lines+markers", name="rho",
                             text=[f"N={n}, p={p:.3f}" for n, p in zip(table.n, table.p_value)]))
    fig.add_trace(go.Scatter(x=sig.year, y=sig.rho, mode="markers", name="p < 0.05",
                             marker=dict(size=11, symbol="circle-open", color="red")))
    fig.add_trace(go.Scatter(x=list(PUBLISHED_NATO), y=list(PUBLISHED_NATO.values()),
                             mode="markers", name="published (N=15)",
                             marker=dict(symbol="x", size=10, color="black")))
    fig.add_hline(y=0, line_dash="dot")
    fig.update_layout(title=title, xaxis_title="year", yaxis_title="Spearman rho(burden, GDP)")
    html = save_plotly(fig, path_stem)

    fig2, ax = plt.subplots(figsize=(9, 4))
    ax.plot(table.year, table.rho, "-o", ms=3, label="rho")
    ax.plot(sig.year, sig.rho, "o", mfc="none", mec="red", ms=8, label="p < 0.05")
    ax.plot(list(PUBLISHED_NATO), list(PUBLISHED_NATO.values()), "kx", label="published (N=15)")
    ax.axhline(0, ls=":", c="grey")
    ax.set_xlabel("year")
    ax.set_ylabel("Spearman rho(burden, GDP)")
    ax.set_title(title)
    ax.legend(loc="best", fontsize=8)
    fig2.tight_layout()
    return html, save_matplotlib(fig2, path_stem, dpi=110, bbox_inches=None)
