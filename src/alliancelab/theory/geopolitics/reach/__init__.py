"""Alliances overcoming distance: how far allies are from each other, how far great powers' alliance
networks reach, the loss-of-strength gradient, and whether distant alliances carry more institutions.

Distances are great-circle km between capitals (``add_capital_distance``) and CShapes minimum border
distance (``add_min_distance``, 1886-2019); contiguity is COW direct contiguity (land, or water up to
400 miles). Alliances are ATOP obligations in force, either direction (ATOP 5.1 dyad-years), except
the alliance-level analysis (ATOP 4.01 alliances and their founding members).

Layout of this package (the public names are re-exported here; import ``alliancelab.theory.geopolitics.reach``):
``_distances`` (allied pairs and their distances by era and year), ``_institutions`` (alliances, the
non-contiguous ones, institutions by distance) and ``_gradient`` (the reach of the great powers' alliances and
the loss-of-strength gradient).

References
----------
Boulding, K. E. (1962), Conflict and Defense: A General Theory, New York: Harper & Row (the
loss-of-strength gradient).
Sprout, H. and Sprout, M. (1965), The Ecological Perspective on Human Affairs, Princeton UP.
Starr, H. (1978), "'Opportunity' and 'willingness' as ordering concepts in the study of war",
International Interactions 4(4): 363-387.
Leeds, B. A. and Anac, S. (2005), "Alliance institutionalization and alliance performance",
International Interactions 31(3): 183-202 (``milinst``).
"""

from alliancelab.theory.geopolitics.reach._distances import (
    ALL_YEARS,
    DISTANCE_BANDS_KM,
    GML_FIRST,
    GML_LAST,
    GROUPS,
    allied_pairs,
    distance_distribution,
    yearly_distances,
)
from alliancelab.theory.geopolitics.reach._gradient import GradientResult, alliance_reach, loss_of_strength
from alliancelab.theory.geopolitics.reach._institutions import (
    DISTANCE_CLASSES,
    INSTITUTIONS,
    InstitutionsResult,
    alliance_table,
    institutions_by_distance,
    noncontiguous_alliances,
)

__all__ = [
    "ALL_YEARS",
    "DISTANCE_BANDS_KM",
    "DISTANCE_CLASSES",
    "GML_FIRST",
    "GML_LAST",
    "GROUPS",
    "GradientResult",
    "INSTITUTIONS",
    "InstitutionsResult",
    "alliance_reach",
    "alliance_table",
    "allied_pairs",
    "distance_distribution",
    "institutions_by_distance",
    "loss_of_strength",
    "noncontiguous_alliances",
    "yearly_distances",
]
