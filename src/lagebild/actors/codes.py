"""CAMEO actor codes and the annotation's codes and sectors.

Two vocabularies meet here:

* **CAMEO** codes, as the PETRARCH/Phoenix dictionaries write them: 3-letter
  segments, a country (``DEU``) or an international type (``IGO``, ``NGO``,
  ``MNC``, ``IMG``) first, then roles (``GOV``, ``MIL``, ``ELI`` …) and
  sub-codes: ``DEUGOVEDU``, ``IGOUNOIAE``, ``PSEREBHMS``.
* the **annotation** (``../shared/docs/event-annotation.md``): ``code`` is an
  ISO 3166-1 alpha-3 country code or one of a fixed list of IGO codes
  (``UN``, ``EU``, ``NATO`` …); ``sector`` is one of a fixed list (``GOV``,
  ``MIL``, ``COP`` …) or null.

``cameo_to_annotation`` maps the first onto the second.
"""

from __future__ import annotations

__all__ = [
    "SECTORS",
    "IGO_CODES",
    "CAMEO_ROLES",
    "CAMEO_TO_ISO",
    "annotation_sector",
    "cameo_to_annotation",
]

#: Sectors of the annotation guidelines (event-annotation.md).
SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY OPP REB SEP MED BUS LAB CVL NGO REL EDU HLH SPY CRM".split()
)

#: Codes the annotation uses for international bodies.
IGO_CODES = frozenset(
    "UN EU NATO AU ASEAN OSCE IAEA WHO G7 G8 G20 OPEC ARABLEAGUE ICC IMF WORLDBANK "
    "WTO ICRC COE OAS UNSC".split()
)

#: CAMEO role and sub-role segments (Phoenix.agents.txt and the CAMEO manual).
CAMEO_ROLES = frozenset(
    (
        "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI LEG LAB REF HLH AGR "
        "DEV ENV HRI UAF INS RAD REL SEP MOD IGO NGO NGM IMG MNC UIS AMN IRC MSF "
        "CHR MUS JEW BUD HIN CTH PRO ORT SHI SUN SFI ZRO DOX ITH JAN MOS ALE"
    ).split()
)

#: CAMEO (Phoenix) country codes that differ from the annotation's ISO codes.
CAMEO_TO_ISO = {"KSV": "XKX", "TMP": "TLS", "FRY": "SCG", "USR": "SUN"}

# The longest matching prefix of a CAMEO international code gives the
# annotation's code (IGO agencies of the UN other than IAEA and WHO are "UN").
_IGO_PREFIXES = sorted(
    {
        "IGOUNOIAE": "IAEA",
        "IGOUNOHLHWHO": "WHO",
        "IGOUNODEVWBK": "WORLDBANK",
        "IGOUNO": "UN",
        "IGOEUREEC": "EU",
        "IGOEURCOE": "COE",
        "IGOEURSCE": "OSCE",
        "IGOWSTNAT": "NATO",
        "IGOAFRAFU": "AU",
        "IGOSEAASN": "ASEAN",
        "IGOGOS": "G7",
        "IGOGOE": "G8",
        "IGOBUSGOE": "G8",
        "IGOBUSGTW": "G20",
        "IGOOPC": "OPEC",
        "IGOMEAARL": "ARABLEAGUE",
        "IGOJUDICC": "ICC",
        "IGOBUSIMF": "IMF",
        "IGOBUSWTO": "WTO",
        "IGOOAS": "OAS",
        "NGOHLHIRC": "ICRC",
    }.items(),
    key=lambda kv: -len(kv[0]),
)

# CAMEO roles outside the annotation's sector list.
_ROLE_TO_SECTOR = {
    "ELI": None,  # former officials and other elites: no sector
    "REF": "CVL",
    "AGR": "CVL",
    "UAF": "REB",
    "INS": "REB",
    "IMG": "REB",
    "NGM": "NGO",
    "HRI": "NGO",
    "MNC": "BUS",
    "RAD": "REL",
    "CHR": "REL",
    "MUS": "REL",
    "JEW": "REL",
    "BUD": "REL",
    "HIN": "REL",
    "IGO": None,
    "UIS": None,
    "DEV": None,
    "ENV": None,
    "MOD": None,
}

_INTERNATIONAL = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"})


def annotation_sector(cameo_role: str | None) -> str | None:
    """A CAMEO role segment (``GOV``, ``ELI``, ``REF`` …) as an annotation sector."""
    if not cameo_role:
        return None
    if cameo_role in SECTORS:
        return cameo_role
    return _ROLE_TO_SECTOR.get(cameo_role)


def _segments(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def cameo_to_annotation(
    code: str, countries: frozenset[str] | set[str] = frozenset()
) -> tuple[str | None, str | None]:
    """``(annotation code, CAMEO role)`` of a CAMEO actor code.

    ``countries`` is the set of known 3-letter country codes (ISO and the
    historical ones); a first segment outside it (a region such as ``MEA``)
    gives no country. The role is the first role segment (``GOV`` for
    ``DEUGOVEDU``); a government segment followed by ``LEG``, ``COP`` or
    ``SPY`` is that more specific role (a parliament coded ``USAGOVLEG``).

    >>> cameo_to_annotation("DEUGOVEDU", {"DEU"})
    ('DEU', 'GOV')
    >>> cameo_to_annotation("IGOUNOIAE")
    ('IAEA', None)
    >>> cameo_to_annotation("KSVGOV", {"KSV"})
    ('XKX', 'GOV')
    """
    code = code.strip().upper()
    if not code or code.startswith("-"):
        return None, None
    segs = _segments(code)
    first = segs[0]
    if first in _INTERNATIONAL:
        country = None
        for prefix, igo in _IGO_PREFIXES:
            if code.startswith(prefix):
                country = igo
                break
        if first == "MNC":
            # multinationals: MNC + home country
            home = segs[1] if len(segs) > 1 else None
            country = CAMEO_TO_ISO.get(home, home) if home in countries else None
            return country, "BUS"
        if first == "IGO":
            return country, None
        if first in ("NGO", "NGM"):
            return country, "NGO"
        if first == "IMG":
            return None, "REB"
        return country, None
    if first in CAMEO_ROLES and first not in countries:
        rest = segs
        country = None
    else:
        country = CAMEO_TO_ISO.get(first, first) if first in countries or first in CAMEO_TO_ISO else None
        rest = segs[1:]
    role = None
    for i, seg in enumerate(rest):
        if seg in CAMEO_ROLES:
            role = seg
            if seg == "GOV" and i + 1 < len(rest) and rest[i + 1] in ("LEG", "COP", "SPY"):
                role = rest[i + 1]
            break
    return country, role
