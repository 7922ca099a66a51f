"""``register``: the routes of the theory pages on the dashboard application."""

from alliancelab.data import facts
from alliancelab.web import pages
from alliancelab.web.pages_theory._common import (
    ALL,
    BURDEN_FIRST,
    DETERRENCE_FIELDS,
    FIRST_YEAR,
    LANDSCAPE_DEFAULT,
    LAST_YEAR,
    MAX_LANDSCAPE_STATES,
    YEAR_LABEL,
)
from alliancelab.web.pages_theory._models import deterrence_body, landscape_body
from alliancelab.web.pages_theory._network import alignment_choices, alignments_body, network_body
from alliancelab.web.pages_theory._record import burden_body, profile_body, shareable_body

# ----------------------------------------------------------------------------------------------
# Routes
# ----------------------------------------------------------------------------------------------


def register(app, respond, lookup, warehouse):
    """Add the theory pages' routes to the dashboard application.

    Parameters
    ----------
    app : fastapi.FastAPI
        The application (from ``app.create_app``).
    respond : callable
        The application's page responder (cache, time limit, error pages).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, cached tables, citations).
    warehouse : path or None
        The warehouse (None: the configured one).
    """
    from fastapi import Request
    from fastapi.responses import HTMLResponse

    @app.get("/network", response_class=HTMLResponse)
    async def network_page(request: Request, year: int = 1914, obligation: str = "any"):
        from alliancelab.measures.network import NETWORK_OBLIGATIONS

        form = pages.form(
            "/network",
            [
                ("year", "year", year, pages.Slider(FIRST_YEAR, LAST_YEAR)),
                ("obligation", "obligation", obligation, NETWORK_OBLIGATIONS),
            ],
        )
        return await respond(
            request, f"Alliance network, {year}", "/network", form, lambda: network_body(year, obligation, lookup())
        )

    @app.get("/report/share", response_class=HTMLResponse)
    async def shareable_page(request: Request, year: int = 1914):
        form = pages.form("/report/share", [("year", YEAR_LABEL, year, "number")], button="Build")
        return await respond(
            request,
            f"Shareable report, {year}",
            "/report",
            form,
            lambda: (shareable_body(year, warehouse), False),
            whole=True,
        )

    @app.get("/alignments", response_class=HTMLResponse)
    async def alignments_page(request: Request, era: str = ALL, region: str = ALL, label: str = ALL, state: str = ""):
        eras, regions, labels = alignment_choices()
        form = pages.form(
            "/alignments",
            [
                ("era", "era", era, eras),
                ("region", "region", region, regions),
                ("label", "label", label, labels),
                ("state", "state (optional, e.g. FRN)", state, "text"),
            ],
        )
        return await respond(
            request,
            "Alignment decisions: balancing or bandwagoning",
            "/alignments",
            form,
            lambda: alignments_body(era, region, label, state, warehouse, lookup()),
        )

    @app.get("/landscape", response_class=HTMLResponse)
    async def landscape_page(request: Request, states: str = LANDSCAPE_DEFAULT, year: int = 1914, camps: int = 2):
        form = pages.form(
            "/landscape",
            [
                ("states", f"states (2-{MAX_LANDSCAPE_STATES}, space separated)", states, "text"),
                ("year", YEAR_LABEL, year, "number"),
                ("camps", "camps", camps, (2, 3)),
            ],
            button="Run",
        )
        return await respond(
            request,
            f"Landscape of aggregation, {year}",
            "/landscape",
            form,
            lambda: landscape_body(states, year, camps, lookup()),
        )

    from alliancelab.theory.formal.deterrence import DeterrenceParams

    defaults = DeterrenceParams()

    @app.get("/deterrence", response_class=HTMLResponse)
    async def deterrence_page(
        request: Request,
        side: str = "defender",
        prior_strong: float = defaults.prior_strong,
        power_strong: float = defaults.power_strong,
        power_weak: float = defaults.power_weak,
        power_ally: float = defaults.power_ally,
        power_third: float = defaults.power_third,
        stake_challenger: float = defaults.stake_challenger,
        stake_defender: float = defaults.stake_defender,
        cost_challenger: float = defaults.cost_challenger,
        cost_defender: float = defaults.cost_defender,
        audience_cost: float = defaults.audience_cost,
        benefit_third: float = defaults.benefit_third,
        cost_third: float = defaults.cost_third,
    ):
        values = {
            "prior_strong": prior_strong,
            "power_strong": power_strong,
            "power_weak": power_weak,
            "power_ally": power_ally,
            "power_third": power_third,
            "stake_challenger": stake_challenger,
            "stake_defender": stake_defender,
            "cost_challenger": cost_challenger,
            "cost_defender": cost_defender,
            "audience_cost": audience_cost,
            "benefit_third": benefit_third,
            "cost_third": cost_third,
        }
        fields = [("side", "third party allied to", side, ("defender", "challenger"))]
        fields += [(name, name.replace("_", " "), values[name], "decimal") for name in DETERRENCE_FIELDS]
        form = pages.form("/deterrence", fields, button="Solve")
        return await respond(
            request,
            "Extended deterrence with a third-party ally",
            "/deterrence",
            form,
            lambda: deterrence_body(side, values),
        )

    @app.get("/profile", response_class=HTMLResponse)
    async def profile_page(request: Request, a: str = "USA", b: str = "ROK"):
        form = pages.form("/profile", [("a", "state A", a, "text"), ("b", "state B", b, "text")])
        return await respond(
            request, f"Dyad profile: {a} and {b}", "/profile", form, lambda: profile_body(a, b, warehouse, lookup())
        )

    @app.get("/burden", response_class=HTMLResponse)
    async def burden_page(
        request: Request,
        alliance: str = "nato",
        start: int = BURDEN_FIRST,
        end: int = facts.ALLIANCE_MEMBERS_LAST,
        spending: str = "sipri",
    ):
        form = pages.form(
            "/burden",
            [
                ("alliance", "alliance ('nato' or ATOP id)", alliance, "text"),
                ("start", "from", start, "number"),
                ("end", "to", end, "number"),
                ("spending", "spending", spending, ("sipri", "cow")),
            ],
        )
        return await respond(
            request, "Burden sharing", "/burden", form, lambda: burden_body(alliance, start, end, spending, lookup())
        )
