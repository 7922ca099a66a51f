"""The parameters of the hand-weighted threat forms (``ThreatParams``)."""

from dataclasses import dataclass

from alliancelab.parameters import Parameters, param


@dataclass(frozen=True)
class ThreatParams(Parameters):
    """Parameters of Walt's components in the hand-weighted forms ("additive", "projected").

    The estimated form takes none (its gradient is estimated); given there with other than the defaults, they raise
    ``ParameterError``. Values are checked when the object is made; a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    half_distance_km : float, default 1000.0
        Loss-of-strength gradient: proximity halves every this many km; range [1, 1e6]. Source: Boulding 1962.
    dispute_half_life : float, default 10.0
        Half-life in years of a dispute's weight in aggressive intentions; range [0.1, 1000].
    half_distance_major_km : float, default 0.0
        Half distance of a threatening state that is a COW major power, whose power projects further (Bueno de
        Mesquita 1981); 0 means the same gradient for every state; range [0, 1e6].

    Examples
    --------
    >>> ThreatParams(half_distance_km=500).replace(dispute_half_life=5).to_dict()
    {'half_distance_km': 500.0, 'dispute_half_life': 5.0, 'half_distance_major_km': 0.0}

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press; Boulding, K. E. (1962), Conflict and
    Defense, Harper.
    """

    _what = "threat parameter"

    half_distance_km: float = param(
        1000.0, "loss-of-strength gradient: proximity halves every this many km", 1.0, 1e6, source="Boulding 1962"
    )
    dispute_half_life: float = param(
        10.0, "half-life in years of a dispute's weight in aggressive intentions", 0.1, 1e3
    )
    half_distance_major_km: float = param(
        0.0,
        "loss-of-strength gradient of COW major powers (0: the same as half_distance_km)",
        0.0,
        1e6,
        source="Boulding 1962; Bueno de Mesquita 1981",
    )


def threat_parameters(params=None, overrides=None):
    """The keywords the threat functions pass on: ``params`` with ``overrides``, checked, as the fields off default.

    Parameters
    ----------
    params : ThreatParams or mapping, optional
        The parameters (default: the defaults).
    overrides : mapping, optional
        The older keyword style (``half_distance_km=...``), applied on top; unknown names raise.

    Returns
    -------
    dict
        Field name -> value for the fields that differ from the defaults (empty for the defaults).

    Examples
    --------
    >>> threat_parameters(ThreatParams(half_distance_km=500.0), {"dispute_half_life": 10.0})
    {'half_distance_km': 500.0}
    """
    return ThreatParams.resolve(params, overrides).non_defaults()
