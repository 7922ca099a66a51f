"""The ``--weights`` option shared by the threat commands (``measures threat``, ``measures top-threats``,
``classify``, ``alignments validate``): one parser, one help text, one error for a bad value."""

from alliancelab.assignments import parse_assignments
from alliancelab.errors import ParameterError

# the projected form's fitted parameter sets (``alliancelab.measures.threat.FITTED_CHOICES``; kept here as a literal so
# the CLI starts without importing the threat package; a test checks the two agree)
FITTED_WEIGHTS = ("fitted", "fitted_two", "fitted_hostility", "fitted_pooled")
WEIGHT_NAMES = ("handset",) + FITTED_WEIGHTS


def parse_weights(text, form=None):
    """The ``--weights`` option of every threat command: a choice of weights or NAME=NUMBER pairs.

    'handset' (or nothing) -> None, the form's default weights; 'fitted' / 'fitted_two' -> kept as given (the
    projected form with its weights, half distance and dispute half-life estimated on ATOP's named threats;
    'fitted_two' with a separate half distance for COW major powers); 'power=1,intentions=2' ->
    {'power': 1.0, 'intentions': 2.0}. ``form`` (the command's ``--form``) is checked against a fitted choice.

    Parameters
    ----------
    text : str or None
        The option's value.
    form : str, optional
        The command's threat form; a fitted choice needs "projected" (None: not checked).

    Returns
    -------
    None, str or dict
        What the library's ``weights=`` takes.

    Examples
    --------
    >>> parse_weights("fitted_two", "projected"), parse_weights("handset"), parse_weights("power=2")
    ('fitted_two', None, {'power': 2.0})
    """
    if text is None or not text.strip() or text.strip() == "handset":
        return None
    text = text.strip()
    if text in FITTED_WEIGHTS:
        if form is not None and form != "projected":
            raise ParameterError(
                f"argument --weights={text!r} with --form {form}: expected --form projected (the fitted weights are "
                "the projected form's, estimated on ATOP's named threats)"
            )
        return text
    if "=" not in text:
        raise ParameterError(
            f"argument --weights={text!r}: expected {', '.join(WEIGHT_NAMES)} or NAME=NUMBER pairs, "
            "e.g. power=1,intentions=2"
        )
    return parse_assignments(text, "--weights", float, expected="NAME=NUMBER")


WEIGHTS_HELP = (
    "handset (default: the form's own weights) | fitted | fitted_two | fitted_hostility | fitted_pooled (projected "
    "form: weights, half distance and dispute half-life fitted on ATOP's named threats; fitted_two: major powers "
    "with their own half distance; fitted_hostility: fitted on the states that use force against a state the next "
    "year; fitted_pooled: both signals) | "
    "NAME=NUMBER pairs, e.g. power=1,intentions=2 (hand-weighted forms: component weights; estimated: z-scale "
    "coefficients of named features, e.g. allied=-1)"
)
