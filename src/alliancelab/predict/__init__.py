"""Predicting alliance formation: features (``features``), models (``models``), evaluation (``evaluation``)."""
