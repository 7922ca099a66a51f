"""Dashboard pages for the theories and the alliance network (registered on the app by ``register``).

- ``/network?year=1914&obligation=any``: the alliance network of a year, blocs coloured, with a
  year slider (``measures.network``; figure from ``figures.network.network_figure``);
- ``/alignments?era=&region=&label=&state=``: every classified alignment decision with its reason
  (``theory.empirical.balancing.classify`` with its defaults), filtered;
- ``/landscape?states=...&year=1914&camps=2``: Axelrod & Bennett's minima, basins and predicted
  camps (``theory.landscape_data.build_system``, ``theory.landscape.landscape``);
- ``/deterrence?side=defender&...``: all perfect Bayesian equilibria of the third-party deterrence
  game at one parameter point (``theory.formal.deterrence.solve``);
- ``/profile?a=USA&b=ROK``: one dyad over time (``theory.empirical.profile.profile``);
- ``/burden?alliance=nato&spending=sipri``: the Olson-Zeckhauser exploitation test per year
  (``theory.empirical.burden.burden_test``).

Each body function returns (HTML fragment, whether it has Plotly figures) and raises
``ParameterError`` on bad input; ``app.respond`` turns that into the page with its form and a message.

Layout of this package (the public names are re-exported here; import ``alliancelab.web.pages_theory``):
``_common`` (limits and the sources line), ``_network`` (the network and alignments pages), ``_models``
(the landscape and deterrence pages), ``_record`` (the profile, burden and shareable report pages) and
``_routes`` (``register``: the routes).
"""

from alliancelab.web.pages_theory._common import (
    ALL,
    BURDEN_FIRST,
    DETERRENCE_FIELDS,
    FIRST_YEAR,
    LANDSCAPE_DEFAULT,
    LAST_YEAR,
    MAX_LANDSCAPE_STATES,
    MAX_ROWS,
    YEAR_LABEL,
)
from alliancelab.web.pages_theory._models import deterrence_body, landscape_body
from alliancelab.web.pages_theory._network import alignment_choices, alignments_body, classified, network_body
from alliancelab.web.pages_theory._record import _burden_years as _burden_years
from alliancelab.web.pages_theory._record import burden_body, profile_body, shareable_body
from alliancelab.web.pages_theory._routes import register

__all__ = [
    "ALL",
    "BURDEN_FIRST",
    "DETERRENCE_FIELDS",
    "FIRST_YEAR",
    "LANDSCAPE_DEFAULT",
    "LAST_YEAR",
    "MAX_LANDSCAPE_STATES",
    "MAX_ROWS",
    "YEAR_LABEL",
    "alignment_choices",
    "alignments_body",
    "burden_body",
    "classified",
    "deterrence_body",
    "landscape_body",
    "network_body",
    "profile_body",
    "register",
    "shareable_body",
]
