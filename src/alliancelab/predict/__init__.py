"""Predicting alliance formation: features (features.py), models (models.py), evaluation (evaluation.py)."""
