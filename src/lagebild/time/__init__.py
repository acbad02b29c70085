"""Temporal expressions of German news resolved to calendar dates (rules in `data/rules.yaml`)."""

from lagebild.time.tagger import TimeExpression, TimeTagger, default_tagger, easter

__all__ = ["TimeExpression", "TimeTagger", "default_tagger", "easter"]
