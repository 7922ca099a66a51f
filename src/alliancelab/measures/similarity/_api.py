"""Similarity of every dyad-year, of chosen pairs, and joined onto a dyad panel.

Kept as the import path of the package's public functions, which live in ``_years`` (one year's dyads and
matrix), ``_dyads`` (the most similar pairs, every dyad-year, joined onto a panel) and ``_pairs`` (chosen pairs
over time and their figure).
"""

from alliancelab.measures.similarity._dyads import _dyad_similarity as _dyad_similarity
from alliancelab.measures.similarity._dyads import add_similarity, dyad_similarity, similar_pairs
from alliancelab.measures.similarity._pairs import _pair_similarity as _pair_similarity
from alliancelab.measures.similarity._pairs import _plot_pair_similarity as _plot_pair_similarity
from alliancelab.measures.similarity._pairs import pair_similarities, pair_similarity, plot_pair_similarity
from alliancelab.measures.similarity._years import similarity_matrix, year_similarity

__all__ = [
    "add_similarity",
    "dyad_similarity",
    "pair_similarities",
    "pair_similarity",
    "plot_pair_similarity",
    "similar_pairs",
    "similarity_matrix",
    "year_similarity",
]
