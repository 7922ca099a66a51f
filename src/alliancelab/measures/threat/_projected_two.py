"""The projected form with two loss-of-strength gradients, estimated on ATOP's named threats.

A great power's strength declines more slowly with distance than a lesser state's (Boulding 1962; Bueno de
Mesquita 1981), so the proximity in the projected score of j to i uses j's status in the year:

    prox_ij = exp(-ln 2 d_ij / h_major)  if j is a COW major power,  exp(-ln 2 d_ij / h_minor) otherwise,

    s_ij = (w_p power_j prox_ij + w_o offensive_ij prox_ij + w_n intentions_ij) / (sum of the w over available terms).

The weight ratios, the two half distances and the dispute half-life L are fitted exactly as ``fit_projected``
fits the one-gradient form (conditional logit with utility beta s_ij, McFadden 1974; L-BFGS-B over the weights and
the scale at each point of a coarse grid of h_minor x h_major x L; the best training log-likelihood kept), on the
same cases and candidates, and evaluated out of sample the same way (``evaluate_projected_two``).
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError

from ._model import design_matrix
from ._projected_fit import (
    HANDSET,
    case_rows,
    fitted_weights,
    grid_search,
    n_alliances,
    out_of_sample,
    projected_design,
    score_rows,
    scored_rows,
)
from ._validation import SPLITS
from ._walt import major_matrix

GRID_HALF_MINOR = (250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0)  # km
GRID_HALF_MAJOR = (2000.0, 8000.0, 32000.0, 64000.0)  # km
GRID_HALF_LIFE_TWO = (1.25, 2.5, 5.0)  # years
TWO_FILE = Path(__file__).with_name("fitted_projected_two.json")


@dataclass
class ProjectedTwoFit:
    """Fitted parameters of the two-gradient projected form.

    Parameters
    ----------
    weights : dict
        Component weights (power, offensive, intentions), normalised to sum to 1.
    half_distance_km : float
        Half distance of the states that are not COW major powers.
    half_distance_major_km : float
        Half distance of the COW major powers.
    dispute_half_life : float
    scale : float
        beta, the fitted scale of s_ij in the conditional logit.
    log_likelihood : float
    n_cases, n_alliances : int
    grid : list of dict
        Log-likelihood and optimum at every grid point.
    provenance : dict
    """

    weights: dict
    half_distance_km: float
    half_distance_major_km: float
    dispute_half_life: float
    scale: float
    log_likelihood: float
    n_cases: int = 0
    n_alliances: int = 0
    grid: list = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def params(self):
        """The ThreatParams fields of the fit."""
        return {
            "half_distance_km": float(self.half_distance_km),
            "half_distance_major_km": float(self.half_distance_major_km),
            "dispute_half_life": float(self.dispute_half_life),
        }

    def to_json(self):
        return asdict(self)


@dataclass
class ProjectedTwoDesign:
    """The two-gradient projected terms at every candidate row, keyed by (h_minor, h_major, L)."""

    design: object
    terms: dict
    pair: np.ndarray


def projected_two_design(warehouse=None, minors=GRID_HALF_MINOR, majors=GRID_HALF_MAJOR, half_lives=GRID_HALF_LIFE_TWO):
    """The two-gradient projected terms at the candidate rows of the named-threat cases, for a grid.

    Parameters
    ----------
    warehouse : str or Path, optional
    minors, majors : tuple of float
        Half distances (km) of the grid for other states and for COW major powers.
    half_lives : tuple of float
        Dispute half-lives (years) of the grid.

    Returns
    -------
    ProjectedTwoDesign
    """
    rows = case_rows(warehouse, design_matrix(warehouse))
    major = major_matrix(rows.lookup)[rows.t, rows.j]
    terms = {}
    for life in half_lives:
        intentions = rows.intentions(life)
        for minor in minors:
            for big in majors:
                terms[(float(minor), float(big), float(life))] = rows.terms(intentions, np.where(major, big, minor))
    return ProjectedTwoDesign(rows.design, terms, rows.pair)


def fit_projected_two(pdesign, train=None, starts=None):
    """Fit the two-gradient projected form's weights, half distances and dispute half-life on the training cases.

    Parameters
    ----------
    pdesign : ProjectedTwoDesign
    train : array of bool, optional
        One per case; all when None. Only these cases' rows and labels enter.
    starts : ProjectedTwoFit, optional
        A previous fit whose optimum at each grid point starts the search there.

    Returns
    -------
    ProjectedTwoFit

    References
    ----------
    McFadden, D. (1974), "Conditional logit analysis of qualitative choice behavior"; Boulding, K. E. (1962),
    Conflict and Defense; Bueno de Mesquita, B. (1981), The War Trap, Yale University Press.
    """
    design = pdesign.design
    train = np.ones(len(design.cases), dtype=bool) if train is None else np.asarray(train, dtype=bool)
    names = ("half_distance_km", "half_distance_major_km", "dispute_half_life")
    best, grid = grid_search(pdesign, train, starts, names, "fit_projected_two")
    loglik, (minor, big, life), theta, n = best
    return ProjectedTwoFit(
        fitted_weights(theta), minor, big, life, float(theta[0]), loglik, n, n_alliances(design, train), grid
    )


def score_two_rows(pdesign, fit):
    """Two-gradient projected score of every design row under ``fit`` (-inf where the form is undefined).

    Parameters
    ----------
    pdesign : ProjectedTwoDesign
    fit : ProjectedTwoFit

    Returns
    -------
    numpy.ndarray
    """
    key = (float(fit.half_distance_km), float(fit.half_distance_major_km), float(fit.dispute_half_life))
    return scored_rows(pdesign, key, fit.weights)


def _handset_rows(warehouse, pdesign):
    """The hand-set one-gradient score on the same rows, as ``evaluate_projected_fit`` scores it."""
    one = projected_design(warehouse, (HANDSET["half_distance_km"],), (HANDSET["dispute_half_life"],))
    return score_rows(one, HANDSET)


def evaluate_projected_two(warehouse=None, folds=None, splits=SPLITS, n_boot=2000, seed=0, pdesign=None):
    """Hit rates of the fitted two-gradient and the hand-set projected form, out of sample.

    In sample, leave-alliance-out (``folds=None``) or k folds of whole alliances, and temporal splits (fit on
    alliances signed before T, score those from T on); top-1/top-3 expected over random tie-breaks with 95%
    bootstrap intervals clustered by alliance, exactly as ``evaluate_projected_fit``.

    Parameters
    ----------
    warehouse : str or Path, optional
    folds : int, optional
    splits : tuple of int, default (1914, 1946)
    n_boot : int, default 2000
    seed : int, default 0
    pdesign : ProjectedTwoDesign, optional

    Returns
    -------
    pandas.DataFrame
        evaluation, scorer ("projected_two_fitted", "projected_handset"), cases, alliances, top1/top3 and CIs;
        ``attrs["fold_fits"]`` the fitted parameters per fold.
    """
    pdesign = projected_two_design(warehouse) if pdesign is None else pdesign
    summary = out_of_sample(
        pdesign,
        fit_projected_two,
        score_two_rows,
        _handset_rows(warehouse, pdesign),
        "projected_two_fitted",
        folds,
        splits,
        n_boot,
        seed,
    )
    summary.attrs["fold_fits"] = pd.DataFrame(
        [
            {
                **f.weights,
                "half_distance_km": f.half_distance_km,
                "half_distance_major_km": f.half_distance_major_km,
                "dispute_half_life": f.dispute_half_life,
            }
            for f in summary.attrs["fold_fits"]
        ]
    )
    return summary


def load_projected_two_fit(path=TWO_FILE):
    """The committed fit of the two-gradient projected form (``scripts/fit_projected_threat.py`` writes it).

    Parameters
    ----------
    path : str or Path, optional

    Returns
    -------
    ProjectedTwoFit

    Examples
    --------
    >>> load_projected_two_fit().half_distance_major_km >= load_projected_two_fit().half_distance_km
    True
    """
    if not Path(path).exists():
        raise ParameterError(f"file {path}: no fitted two-gradient parameters; run scripts/fit_projected_threat.py")
    return ProjectedTwoFit(**json.loads(Path(path).read_text()))
