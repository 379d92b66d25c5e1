"""Hand-kept tables for the generated place glossaries (`tqcheck glossary build places`).

CLDR (through Babel) gives the names; these tables give what CLDR does not: news-style
English, the alternative names Babel's import drops, a few capitals that are not time-zone
exemplar cities, and the source forms left out because they are also legitimate English.
Editing a table means regenerating the shipped files (docs/glossary.md, "Place glossaries").
"""

from __future__ import annotations

# Territory codes that are not places a news story names as such: organisations and
# currency areas (EU, EZ, UN), statistical and pseudo regions (QO, XA, XB, ZZ), and
# uninhabited or purely administrative groupings.
SKIPPED_TERRITORIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "UM", "BV", "HM", "CP", "DG", "TF", "IO"}
)

# Time zones whose exemplar city is not a city a reader would look for (research stations,
# US county seats written "Beulah, North Dakota").
SKIPPED_ZONE_PREFIXES = (
    "Etc/",
    "Antarctica/",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
)

# CLDR English -> the form English news uses (AP, Reuters, BBC). "&" -> "and" and
# "St." -> "Saint" in country names are applied to every name (`news_english`).
ENGLISH_NAMES: dict[str, str] = {
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",  # the hand-written glossaries prefer it, admitting Czechia
    "HK": "Hong Kong",
    "MM": "Myanmar",
    "MO": "Macau",
    "PS": "Palestinian territories",
    "TL": "East Timor",
    "VC": "Saint Vincent and the Grenadines",
    # AP and Reuters still write Turkey (the UN and CLDR use Türkiye since 2022); the
    # hand-written glossaries prefer Turkey and never flag Türkiye.
    "TR": "Turkey",
}

# English names a place also has in news copy: CLDR's English alternatives (which Babel's
# import drops), older and colloquial names. Never suggested; a source form equal to one
# of them, or to a run of their words, is not a leak.
ENGLISH_ALSO: tuple[str, ...] = (
    # CLDR en alt="short"/"variant" (cldr-json localenames, en/territories.json)
    "US", "UK", "Congo (DRC)", "Congo (Republic)", "Ivory Coast", "Czech Republic", "Macao",
    "Palestine", "Swaziland", "East Timor", "Turkey", "Falkland Islands (Islas Malvinas)",
    "Aotearoa New Zealand", "UN", "British Indian Ocean Territory", "Chagos Archipelago",
    # older or colloquial English names still in print
    "Burma", "Holland", "Britain", "Great Britain", "England", "Scotland", "Wales",
    "Northern Ireland", "Macedonia", "Zaire", "Persia", "Ceylon", "Siam", "Bombay",
    "Calcutta", "Madras", "Rangoon", "Saigon", "Canton", "Peking", "Formosa", "Kampuchea",
    "Dahomey", "Upper Volta", "Rhodesia", "Bechuanaland", "Abyssinia", "Cape Town",
)  # fmt: skip

# CLDR alt="short"/"variant" territory names, which Babel's CLDR import drops: transcribed
# from CLDR's cldr-json localenames (main/<lang>/territories.json, CLDR 45-47, whose main
# names match Babel 2.18's). They go through the same precision filters as Babel's names,
# so the English ones ("USA", "UK", "Swaziland", "Türkiye") drop out there.
ALT_TERRITORIES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "US": ("EE. UU.",), "GB": ("RU",), "CI": ("Costa de Marfil",),
        "CZ": ("República Checa",), "SZ": ("Suazilandia",), "TL": ("Timor Oriental",),
        "PS": ("Palestina",), "MO": ("Macao",),
    },
    "fr": {
        "US": ("É.-U.",), "GB": ("R.-U.",), "CG": ("République du Congo",),
        "CI": ("République de Côte d’Ivoire",), "CZ": ("République tchèque",),
        "SZ": ("Swaziland",), "TL": ("Timor-Oriental",), "TR": ("Türkiye",),
        "PS": ("Palestine",), "MO": ("Macao",),
    },
    "pt": {
        "US": ("EUA",), "CD": ("República Democrática do Congo",), "CG": ("Congo",),
        "CI": ("Côte d’Ivoire",), "CZ": ("República Tcheca",), "SZ": ("Suazilândia",),
        "TL": ("República Democrática de Timor-Leste",), "PS": ("Palestina",),
        "MO": ("Macau",),
    },
    "de": {
        "US": ("USA",), "GB": ("UK",), "CI": ("Elfenbeinküste",),
        "CZ": ("Tschechische Republik",), "SZ": ("Swasiland",), "TL": ("Osttimor",),
        "PS": ("Palästina",), "HK": ("Hongkong",), "MO": ("Macau",),
    },
    "it": {
        "US": ("USA",), "GB": ("UK",), "CI": ("Côte d’Ivoire",), "CZ": ("Repubblica Ceca",),
        "SZ": ("Regno di Eswatini",), "TL": ("Timor Leste",), "TR": ("Türkiye",),
        "PS": ("Palestina",), "MO": ("Macao",),
    },
}  # fmt: skip

# Regional CLDR locales read with a source language: European Portuguese spells many names
# differently from Brazilian ("Irão"/"Irã", "Moscovo"/"Moscou").
REGIONAL_LOCALES: dict[str, tuple[str, ...]] = {"pt": ("pt_PT",)}

# Capitals, news cities and a province that are not CLDR time-zone exemplar cities (CLDR
# has no list of capitals): English name -> the standard exonym per language (FundéuRAE, Duden,
# Treccani, Ciberdúvidas, Larousse usage). A language missing here writes it as English.
EXTRA_PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "Beijing": {"es": ("Pekín",), "fr": ("Pékin",), "pt": ("Pequim",), "de": ("Peking",),
                "it": ("Pechino",)},
    "New Delhi": {"es": ("Nueva Delhi",), "pt": ("Nova Deli", "Nova Délhi"),
                  "de": ("Neu-Delhi",), "it": ("Nuova Delhi",)},
    "The Hague": {"es": ("La Haya",), "fr": ("La Haye",), "pt": ("Haia",),
                  "de": ("Den Haag",), "it": ("L’Aia",)},
    "Geneva": {"es": ("Ginebra",), "fr": ("Genève",), "pt": ("Genebra",), "de": ("Genf",),
               "it": ("Ginevra",)},
    "Bern": {"es": ("Berna",), "pt": ("Berna",), "it": ("Berna",)},
    "Munich": {"es": ("Múnich",), "pt": ("Munique",), "de": ("München",),
               "it": ("Monaco di Baviera",)},
    "Cologne": {"pt": ("Colônia",), "de": ("Köln",)},
    "Venice": {"es": ("Venecia",), "fr": ("Venise",), "pt": ("Veneza",), "de": ("Venedig",),
               "it": ("Venezia",)},
    "Milan": {"es": ("Milán",), "pt": ("Milão",), "de": ("Mailand",)},
    "Florence": {"pt": ("Florença",), "de": ("Florenz",),
                 "it": ("Firenze",)},
    "Naples": {"es": ("Nápoles",), "pt": ("Nápoles",), "de": ("Neapel",)},
    "Saint Petersburg": {"es": ("San Petersburgo",), "fr": ("Saint-Pétersbourg",),
                         "pt": ("São Petersburgo",), "de": ("Sankt Petersburg",),
                         "it": ("San Pietroburgo",)},
    "Cape Town": {"es": ("Ciudad del Cabo",), "fr": ("Le Cap",), "pt": ("Cidade do Cabo",),
                  "de": ("Kapstadt",), "it": ("Città del Capo",)},
    "Edinburgh": {"es": ("Edimburgo",), "fr": ("Édimbourg",), "pt": ("Edimburgo",),
                  "it": ("Edimburgo",)},
    # A province whose source name contains a country's after a hyphen: without it the
    # source "Colombie-Britannique" would make TQ501 demand Colombia.
    "British Columbia": {"fr": ("Colombie-Britannique",), "de": ("Britisch-Kolumbien",)},
    "Strasbourg": {"es": ("Estrasburgo",), "pt": ("Estrasburgo",), "de": ("Straßburg",),
                   "it": ("Strasburgo",)},
}  # fmt: skip

# Ids of the hand-written glossaries that are not the slug of the English name.
IDS: dict[str, str] = {"United States": "place.us"}

# Source forms left out although CLDR has them, because they are legitimate in English
# news: English words, given names and surnames, other places of the same name, club and
# brand names. Found by searching each candidate in English dictionaries, GeoNames city
# names and the English news of ../shared/eval (docs/glossary.md, "Place glossaries").
_OLDER_ENGLISH = "an older English spelling, still in print (history, fixed names)"
_ENGLISH_NOW = "an English spelling in current use"
_GIVEN_NAME = "a given name or surname in English news"
DROPPED: dict[str, str] = {
    # English spellings of the same place
    "Aktau": _ENGLISH_NOW,
    "Aktobe": _ENGLISH_NOW,
    "Kyzylorda": _ENGLISH_NOW,
    "Tirana": _ENGLISH_NOW + " (AP)",
    "Ulan Bator": _ENGLISH_NOW,
    "Ekaterinburg": _ENGLISH_NOW,
    "Katmandu": _ENGLISH_NOW,
    "Erevan": _ENGLISH_NOW,
    "Hongkong": _OLDER_ENGLISH + " (HSBC)",
    "Bagdad": _OLDER_ENGLISH,
    "Dacca": _OLDER_ENGLISH,
    "Koweit": _OLDER_ENGLISH,
    "Manaos": _OLDER_ENGLISH,
    "Mogadiscio": _OLDER_ENGLISH,
    "Porto Rico": _OLDER_ENGLISH,
    "Ruanda": _OLDER_ENGLISH + " (Ruanda-Urundi)",
    "Soudan": _OLDER_ENGLISH,
    "Surinam": _OLDER_ENGLISH + " (Surinam toad)",
    "Tallin": _OLDER_ENGLISH,
    "Teheran": _OLDER_ENGLISH + " (Teheran Conference)",
    "Tiflis": _OLDER_ENGLISH,
    "Alma Ata": _OLDER_ENGLISH + " (Alma-Ata Declaration)",
    "Cameroun": _OLDER_ENGLISH,
    "Luxemburg": _OLDER_ENGLISH + "; Rosa Luxemburg",
    "Moldavia": "English name of the historical principality and the Romanian region",
    "Bermudas": "English: the Bermudas, bermuda shorts",
    # given names and surnames
    "Mauricio": _GIVEN_NAME,
    "Maurício": _GIVEN_NAME,
    "Maurice": _GIVEN_NAME,
    "Dominique": _GIVEN_NAME,
    "Adem": _GIVEN_NAME,
    "Marchesi": _GIVEN_NAME,
    "Pasqua": _GIVEN_NAME + " (Charles Pasqua)",
    "Kuba": _GIVEN_NAME + "; the Kuba Kingdom",
    "Alger": _GIVEN_NAME + " (Horatio Alger)",
    # other places and names that English writes the same way
    "Granada": "Granada (Spain, Nicaragua); Granada CF",
    "Guadalupe": "Guadalupe (Mexico, US counties); Our Lady of Guadalupe",
    "Belén": "Spanish for Bethlehem as well as Belém; towns in Argentina",
    "Vienne": "Vienne, the French city and river",
    "Tucumã": "a Brazilian town",
    "Monserrate": "Monserrate (Bogotá, Sintra)",
    "Roma": "the Roma people; AS Roma",
    "Venezia": "Venezia FC",
    "Firenze": "kept in English names (Firenze Santa Maria Novella)",
    "Germania": "English: the Roman name (Tacitus), the airline",
    "Navidad": "Feliz Navidad",
    "Le Cap": "French phrase (mettre le cap); Le Cap d'Agde",
    "Baía": "Portuguese for bay in names (Baía de Guanabara)",
    # English words
    "Argentine": "English adjective",
    "Maldive": "English adjective (Maldive Islands)",
    "Chili": "English word (chili)",
    "Grenade": "English word (grenade)",
    "Tunes": "English word (tunes)",
    "Marquises": "English word (marquises)",
    "Macassar": "English word (macassar oil)",
    "Manille": "English word (manille)",
    "Cipro": "English word (the antibiotic)",
    "Cambogia": "English (garcinia cambogia)",
    "Seul": "French word (seul), as in the hand-written es-en entry for Seúl",
    "Talim": "English loanword (talim, education) and a Philippine island",
    "EUA": "English acronym (EU Allowance, carbon trading)",
    "USA": "English",
    # German plurals of the people: a source "die Ungarn" (the Hungarians) would make TQ501
    # demand the country in the translation
    "Schweden": "also the Swedes (die Schweden)",
    "Ungarn": "also the Hungarians (die Ungarn)",
}

# Phrases in which a generated source form is a name, not a leak (by English place name).
EXCEPTIONS: dict[str, tuple[str, ...]] = {
    "Italy": (
        "Forza Italia",
        "Fratelli d'Italia",
        "Italia Viva",
        "Giro d'Italia",
        "Miss Italia",
        "Banca d'Italia",
        "Radio Italia",
        "Italia Nostra",
    ),
    "Brazil": ("Banco do Brasil", "Agência Brasil"),
    "Spain": ("Banco de España", "Radio Nacional de España", "Marca España"),
    "Germany": ("Alternative für Deutschland", "Deutschland über alles"),
    "Switzerland": ("Credit Suisse", "Suisse Romande"),
    "Morocco": ("Royal Air Maroc", "Maroc Telecom"),
    "Azores": ("Air Açores",),
    "Cameroon": ("German Kamerun",),
}

# Other English names accepted for a place (never flagged, and they count as a rendering
# for TQ501): CLDR's English name where news style differs, and common variants.
ADMITTED: dict[str, tuple[str, ...]] = {
    "Democratic Republic of Congo": ("Democratic Republic of the Congo", "DR Congo"),
    "Republic of Congo": ("Republic of the Congo", "Congo-Brazzaville"),
    "Ivory Coast": ("Côte d’Ivoire",),
    "East Timor": ("Timor-Leste",),
    "Macau": ("Macao",),
    "Palestinian territories": ("Palestine",),
    "Eswatini": ("Swaziland",),
    "Cape Verde": ("Cabo Verde",),
    "Vatican City": ("Vatican",),
    "Saint Barthélemy": ("St. Barthélemy", "St. Barts"),
    "Saint Helena": ("St. Helena",),
    "Saint Kitts and Nevis": ("St. Kitts and Nevis",),
    "Saint Lucia": ("St. Lucia",),
    "Saint Martin": ("St. Martin",),
    "Saint Pierre and Miquelon": ("St. Pierre and Miquelon",),
    "Saint Vincent and the Grenadines": ("St. Vincent and the Grenadines",),
}
