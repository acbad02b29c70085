"""Web API and dashboard over a lagebild store (`lagebild serve`)."""

from lagebild.web.app import create_app

__all__ = ["create_app"]
