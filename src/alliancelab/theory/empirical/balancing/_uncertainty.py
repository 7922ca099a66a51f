"""How each alignment label changes when the threat model's weights vary over plausible ranges.

Each draw multiplies every weight of the threat measure (the component weights of the hand-weighted
forms, the fitted coefficients of the estimated form, sign kept) by an independent factor
exp(u), u ~ Uniform(-ln s, ln s) (default ``spread`` s = 2: each weight between half and twice
its centre), reruns the whole classification with those weights (through ``threat_measure``, so
whichever threat model the package reads is the one resampled), and records each decision's
alignment. A decision's ``stability`` is the share of draws that give its modal alignment (1 = the
label never changes); ``threat_stability`` the same for the modal (alignment, threat) pair.

The centre is the rule's own weights: the form's defaults, a mapping given as ``weights``, or, for a fitted
projected form (``weights="fitted"`` or ``"fitted_two"``), the fitted component weights. With a fitted form the
fitted half distance(s) and dispute half-life stay fixed at the fit's values (carried as the rule's
``threat_params``): the draws vary the weights only, so the stability measures the same thing for the hand-set
and the fitted forms, and the fitted gradient is already the best of its grid (its neighbours are a factor of two
away and fit worse; they are shown in the fit's ``grid``), not a continuous estimate to perturb.
"""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_range
from alliancelab.measures.threat import ThreatParams
from alliancelab.panels.lookup import Lookup


def weight_draws(draws=20, spread=2.0, seed=0, base=None):
    """``draws`` weight dicts: each weight of ``base`` times exp(u), u ~ U(-ln spread, ln spread), independently.

    Parameters
    ----------
    draws : int, default 20
    spread : float, default 2.0
    seed : int, default 0
        State of the random generator.
    base : dict, optional
        Default the threat model's weights, ``threat_weights()``.

    Returns
    -------
    list of dict

    Examples
    --------
    >>> len(weight_draws(3))
    3
    """
    from alliancelab.theory.empirical.balancing._inputs import threat_weights

    check_range("draws", draws, 1, 10_000)
    check_range("spread", spread, 1.0, 100.0)
    base = dict(threat_weights() if base is None else base)
    rng = np.random.default_rng(seed)
    names = sorted(base)
    factors = np.exp(rng.uniform(-np.log(spread), np.log(spread), size=(draws, len(names))))
    return [{name: float(base[name] * f) for name, f in zip(names, row)} for row in factors]


def label_uncertainty(
    table=None, draws=20, spread=2.0, seed=0, warehouse=None, params=None, alignment_params=None, **parameters
):
    """Per decision: modal alignment and threat over weight draws, and their stability (shares).

    The threat cubes of the draws are not kept in memory.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        Decisions (default all).
    draws : int, default 20
    spread : float, default 2.0
    seed : int, default 0
        State of the random generator.
    warehouse : str or Path, optional
    params, alignment_params, **parameters
        As for ``classify``. With ``weights="fitted"`` or ``"fitted_two"`` the draws are centred on the fitted
        weights at the fitted half distance(s) and dispute half-life (``draw_centre``).

    Returns
    -------
    pandas.DataFrame
        Aligned with ``classify(table)``: atopid, member, year, modal_alignment, stability,
        modal_threat, threat_stability, n_alignments (distinct labels seen). ``attrs['draws']``
        holds the weight dicts used, ``attrs['centre']`` their centre and ``attrs['threat_params']`` the threat
        parameters held fixed.
    """
    from alliancelab.theory.empirical.balancing._inputs import decisions
    from alliancelab.theory.empirical.balancing._params import balancing_keywords
    from alliancelab.theory.empirical.balancing._rule import classify

    parameters = balancing_keywords(params, alignment_params, parameters)
    centre, threat_params = draw_centre(parameters["form"], parameters["weights"], parameters["threat_params"])
    lookup = Lookup.get(warehouse)
    table = decisions(warehouse) if table is None else table.reset_index(drop=True)
    labels, threats = [], []
    weights = weight_draws(draws, spread, seed, centre)
    classify(table.head(1), warehouse, **parameters)  # keep the weight-free arrays cached across draws
    for w in weights:
        before = lookup.cache_keys()
        out = classify(table, warehouse, **(parameters | {"weights": w, "threat_params": threat_params}))
        lookup.forget(lookup.cache_keys() - before)
        labels.append(out["alignment"].to_numpy())
        threats.append(out["alignment_threat"].fillna(-1).to_numpy())
    labels = np.stack(labels, axis=1)
    pairs = np.char.add(np.char.add(labels.astype(str), ":"), np.stack(threats, axis=1).astype(str))
    modal, share = _modal(labels)
    modal_pair, pair_share = _modal(pairs)
    result = pd.DataFrame(
        {
            "atopid": table["atopid"].to_numpy(),
            "member": table["member"].to_numpy(),
            "year": table["year"].to_numpy(),
            "modal_alignment": modal,
            "stability": share,
            "modal_threat": [int(v.split(":")[1]) if not v.endswith(":-1") else pd.NA for v in modal_pair],
            "threat_stability": pair_share,
            "n_alignments": [len(set(row)) for row in labels],
        }
    )
    result.attrs["draws"] = weights
    result.attrs["centre"] = centre
    result.attrs["threat_params"] = threat_params
    return result


def draw_centre(form="projected", weights=None, threat_params=None):
    """The centre of the weight draws and the threat parameters held fixed across them.

    Parameters
    ----------
    form : {"projected", "additive", "estimated"}, default "projected"
    weights : None, dict, "fitted" or "fitted_two"
        The rule's weights: None, the form's defaults (``threat_weights``); a mapping, itself; a fitted choice
        (projected form), the fitted component weights (``measures.threat.fitted_projected_parameters``).
    threat_params : mapping, optional
        The rule's threat parameters; with a fitted choice they override the fit's, as in ``threat_cube``.

    Returns
    -------
    tuple of (dict, dict or None)
        The centre weights, and the ``threat_params`` every draw is classified with (the fit's half distance(s)
        and dispute half-life for a fitted choice; else as given).

    Examples
    --------
    >>> draw_centre()
    ({'power': 1.0, 'proximity': 1.0, 'offensive': 0.5, 'intentions': 2.0}, None)
    >>> centre, fixed = draw_centre("projected", "fitted")
    >>> sorted(centre), fixed["half_distance_km"] > 1000
    (['intentions', 'offensive', 'power'], True)
    """
    from alliancelab.measures.threat import fitted_projected_parameters
    from alliancelab.theory.empirical.balancing._inputs import threat_weights

    if isinstance(weights, str):
        centre, fixed = fitted_projected_parameters(weights, form, threat_params)
        return centre, ThreatParams.resolve(fixed).non_defaults() or None
    if weights is None:
        return threat_weights(form), threat_params
    if not hasattr(weights, "items"):
        raise ParameterError(f"argument weights={weights!r}: expected None, a mapping or a fitted choice")
    return dict(weights), threat_params


def _modal(values):
    modal, share = [], []
    for row in values:
        names, counts = np.unique(row, return_counts=True)
        best = np.argmax(counts)
        modal.append(names[best])
        share.append(counts[best] / len(row))
    return np.array(modal, dtype=object), np.array(share)
