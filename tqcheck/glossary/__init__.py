"""Glossaries: the model, YAML loading, compiled matching and lint."""

from tqcheck.glossary.loader import GlossaryError, GlossaryIssue, load_glossary, parse_glossary
from tqcheck.glossary.model import Concept, Form, Glossary, MatchOptions, ProfileForms

__all__ = [
    "Concept",
    "Form",
    "Glossary",
    "GlossaryError",
    "GlossaryIssue",
    "MatchOptions",
    "ProfileForms",
    "load_glossary",
    "parse_glossary",
]
