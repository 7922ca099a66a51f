"""Alliances and geopolitics: war diffusion by opportunity and willingness, and alliances that
overcome distance (see docs/geopolitics.md)."""
