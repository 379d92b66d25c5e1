"""The glossary model: concepts with TBX-style term statuses. Pure data, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tqcheck.model import Severity

CLASSES = (
    "acronym",
    "organisation",
    "place",
    "person",
    "title",
    "calque",
    "false_friend",
    "boilerplate",
    "style",
    "other",
)
DEFAULT_PROFILE = "default"


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How a form is matched: case and accent folding, hyphen as boundary, inflection."""

    case: str = "fold"
    accents: str = "fold"
    hyphen: bool = True
    inflect: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    """One term of a concept with its TBX administrative status."""

    text: str
    status: str  # preferred | admitted | deprecated | superseded | source | exception | misleading
    match: MatchOptions = MatchOptions()
    lang: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProfileForms:
    """A house style's preferred and admitted target forms for one concept."""

    preferred: str
    admitted: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Preferred first, then admitted."""
        return (self.preferred, *self.admitted)


@dataclass(frozen=True)
class Concept:
    """One glossary entry: a concept and all its target and source forms."""

    id: str
    cls: str
    preferred: str
    provenance: str
    admitted: tuple[Form, ...] = ()
    profiles: Mapping[str, ProfileForms] = field(default_factory=dict)
    deprecated: tuple[Form, ...] = ()
    superseded: tuple[Form, ...] = ()
    # Ordinary English words that are wrong only as renderings of a source form (false
    # friends such as "actually" for "actualmente"); checked only where the source is known.
    misleading: tuple[Form, ...] = ()
    # The full name an acronym stands for ("World Health Organization" for WHO): accepted
    # under every profile, never suggested, outside house styles.
    expansions: tuple[str, ...] = ()
    source: Mapping[str, tuple[Form, ...]] = field(default_factory=dict)
    casing: str = "canonical"
    match: MatchOptions = MatchOptions()
    exceptions: tuple[str, ...] = ()
    severity: Severity | None = None
    definition: str | None = None
    note: str | None = None
    origin: str = ""
    line: int = 0

    @property
    def default_forms(self) -> ProfileForms:
        """The default profile's preferred and admitted forms."""
        return ProfileForms(self.preferred, tuple(f.text for f in self.admitted))

    def house(self, profile: str) -> ProfileForms:
        """Forms of one house style; a profile the entry does not name uses the default."""
        return self.profiles.get(profile, self.default_forms)

    def houses(self) -> dict[str, ProfileForms]:
        """Every house style of this entry, default first."""
        return {DEFAULT_PROFILE: self.default_forms, **self.profiles}

    def accepted(self, profile: str) -> tuple[str, ...]:
        """Forms never flagged under a profile; the default profile accepts every house."""
        if profile != DEFAULT_PROFILE:
            return (*self.house(profile).forms, *self.expansions)
        seen: dict[str, None] = {}
        for house in self.houses().values():
            seen.update(dict.fromkeys(house.forms))
        seen.update(dict.fromkeys(self.expansions))
        return tuple(seen)

    def preferred_for(self, profile: str) -> str:
        """The form to suggest under a profile."""
        return self.house(profile).preferred


@dataclass(frozen=True)
class Glossary:
    """A loaded glossary file: header fields, concepts and a content hash."""

    id: str
    source_lang: str
    target_lang: str
    concepts: tuple[Concept, ...]
    path: str = ""
    sha256: str = ""
    description: str = ""
