"""The ``add_*`` steps: join one source onto a state-year or dyad-year panel.

Every step takes a panel from ``state_years`` / ``dyad_years`` (or a previous step) and returns a new
panel with extra columns; it never drops or reorders rows. On a dyad panel a state-level value gets
the suffixes ``1`` and ``2`` (``cinc1``, ``cinc2``); on a state panel it keeps its plain name.

Coverage (first and last year of each source, from its specification via ``data.facts.coverage``):
inside a source's years, "no record" means a real zero where the source is exhaustive
(no alliance, no dispute, no border) and missing where it is not (a capability value nobody
recorded). Outside a source's years every value is missing (<NA>), never 0.
Indicator columns are pandas nullable integers (Int8/Int16/Int32) so that missing stays missing.

Layout of this package (the public names are re-exported here; import ``alliancelab.panels.adders``):
``_common`` (the panel helpers every step shares), ``_alliances`` (ATOP), ``_states`` (capabilities, status,
system membership, regimes, trade, territory), ``_geography`` (contiguity and distances) and ``_conflict``
(disputes, wars, rivalries, peace years).
"""

from alliancelab.data.facts import spell_years as spell_years
from alliancelab.panels.adders._alliances import (
    OBLIGATIONS,
    add_alliance_counts,
    add_atop,
    alliance_count_arrays,
    atop_cube,
    atop_onset_cube,
)
from alliancelab.panels.adders._common import (
    column_name,
    is_dyadic,
    nullable_int,
    panel_lookup,
    panel_sides,
    with_columns,
)
from alliancelab.panels.adders._conflict import (
    GML_FIELDS,
    add_gml,
    add_peace_years,
    add_rivalry,
    add_wars,
    gml_cubes,
    peace_years_cube,
    rivalry_cube,
)
from alliancelab.panels.adders._geography import (
    DISTANCE_METHODS,
    EARTH_RADIUS_KM,
    EQUATORIAL_RADIUS_KM,
    MEAN_RADIUS_KM,
    WGS84_A_KM,
    WGS84_F,
    add_capital_distance,
    add_contiguity,
    add_min_distance,
    capital_coordinates,
    capital_geodesic,
    contiguity_cube,
    geodesic_km,
    great_circle_km,
    haversine_km,
    min_distance_cube,
)
from alliancelab.panels.adders._states import (
    NMC_COLUMNS,
    add_majors,
    add_nmc,
    add_polity,
    add_territorial_threat,
    add_trade,
    membership,
)

__all__ = [
    "DISTANCE_METHODS",
    "EARTH_RADIUS_KM",
    "EQUATORIAL_RADIUS_KM",
    "GML_FIELDS",
    "MEAN_RADIUS_KM",
    "NMC_COLUMNS",
    "OBLIGATIONS",
    "WGS84_A_KM",
    "WGS84_F",
    "add_alliance_counts",
    "add_atop",
    "add_capital_distance",
    "add_contiguity",
    "add_gml",
    "add_majors",
    "add_min_distance",
    "add_nmc",
    "add_peace_years",
    "add_polity",
    "add_rivalry",
    "add_territorial_threat",
    "add_trade",
    "add_wars",
    "alliance_count_arrays",
    "atop_cube",
    "atop_onset_cube",
    "capital_coordinates",
    "capital_geodesic",
    "column_name",
    "contiguity_cube",
    "geodesic_km",
    "gml_cubes",
    "great_circle_km",
    "haversine_km",
    "is_dyadic",
    "membership",
    "min_distance_cube",
    "nullable_int",
    "panel_lookup",
    "panel_sides",
    "peace_years_cube",
    "rivalry_cube",
    "with_columns",
]
