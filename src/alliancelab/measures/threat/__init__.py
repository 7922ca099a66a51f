"""Balance of threat: how much state j threatens state i in year t (Walt 1985, 1987).

Three forms of one measure (``threat_cube(weights=None, warehouse=None, form=..., params=ThreatParams(...))``
returns a (year, i, j) array, the threat of j to i):

* ``"estimated"`` (default): Walt's four sources (aggregate power, proximity, offensive power,
  aggressive intentions) plus hostility history (disputes, wars, rivalries, decaying), bloc
  opposition, ideological distance and friendly ties (alliances, patronage, shared enemies) as
  features of a conditional logit whose weights, including the loss-of-strength gradient, are
  fitted to the threats ATOP's treaties name (``_model``, ``_features``), evaluated out of sample
  (``evaluate_threat_model``).
* ``"additive"`` / ``"projected"``: the hand-weighted means of Walt's four components (``_walt``);
  ``weights="fitted"`` with ``"projected"`` uses its weights, half distance and dispute half-life estimated on
  the same named threats (``_projected_fit``); ``weights="fitted_two"`` the variant with one half distance for
  COW major powers and one for other states (``_projected_two``); ``"fitted_hostility"`` / ``"fitted_pooled"``
  the same form fitted on revealed hostility (who uses force against i next year), alone or pooled with the
  named threats (``_projected_hostility``).

In every form, states out of the COW system under occupation or in exile are represented by one
documented rule (``represented``): they decide and are threatened, scored from their nearest
membership year, and threaten no one.

Modules: ``_walt`` (components, hand-weighted forms), ``_membership`` (represented states),
``_features``, ``_model`` (fit, committed weights, estimated cube), ``_cases`` (named-threat cases,
dropped cases, tie-aware hit rates), ``_validation`` (cross-validation, baselines, bootstrap),
``_api`` (cubes, scores, rankings, panel step).
"""

from ._api import (
    DEFAULT_FORM,
    FORMS,
    add_threat,
    fitted_model,
    fitted_projected_parameters,
    rank_cube,
    threat_cube,
    threat_scores,
    top_threats,
)
from ._cases import DROP_REASONS, expected_hits, named_threat_cases, random_tie_hits, threat_cases
from ._features import FEATURE_SOURCES, FEATURES, features_at
from ._membership import PARTITIONS, describe_represented, represented, represented_note
from ._model import WEIGHTS_FILE, FittedThreatModel, design_matrix, fit_threat_model, load_fitted
from ._params import ThreatParams
from ._projected_fit import (
    GRID_HALF_DISTANCE,
    GRID_HALF_LIFE,
    PROJECTED_FILE,
    ProjectedFit,
    evaluate_projected_fit,
    fit_projected,
    load_projected_fit,
    projected_design,
)
from ._projected_hostility import (
    HOSTILITY_FILE,
    HOSTILITY_LEVEL,
    POOLED_FILE,
    hostility_cases,
    hostility_design,
    load_hostility_fit,
    pool_designs,
)
from ._projected_two import (
    GRID_HALF_LIFE_TWO,
    GRID_HALF_MAJOR,
    GRID_HALF_MINOR,
    TWO_FILE,
    ProjectedTwoFit,
    evaluate_projected_two,
    fit_projected_two,
    load_projected_two_fit,
    projected_two_design,
)
from ._validation import BASELINES, SCORERS, ThreatValidation, evaluate_revealed_hostility, evaluate_threat_model
from ._walt import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    DEFAULTS,
    FITTED_CHOICES,
    THREAT_SOURCES,
    WALT_FORMS,
    WATER_MILES_KM,
    component_cubes,
    proximity,
    walt_cube,
)

__all__ = [
    "GRID_HALF_DISTANCE",
    "GRID_HALF_LIFE",
    "PROJECTED_FILE",
    "ProjectedFit",
    "evaluate_projected_fit",
    "fit_projected",
    "load_projected_fit",
    "projected_design",
    "HOSTILITY_FILE",
    "HOSTILITY_LEVEL",
    "POOLED_FILE",
    "hostility_cases",
    "hostility_design",
    "load_hostility_fit",
    "pool_designs",
    "FITTED_CHOICES",
    "GRID_HALF_LIFE_TWO",
    "GRID_HALF_MAJOR",
    "GRID_HALF_MINOR",
    "TWO_FILE",
    "ProjectedTwoFit",
    "evaluate_projected_two",
    "fit_projected_two",
    "load_projected_two_fit",
    "projected_two_design",
    "BASELINES",
    "SCORERS",
    "ThreatValidation",
    "evaluate_revealed_hostility",
    "evaluate_threat_model",
    "COMPONENTS",
    "DEFAULTS",
    "DEFAULT_FORM",
    "DEFAULT_WEIGHTS",
    "DROP_REASONS",
    "FEATURES",
    "FEATURE_SOURCES",
    "FORMS",
    "FittedThreatModel",
    "PARTITIONS",
    "THREAT_SOURCES",
    "ThreatParams",
    "WALT_FORMS",
    "WATER_MILES_KM",
    "WEIGHTS_FILE",
    "add_threat",
    "component_cubes",
    "describe_represented",
    "design_matrix",
    "expected_hits",
    "features_at",
    "fit_threat_model",
    "fitted_model",
    "fitted_projected_parameters",
    "load_fitted",
    "named_threat_cases",
    "proximity",
    "random_tie_hits",
    "rank_cube",
    "represented",
    "represented_note",
    "threat_cases",
    "threat_cube",
    "threat_scores",
    "top_threats",
    "walt_cube",
]
