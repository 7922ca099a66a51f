"""What the theory pages share: year bounds, page limits and the sources line."""

from alliancelab.data import facts
from alliancelab.web import pages

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # COW state system, from its specification
YEAR_LABEL = f"year ({FIRST_YEAR}-{LAST_YEAR})"
BURDEN_FIRST = facts.coverage("sipri_milex")[0]  # the burden page starts where SIPRI spending starts
MAX_LANDSCAPE_STATES = 18  # 2^17 alignments: an exact search well under a second
MAX_ROWS = 400  # alignment decisions listed on one page
LANDSCAPE_DEFAULT = "GMY AUH ITA UKG FRN RUS TUR JPN USA"
DETERRENCE_FIELDS = (
    "prior_strong",
    "power_strong",
    "power_weak",
    "power_ally",
    "power_third",
    "stake_challenger",
    "stake_defender",
    "cost_challenger",
    "cost_defender",
    "audience_cost",
    "benefit_third",
    "cost_third",
)
ALL = "all"


def _sources(citations):
    return pages.Markup(
        "".join(
            [
                pages.heading("Sources"),
                pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in citations) + "</ul>"),
            ]
        )
    )
