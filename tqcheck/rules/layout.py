"""Layout and residue rules (TQ4xx): what MT pipelines and CMS exports leave behind."""

from __future__ import annotations

RULES = ()
