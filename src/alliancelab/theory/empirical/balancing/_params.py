"""The parameters of the balancing rule (``RuleParams``) and of the alignment step (``AlignmentParams``).

The meaning of each rule parameter is set out in the docstring of ``_rule`` and of each alignment parameter in the
docstring of ``_alignment``; the defaults were fixed by the ATOP named-threat criterion (``threat_validation``).
"""

from dataclasses import dataclass

from alliancelab.errors import ParameterError
from alliancelab.measures.threat import FITTED_CHOICES, FORMS, ThreatParams
from alliancelab.parameters import Parameters, param
from alliancelab.theory.empirical.balancing._inputs import ALLY_FILTERS

PARTNER_RULES = ("any", "majority", "all", "ignore")


@dataclass(frozen=True)
class RuleParams(Parameters):
    """Parameters of the threat rule (balancing / bandwagoning / neither), each with its default and range.

    Values are checked when the object is made; a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    form : str, default 'projected'
        Threat measure: 'estimated', 'additive' or 'projected' (``alliancelab.measures.threat``).
    weights : dict or one of ``FITTED_CHOICES`` ("fitted", "fitted_two", ...), default None
        Component weights of the threat measure (None: ``alliancelab.measures.threat.DEFAULT_WEIGHTS``); "fitted"
        with ``form="projected"``: the projected form's weights, half distance and dispute half-life estimated on
        ATOP's named threats (``alliancelab.measures.threat.load_projected_fit``); "fitted_two": the same with one
        half distance for COW major powers and one for other states (``load_projected_two_fit``).
        "fitted_hostility" / "fitted_pooled": fitted on revealed hostility / pooled with the named threats.
    lag : int, default 1
        Threats are read in t - lag; range [0, 10].
    fallback : bool, default True
        A state that is not present (a system member, or represented) in t - lag is read in t, else in t + 1 when
        that is its first year in the state system (output column ``threat_year_rule`` says which).
    exclude_allies : str, default 'defense'
        States already allied with i in the threat year are not candidates: 'defense', 'any' or 'none'.
    keep_hostile_allies : bool, default True
        Allies that behave as adversaries (rivals, or a dispute initiated against i) stay candidates.
    own_top_k : int, default 2
        How far down i's largest threats the rule walks (1, with common_threat=False: the literal j* rule); range
        [1, 10].
    partner_rule : str, default 'any'
        How many partners an outside threat must also threaten: 'any', 'majority', 'all' or 'ignore'.
    partner_top_k : int, default 3
        The partners' largest threats that count; range [1, 50].
    use_named : bool, default True
        A threat named in the treaty (ATOP statthr1/2) makes balancing without the partner test.
    min_threat : float, default 0.0
        Threat score below which the top threat is no credible threat; range [0, 1].
    named_first : bool, default True
        A named threat among the top ``own_top_k`` decides before the walk looks inside the alliance.
    named_overrides_allies : bool, default True
        A state the treaty names (ATOP statthr1/2) is a candidate threat even if an alliance in force makes it an
        ally (the ally filter does not remove it).
    common_threat : bool, default True
        A balancing target is the largest threat to the alliance as a whole (i's score plus the partners') among
        i's ``common_top_k`` largest threats that the treaty names or the partners share (Walt 1987).
    common_top_k : int, default 5
        How many of i's largest threats are candidates for the common threat; range [1, 20].
    bandwagon_needs_hostility : bool, default True
        With a defense/offense pledge, a threat inside the alliance makes bandwagoning only with a record of hostility.
    threat_params : ThreatParams or mapping, default None
        Half distance(s) and dispute half-life of the hand-weighted threat forms
        (``alliancelab.measures.threat.ThreatParams``; None: its defaults, or with a fitted ``weights`` the fit's).
        Fields given here override the fit's, so ``weights`` as a mapping with ``threat_params`` at the fit's values
        is the fitted form with other weights (``label_uncertainty`` draws them so). Stored as the fields that differ
        from the defaults; refused with ``form="estimated"``, whose gradient is estimated.

    Examples
    --------
    >>> params = RuleParams(form="additive")
    >>> params.replace(own_top_k=1).own_top_k, params.form
    (1, 'additive')

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press; Boulding, K. E. (1962), Conflict and
    Defense.
    """

    _what = "rule parameter"

    form: str = param("projected", "threat measure", choices=FORMS)
    weights: dict = param(None, "component weights of the threat measure (None: the measure's defaults)")
    lag: int = param(1, "threats are read in t - lag", 0, 10)
    fallback: bool = param(True, "a state not present in t - lag is read in t, else in t + 1 if it enters then")
    exclude_allies: str = param("defense", "states already allied with i are not candidates", choices=ALLY_FILTERS)
    keep_hostile_allies: bool = param(True, "allies that behave as adversaries stay candidates")
    own_top_k: int = param(2, "how far down i's largest threats the rule walks", 1, 10)
    partner_rule: str = param("any", "how many partners an outside threat must threaten", choices=PARTNER_RULES)
    partner_top_k: int = param(3, "the partners' largest threats that count", 1, 50)
    use_named: bool = param(True, "a threat named in the treaty makes balancing without the partner test")
    min_threat: float = param(0.0, "threat score below which the top threat is no credible threat", 0.0, 1.0)
    named_first: bool = param(True, "a named threat among the top own_top_k decides before the walk")
    named_overrides_allies: bool = param(True, "a state the treaty names is a candidate threat even if allied")
    common_threat: bool = param(True, "balance against the largest threat to the alliance as a whole (Walt 1987)")
    common_top_k: int = param(5, "how many of i's largest threats are candidates for the common threat", 1, 20)
    bandwagon_needs_hostility: bool = param(
        True, "with a defense/offense pledge, a threat inside the alliance makes bandwagoning only if hostile"
    )
    threat_params: dict = param(None, "half distance(s) and dispute half-life of the hand-weighted threat forms")

    def _check(self):
        if self.weights is not None and self.weights not in FITTED_CHOICES:
            if not hasattr(self.weights, "items"):
                raise ParameterError(f"parameter weights={self.weights!r}: expected a mapping component -> weight")
            object.__setattr__(self, "weights", dict(self.weights))
        if self.threat_params is not None:
            if not isinstance(self.threat_params, ThreatParams) and not hasattr(self.threat_params, "keys"):
                raise ParameterError(
                    f"parameter threat_params={self.threat_params!r}: expected ThreatParams or a mapping of its fields"
                )
            given = ThreatParams.resolve(self.threat_params).non_defaults()
            if given and self.form == "estimated":
                raise ParameterError(
                    f"parameter threat_params={given!r} with form='estimated': the estimated form takes no threat "
                    "parameters (its gradient is estimated)"
                )
            object.__setattr__(self, "threat_params", given or None)


@dataclass(frozen=True)
class AlignmentParams(Parameters):
    """Parameters of the richer alignment step (coerced, bandwagoning for profit, hedging, buck-passing, patron).

    Values are checked when the object is made; a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    coercion_window : int, default 15
        Years before entry in which a war or dispute with the patron counts as evidence of force; range [0, 100].
    dominance_ratio : float, default 3.0
        A partner is dominant when its CINC is at least this times i's; range [1, 1000].
    hostility_threshold : float, default 0.1
        Dispute component of j's intentions toward i at which j is hostile; range [0, 1].
    patron_rule : bool, default True
        Apply the patron rule (a great-power patron need not share i's regional threat).
    coercer_leads : bool, default True
        A coercer must be the pact's leader (its most capable member).
    coercion_needs_force : bool, default True
        Coercion needs the patron's display or use of force (GML hostility level 3 or more) or a war with i
        within the window, not any dispute (Kaufman 1992).
    profit_evidence : str, default 'side'
        What shows bandwagoning for profit: 'attack' (a stronger partner initiated a dispute against the prize's
        holder), 'side' (joining the stronger side: a gains clause, an offensive or wartime pact, i not the leader,
        the alliance outweighs the holder; Schweller 1994) or 'either'.
    profit_side_allies : bool, default False
        Count the prize holder's allies in its side's strength (default: the holder alone).
    regional_not_security : bool, default True
        A no-pledge pact of three or more members, without a great power, military provisions or a named threat,
        is not a security alignment (Snyder 1997).
    buck_needs_common_threat : bool, default True
        Buck-passing needs the third great power to threaten the buck-passer too (Christensen & Snyder 1990).

    Examples
    --------
    >>> AlignmentParams(dominance_ratio=2.0).replace(patron_rule=False).to_dict()["dominance_ratio"]
    2.0

    References
    ----------
    Schweller, R. L. (1994), Bandwagoning for Profit, International Security 19(1); Christensen, T. J. and
    Snyder, J. (1990), Chain Gangs and Passed Bucks, International Organization 44(2).
    """

    _what = "alignment parameter"

    coercion_window: int = param(15, "years before entry in which a war or dispute with the patron counts", 0, 100)
    dominance_ratio: float = param(3.0, "a partner is dominant when its CINC is at least this times i's", 1.0, 1000.0)
    hostility_threshold: float = param(0.1, "dispute component of j's intentions at which j is hostile", 0.0, 1.0)
    patron_rule: bool = param(True, "apply the patron rule")
    coercer_leads: bool = param(True, "a coercer must be the pact's leader (its most capable member)")
    coercion_needs_force: bool = param(True, "coercion needs the patron's display or use of force, or a war")
    profit_evidence: str = param("side", "what shows bandwagoning for profit", choices=("attack", "side", "either"))
    profit_side_allies: bool = param(False, "count the prize holder's allies in its side's strength")
    regional_not_security: bool = param(True, "a regional no-pledge pact without great power or threat is not security")
    buck_needs_common_threat: bool = param(True, "buck-passing needs the third great power to threaten i too")


def split_parameters(params=None, alignment_params=None, overrides=None):
    """The checked rule and alignment parameters of one call: the dataclasses with the older keywords on top.

    Parameters
    ----------
    params : RuleParams or mapping, optional
        The rule parameters (default: ``RuleParams()``).
    alignment_params : AlignmentParams or mapping, optional
        The alignment parameters (default: ``AlignmentParams()``).
    overrides : mapping, optional
        Keywords of either class (the older call style); unknown names raise ``ParameterError`` naming them.

    Returns
    -------
    tuple of (RuleParams, AlignmentParams)

    Examples
    --------
    >>> rule, alignment = split_parameters(overrides={"lag": 0, "patron_rule": False})
    >>> rule.lag, alignment.patron_rule
    (0, False)
    """
    overrides = dict(overrides or {})
    alignment_names = set(AlignmentParams.names())
    unknown = sorted(set(overrides) - alignment_names - set(RuleParams.names()))
    if unknown:
        raise ParameterError(
            f"unknown rule parameter(s) {unknown}; expected {sorted(RuleParams.names())} or {sorted(alignment_names)}"
        )
    rule = RuleParams.resolve(params, {k: v for k, v in overrides.items() if k not in alignment_names})
    alignment = AlignmentParams.resolve(alignment_params, {k: v for k, v in overrides.items() if k in alignment_names})
    return rule, alignment


def balancing_keywords(params=None, alignment_params=None, overrides=None):
    """Every rule and alignment parameter of one call as keywords (for functions that pass them on).

    Parameters
    ----------
    params, alignment_params, overrides
        As for ``split_parameters``.

    Returns
    -------
    dict
        Field name -> value for both classes, checked.

    Examples
    --------
    >>> balancing_keywords(RuleParams(lag=0))["lag"]
    0
    """
    rule, alignment = split_parameters(params, alignment_params, overrides)
    return rule.to_dict() | alignment.to_dict()
