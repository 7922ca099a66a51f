"""Figure of the validation (drawn by ``alliancelab.figures.threat.threat_validation``)."""

from alliancelab.figures.threat import threat_validation


def plot_validation(summary, path, evaluation="leave_alliance_out", sources=()):
    """Bars of top-1 and top-3 hit rates (95% CI whiskers) of every scorer in one ``evaluation`` of
    ``evaluate_threat_model(...).summary``; writes ``path``.html and .png, returns both paths.
    A thin wrapper of ``alliancelab.figures.threat.threat_validation``."""
    return threat_validation(summary, path, evaluation=evaluation, sources=sources)
