"""Features for predicting alliance formation, grouped by the theory they come from.

Unit: the non-directed dyad-year (ccode1 < ccode2, both COW system members in year t). Every feature
of year t is computed from information dated t or earlier (a strictly backward-looking builder):
:func:`load_inputs` gathers the raw sources once, :func:`build_features` turns them into features and
reads, for year t, only input rows with year <= t. A test perturbs every input after year t and checks
that the features of year t do not change. Targets look one year ahead and are built separately
(:func:`add_targets`), so they can never leak into the features by construction.

Feature groups (``GROUPS``), all symmetric in the two states:

- ``power`` (balance of power): log CINC of the weaker and the stronger state, the log capability
  ratio log(cinc_max / cinc_min), the pair's joint share of system capabilities.
- ``threat`` (balance of threat, Walt 1987, project threat model ``measures.threat.threat_cube``):
  the mutual threat (max and min of T[a,b], T[b,a]), the largest threat each side faces (min and max
  over the two sides of max_k T[a,k]), common threat strength sum_k T[a,k] T[b,k] over third states k,
  and the number of third states that are among the five strongest threats to both.
- ``geography``: log(1 + minimum border distance km) (CShapes, from 1886), log capital distance,
  land contiguity, contiguity up to 24 miles of water.
- ``ideology``: the smaller Polity2 score, |polity2_a - polity2_b|, joint democracy (both >= 6).
- ``network`` (lagged alliance network, TERGM-style statistics): shared allies (the number of
  two-paths, i.e. triangles the tie would close), alliance degree of the less / more connected state,
  alliance-portfolio similarity S (unweighted, Signorino & Ritter 1999), whether the pair was ever
  allied up to t and years since it last was (alliance memory), allied in year t (presence task).
- ``hostility``: militarised dispute under way in t, disputes started in the last ten years
  (t-9..t), strategic rivalry in t, common rivals (rivals of both).
- ``trade``: log total trade (imports + exports, current US$ m) of the smaller and larger trader
  (monadic COW trade; no dyadic trade table in the warehouse).
- ``status``: number of COW major powers in the pair (0, 1, 2) and log(1 + years in the state system) of the
  younger state (new states join regional organisations; the count starts at 1816 for the founders).
- ``landscape`` (Axelrod & Bennett 1993): the landscape propensity p_ij with the landscape module's
  default weights and s_i s_j p_ij with CINC sizes (:mod:`alliancelab.predict.landscape`, the same
  components as ``theory.landscape`` computed for every system pair and year from data up to t).
- ``detente``: a detente of the pair's strategic rivalry under way in t, the length of the current run
  of falling tension and the real-time tension (:mod:`alliancelab.predict.detente`, a causal version
  of ``theory.empirical.detente``: standardised with the spell's years up to t, and a detente recognised once it
  has lasted its minimum length, not dated back to its start).

Missing is not zero: a value outside its source's coverage stays NaN (gradient boosting uses NaN
natively; the logits impute the training median and add a missingness indicator).

Layout of this package (the public names are re-exported here; import ``alliancelab.predict.features``):
``_inputs`` (the groups, their columns and the raw inputs gathered once), ``_build`` (the backward-looking
feature builder) and ``_table`` (the one-year-ahead targets and the prediction table).
"""

from alliancelab.predict.features._build import build_features
from alliancelab.predict.features._inputs import (
    BASELINE,
    DISPUTE_WINDOW,
    GROUP_NAMES,
    GROUPS,
    INPUT_COLUMNS,
    SOURCES,
    TARGETS,
    TOP_THREATS,
    FeatureInputs,
    check_groups,
    feature_columns,
    load_inputs,
)
from alliancelab.predict.features._table import add_prediction_features, add_targets, prediction_table

__all__ = [
    "BASELINE",
    "DISPUTE_WINDOW",
    "FeatureInputs",
    "GROUPS",
    "GROUP_NAMES",
    "INPUT_COLUMNS",
    "SOURCES",
    "TARGETS",
    "TOP_THREATS",
    "add_prediction_features",
    "add_targets",
    "build_features",
    "check_groups",
    "feature_columns",
    "load_inputs",
    "prediction_table",
]
