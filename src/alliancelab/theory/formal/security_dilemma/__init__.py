"""Alliance management: Snyder's alliance security dilemma and Morrow's security-autonomy model.

1. Snyder, G. H. (1984), "The Security Dilemma in Alliance Politics", World Politics 36(4):
   461-495. Two allies (i, j) facing an adversary each choose a weak or a strong commitment
   (support of the ally vs restraint). Our formalisation of his verbal argument:

   abandonment risk of i   A_i = (1 - c_j) (1 - d_j) r(n, h) (1 - lam c_i)
       j defects when j is weakly committed (1 - c_j) and needs the alliance little (1 - d_j);
       it has somewhere to go when the system offers other partners and the adversary is
       conciliatory, r(n, h) = (1 - 1/n) (1 - h / 2) (n = number of poles, h in [0, 1] the
       adversary's hostility); i's own firm commitment reassures j (lam in [0, 1]).
   entrapment risk of i    E_i = c_i h (b0 + b1 c_i) (1 - s(n))
       i is dragged into j's quarrels with the adversary: j picks fights more often the more
       hostile the adversary and the more firmly i backs it (moral hazard, b1 > 0); the risk is
       the part not covered by shared interests s(n) = s2 / (n - 1) (s2 = shared interest under
       bipolarity, when the allies face one common adversary; multipolarity: interests diverge).
   payoff of i             U_i = g d_i h (c_i + c_j) / 2 - L_A A_i - L_E E_i - k c_i
       (deterrence value of the pair's commitments, weighted by i's dependence; the two risks;
       the cost of a commitment).
   Commitment strengths: weak = c_weak, strong = c_strong. The 2x2 game is solved for all Nash
   equilibria (pure and mixed; cross-checked with Gambit in the tests).
   Properties (tested): dA_i/dc_i < 0 and dE_i/dc_i > 0 (the dilemma); the unavoidable risk
   min_c (L_A A_i + L_E E_i) rises with the number of poles (sharper under multipolarity).

2. Morrow, J. D. (1991), "Alliances and Asymmetry: An Alternative to the Capability Aggregation
   Model of Alliances", American Journal of Political Science 35(4): 904-933. States value security
   and autonomy. Security of a state with capability m facing threat T: f(m) = m / (m + T).
   - symmetric alliance (security for security): each gains f(m_i + m_j) - f(m_i) and cedes
     autonomy kappa (policy coordination binds both);
   - asymmetric alliance (autonomy for security): the minor gains f(m_minor + m_major) -
     f(m_minor) and cedes autonomy kappa; the major gains omega * kappa in autonomy (bases,
     policy concessions) and bears the defence cost eps * (1 - f(m_minor)) * m_minor / m_major.
   An alliance forms when both partners gain; when both forms are feasible the one with the
   larger joint gain is preferred. Result (tested): symmetric alliances need near-equal
   capabilities and a common threat; asymmetric ones form across wide capability gaps, and
   survive larger changes in relative capability (the margin to the feasibility boundary).

Layout of this package (the public names are re-exported here; import
``alliancelab.theory.formal.security_dilemma``): ``_snyder`` (the alliance security dilemma: risks, payoffs,
equilibria, risk curves) and ``_morrow`` (the security-autonomy model: payoffs, the feasibility map, survival
margins).
"""

from alliancelab.theory.formal.security_dilemma._morrow import (
    MorrowParams,
    morrow_map,
    morrow_payoffs,
    plot_morrow,
    security,
    survival_margin,
)
from alliancelab.theory.formal.security_dilemma._snyder import (
    CHOICES,
    DilemmaParams,
    abandonment_risk,
    entrapment_risk,
    payoff,
    payoff_matrices,
    plot_dilemma,
    realignment_options,
    risk_curves,
    shared_interest,
    solve_dilemma,
    unavoidable_risk,
)

__all__ = [
    "CHOICES",
    "DilemmaParams",
    "MorrowParams",
    "abandonment_risk",
    "entrapment_risk",
    "morrow_map",
    "morrow_payoffs",
    "payoff",
    "payoff_matrices",
    "plot_dilemma",
    "plot_morrow",
    "realignment_options",
    "risk_curves",
    "security",
    "shared_interest",
    "solve_dilemma",
    "survival_margin",
    "unavoidable_risk",
]
