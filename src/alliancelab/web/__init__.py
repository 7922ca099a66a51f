"""The dashboard: a thin FastAPI app (``create_app``) over the library; ``alliancelab dashboard``
serves it. See docs/dashboard.md."""

from alliancelab.web.app import create_app

__all__ = ["create_app"]
