"""Build the generated actor data files from ../shared/data.

    python -m lagebild.actors.build_dictionary [--shared PATH] [--out DIR]

Writes three files into ``src/lagebild/actors/data/`` (they are committed, so
the package works without ``../shared``):

``states.tsv``
    every country of the gazetteers: ISO codes, German short and official
    names, capitals. Sources: mledoze/countries (German translations, ODbL
    1.0), umpirsky/country-list (German names, MIT), GeoNames countryInfo
    (codes, capitals, CC BY 4.0).
``people.tsv``
    every person of the Phoenix actor dictionaries with their date-bounded
    CAMEO codes, one row per (person, code period). Source: PETRARCH2
    Phoenix dictionaries (MIT, Open Event Data Alliance).
``organisations_phoenix.tsv``
    the institutions, IGOs, NGOs, companies and armed groups of the same
    dictionaries with their CAMEO codes.

Only facts (names, codes, dates) are carried over. Our own German knowledge
lives in the hand-written files beside them (``states_de.tsv``,
``state_metonyms.tsv``, ``organisations.tsv``, ``people_extra.tsv``,
``titles.yaml``, ``agents.yaml``), which this script never touches. The
output is sorted and deterministic, so a rebuild shows as a clean diff.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .codes import CAMEO_TO_ISO, annotation_sector, cameo_to_annotation
from .dictionary import DATA_DIR, fold_name, slug
from .petrarch_format import ActorRecord, Restriction, parse_actor_file

PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

# Codes of countries that no longer exist or have no ISO code, as CAMEO has them.
HISTORICAL = ("SUN", "DDR", "CSK", "YUG", "SCG", "KSV", "XKX")

# Capitals that are also common given names or ambiguous place names.
CAPITAL_STOPLIST = frozenset(
    {"Victoria", "City of Victoria", "Kingston", "Hamilton", "Douglas", "Jamestown", "Georgetown"}
)
# Kinds of the gazetteer entries that are states (or act as such in news).
STATE_LIKE = frozenset({"PSE", "TWN", "XKX", "ESH"})

# Words that make a Phoenix phrase a title, an institution or a group, not a
# person's name. (Used only for phrases without a "CountryInfo" origin.)
_ORG_WORDS = frozenset(
    """
    ARMY FORCE FORCES MINISTRY MINISTRIES PARTY COUNCIL ASSEMBLY COMMITTEE NATIONAL REPUBLIC
    GOVERNMENT POLICE COURT FRONT UNION BANK DEPARTMENT OFFICE AGENCY COMMISSION ORGANIZATION
    ORGANISATION ASSOCIATION FEDERATION INSTITUTE INSTITUTION FOUNDATION FUND PROGRAM PROGRAMME
    MOVEMENT ALLIANCE COALITION BRIGADE BRIGADES BATTALION REGIMENT DIVISION CORPS GUARD GUARDS
    MILITIA MILITIAS GROUP GROUPS LEAGUE SOCIETY CENTER CENTRE COMPANY CORPORATION CORP INC LTD
    LLC PLC HOLDINGS INTERNATIONAL INDUSTRIES SYSTEMS AIRLINES AIRWAYS CONGRESS SENATE PARLIAMENT
    CABINET PRESIDENCY PALACE HOUSE MISSION SECRETARIAT TRIBUNAL BOARD AUTHORITY ADMINISTRATION
    SERVICE SERVICES NETWORK NEWS TIMES POST PRESS RADIO TELEVISION JOURNAL REGION PROVINCE
    STATES ISLANDS ISLAND CITY DISTRICT TERRITORY TERRITORIES KINGDOM EMIRATE UNIVERSITY
    COLLEGE SCHOOL HOSPITAL CHURCH LIBERATION REVOLUTIONARY RESISTANCE MUJAHIDEEN TALIBAN
    QAEDA COMMUNIST SOCIALIST DEMOCRATIC PEOPLE PEOPLES PEOPLE'S UNITED OF THE AND FOR
    COMMAND COMMANDO CELL CELLS NUCLEI NUCLEUS ARMED ACTION SQUAD SQUADS COLLECTIVE
    """.split()
)
# Title words: a phrase starting with one of them is a title phrase in English
# ("PRESIDENT OBAMA"); such aliases are dropped, such primaries are not persons.
_TITLE_WORDS = frozenset(
    """
    PRESIDENT PRESIENT VICE PRIME PM CHANCELLOR KANZLER BUNDESKANZLER MINISTER FOREIGN DEFENSE
    DEFENCE SECRETARY SECRETARY-GENERAL SEC SEC. UN U.N. UNITED GERMAN AMERICAN US U.S. BRITISH
    FRENCH RUSSIAN CHINESE KING QUEEN GENERAL GEN GEN. SENATOR SEN. REP. GOVERNOR MAYOR JUDGE
    AMBASSADOR ADMIRAL COLONEL COL. CAPTAIN LT. MAJOR DR. MR. MRS. MS. CHIEF LEADER COMMANDER
    SPEAKER CHAIRMAN DEPUTY FORMER EX EX- ACTING INTERIM OPPOSITION REBEL COMMUNIST MOSCOW
    PARTY SPOKESMAN SPOKESWOMAN ENVOY DIRECTOR HEAD PREMIER EMPEROR SUPREME THE MR MR.
    PRESIDENT-ELECT PRIME-MINISTER SECRETARY-GENERAL'S LATE SHEIK
    """.split()
)
# Words that make an alias of a person a name of their government or camp.
_GROUP_WORDS = frozenset("ADMINISTRATION GOVERNMENT CABINET REGIME CAMP SUPPORTERS LOYALISTS FORCES".split())


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # code, country, CAMEO role, start, end


@dataclass
class Org:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    cameo: str = ""
    code: str = ""
    sector: str = ""
    kind: str = ""
    start: str = ""
    end: str = ""


# ---------------------------------------------------------------------------
# names

_LOWER_PARTICLES = frozenset(
    "of the and for in on to at by with de del della di du des la le les da do dos das von van "
    "der den y e et und bin ben ibn al el ul ud zu".split()
)


def _cap_word(word: str) -> str:
    """HAFIZULLAH → Hafizullah, O'BRIEN → O'Brien, MCCAIN → McCain, KI-MOON → Ki-Moon."""
    out = []
    for part in re.split(r"([-'’])", word):
        if part in ("-", "'", "’") or not part:
            out.append(part)
            continue
        low = part.lower()
        cap = low[:1].upper() + low[1:]
        if len(low) > 3 and low.startswith("mc"):
            cap = "Mc" + low[2:3].upper() + low[3:]
        out.append(cap)
    return "".join(out)


def display_name(phrase: str, acronyms: bool = False) -> str:
    """A readable form of an upper-case Phoenix phrase.

    Particles are lower case except at the start (``Bashar al-Assad``);
    with ``acronyms``, short tokens without vowels stay upper case (``FBI``).
    """
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if any(c.islower() for c in w):
            out.append(w)  # already mixed case (rare in Phoenix)
        elif acronyms and (("." in w and len(w) <= 6) or (len(w) <= 5 and not re.search(r"[AEIOUY]", w))):
            out.append(w)
        elif acronyms and len(words) == 1 and len(w) <= 6:
            out.append(w)
        elif i > 0 and low in _LOWER_PARTICLES:
            out.append(low)
        elif i > 0 and re.match(r"^(AL|EL)-", w):
            out.append(low[:3] + _cap_word(w[3:]))
        else:
            out.append(_cap_word(w))
    return " ".join(out)


def _usable(name: str) -> bool:
    return bool(name) and "\ufffd" not in name and any(c.isalpha() for c in name)


# ---------------------------------------------------------------------------
# classification of Phoenix records


def _tokens(phrase: str) -> list[str]:
    return phrase.replace("-", " ").split()


def _is_title_phrase(phrase: str) -> bool:
    toks = phrase.split()
    return bool(toks) and toks[0] in _TITLE_WORDS


def _strip_titles(phrase: str) -> str:
    """PRESIDENT BARACK OBAMA → BARACK OBAMA; UN SECRETARY-GENERAL BAN KI-MOON → BAN KI-MOON."""
    toks = phrase.split()
    while toks and (toks[0] in _TITLE_WORDS or toks[0] in ("NATIONS", "STATES", "OF", "GENERAL")):
        toks.pop(0)
    return " ".join(toks)


def _person_like(phrase: str) -> bool:
    toks = _tokens(phrase)
    return 2 <= len(toks) <= 5 and not any(t in _ORG_WORDS or t in _GROUP_WORDS for t in toks)


def _person_from_title_record(rec: ActorRecord) -> list[str] | None:
    """For a record whose primary is a title phrase (SECRETARY-GENERAL BAN
    KI-MOON), the person's names with the first plain one as primary; None
    when no name is left (UN SECRETARY GENERAL)."""
    names = [_strip_titles(n) for n in rec.names]
    plain = [n for n in names if n and _person_like(n)]
    if not plain:
        return None
    return list(dict.fromkeys(plain))


def classify(rec: ActorRecord, countries: set[str]) -> str:
    """'person', 'org', 'place', 'title' or 'nocode'."""
    codes = [r.code for r in rec.restrictions if r.code != "---"]
    if not codes:
        return "nocode"
    # places and country entries: only bare country codes or territory codes (USAVIR)
    bare = all(len(c) == 3 and c in countries for c in codes) or all(
        len(c) == 6 and c[:3] in countries and c[3:] in countries | {"OCC", "UNR", "UNO"} for c in codes
    )
    if bare:
        return "place"
    if any(c.startswith("MNC") for c in codes):
        return "org"
    if _is_title_phrase(rec.primary):
        return "title"
    toks = _tokens(rec.primary)
    from_countryinfo = any("CountryInfo" in c for c in rec.comments)
    from_igo_rulers = any("IGOrulers" in c for c in rec.comments)
    if rec.source.startswith("Phoenix.Countries") and from_countryinfo:
        return "person"
    if any(t in _ORG_WORDS for t in toks) or not 2 <= len(toks) <= 7:
        return "org"
    if rec.source.startswith("Phoenix.Countries"):
        return "person"
    dated = any(not r.default for r in rec.restrictions)
    if rec.source.startswith("Phoenix.International"):
        igo = any(c.startswith("IGO") for c in codes)
        return "person" if (igo and (dated or from_igo_rulers)) or from_igo_rulers else "org"
    # MilNonState: group names dominate; a person is a record with dated codes
    return "person" if dated and len(toks) <= 5 else "org"


def _date(d) -> str:
    return d.isoformat() if d else ""


def _period_key(r: Restriction) -> tuple[str, str]:
    """Sorts periods by end, open end last, then by start."""
    return (r.end.isoformat() if r.end else "9999", r.start.isoformat() if r.start else "")


def _role_row(r: Restriction, countries: set[str]) -> tuple[str, str, str, str, str]:
    country, role = cameo_to_annotation(r.code, countries)
    return (r.code, country or "", role or "", _date(r.start), _date(r.end))


# ---------------------------------------------------------------------------
# builders


def load_countries(shared: Path) -> tuple[list[dict], set[str]]:
    gaz = shared / "gazetteers"
    mledoze = json.loads((gaz / "mledoze_countries" / "countries.json").read_text(encoding="utf-8"))
    with (gaz / "umpirsky_country_list_de" / "country.csv").open(encoding="utf-8") as fh:
        umpirsky = {row["id"]: row["value"] for row in csv.DictReader(fh)}
    geonames: dict[str, dict] = {}
    with (gaz / "geonames_countryinfo" / "geonames_countryInfo.txt").open(encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#ISO\t"):
                header = line[1:].rstrip("\n").split("\t")
                continue
            if line.startswith("#") or not line.strip() or header is None:
                continue
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            geonames[row["ISO3"]] = row
    rows = []
    for c in mledoze:
        iso3 = c["cca3"]
        if iso3 == "UNK":  # Kosovo: mledoze's placeholder; the common user-assigned code is XKX
            iso3 = "XKX"
        de = c.get("translations", {}).get("deu", {})
        name = de.get("common", "").strip()
        names = []
        for n in (name, umpirsky.get(c["cca2"], "")):
            n = n.strip()
            if n and "(" not in n and n not in names:
                names.append(n)
        official = de.get("official", "").strip().rstrip(",;. ")
        independent = bool(c.get("independent"))
        kind = "state" if independent else ("partial" if iso3 in STATE_LIKE else "territory")
        capitals: list[str] = []
        if kind in ("state", "partial"):
            gn = geonames.get(iso3, {}).get("Capital", "")
            for cap in [gn, *c.get("capital", [])]:
                cap = cap.strip()
                if cap and cap not in CAPITAL_STOPLIST and cap not in capitals:
                    capitals.append(cap)
        rows.append(
            {
                "code": iso3,
                "iso2": c["cca2"],
                "kind": kind,
                "name": names[0] if names else name,
                "names": names[1:],
                "official": [official] if official and official not in names else [],
                "capitals": capitals,
            }
        )
    rows.sort(key=lambda r: r["code"])
    countries = {r["code"] for r in rows} | set(HISTORICAL) | set(geonames)
    return rows, countries


def build_people_and_orgs(
    shared: Path, countries: set[str], warnings: list[str]
) -> tuple[list[Person], list[Org], Counter]:
    stats: Counter = Counter()
    people: dict[str, Person] = {}
    orgs: dict[str, Org] = {}
    base = shared / "petrarch2_dictionaries"
    for fname in PHOENIX_FILES:
        for rec in parse_actor_file(base / fname, warnings):
            kind = classify(rec, countries)
            stats[f"{fname}:{kind}"] += 1
            names = [n for n in rec.names if _usable(n)]
            if kind == "title":
                found = _person_from_title_record(rec)
                if found is not None and any(len(r.code) >= 6 for r in rec.restrictions):
                    kind, names = "person", [n for n in found if _usable(n)]
                    stats["title phrase read as person"] += 1
            if not names:
                continue
            if kind == "person":
                primary = display_name(names[0])
                pid = slug(primary)
                person = people.get(pid)
                if person is None:
                    person = people[pid] = Person(pid, primary)
                seen = {fold_name(person.name), *map(fold_name, person.aliases)}
                for alias in names[1:]:
                    if _is_title_phrase(alias):
                        alias = _strip_titles(alias)
                    if not alias or any(t in _GROUP_WORDS for t in _tokens(alias)):
                        stats["alias dropped"] += 1
                        continue
                    shown = display_name(alias)
                    key = fold_name(shown)
                    if key and key not in seen:
                        seen.add(key)
                        person.aliases.append(shown)
                for r in rec.restrictions:
                    if r.code == "---":
                        continue
                    row = _role_row(r, countries)
                    if row not in person.roles:
                        person.roles.append(row)
            elif kind == "org":
                # one code per organisation: its default, else the latest period
                codes = [r for r in rec.restrictions if r.code != "---"]
                chosen = next((r for r in codes if r.default), None) or max(codes, key=_period_key)
                primary = display_name(names[0], acronyms=True)
                oid = slug(primary)
                org = orgs.get(oid)
                if org is None:
                    country, role = cameo_to_annotation(chosen.code, countries)
                    sector = annotation_sector(role)
                    first = chosen.code[:3]
                    okind = {
                        "IGO": "igo",
                        "NGO": "ngo",
                        "NGM": "ngo",
                        "MNC": "company",
                        "IMG": "armed",
                    }.get(first)
                    if okind is None:
                        okind = "armed" if role in ("REB", "UAF", "INS", "SEP") else "institution"
                    org = orgs[oid] = Org(
                        oid,
                        primary,
                        cameo=chosen.code,
                        code=country or "",
                        sector=sector or "",
                        kind=okind,
                        start=_date(chosen.start),
                        end=_date(chosen.end),
                    )
                seen = {fold_name(org.name), *map(fold_name, org.aliases)}
                for alias in names[1:]:
                    shown = display_name(alias, acronyms=True)
                    key = fold_name(shown)
                    if key and key not in seen:
                        seen.add(key)
                        org.aliases.append(shown)
    for person in people.values():
        kept = _drop_title_variants(person.name, person.aliases)
        stats["alias dropped"] += len(person.aliases) - len(kept)
        person.aliases = kept
    return sorted(people.values(), key=lambda p: p.id), sorted(orgs.values(), key=lambda o: o.id), stats


def _drop_title_variants(name: str, aliases: list[str]) -> list[str]:
    """Drop aliases that are another of the names with words in front
    (Soviet Leader Mikhail Gorbachev, Congressman Gerald R. Ford): the title
    stage reads such phrases; as names they only add noise."""
    keys = [fold_name(n).split() for n in [name, *aliases]]
    kept = []
    for alias, words in zip(aliases, keys[1:]):
        if "," in alias:
            continue
        longer_form = any(
            len(other) >= 2 and len(words) > len(other) and words[-len(other) :] == other for other in keys
        )
        if not longer_form:
            kept.append(alias)
    return kept


# ---------------------------------------------------------------------------
# writers

_PHOENIX_HEADER = """\
# Sources: PETRARCH2 Phoenix actor dictionaries (Phoenix.Countries.actors.txt,
#   Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt),
#   Copyright (c) 2014 Open Event Data Alliance, MIT License; read from
#   ../shared/data/petrarch2_dictionaries. Only facts are carried over: names,
#   CAMEO codes and the dates they hold.
# Generated by `python -m lagebild.actors.build_dictionary`: do not edit by hand;
#   put corrections into the hand-written files beside it (their rows win).
"""


def _join(values) -> str:
    return "|".join(v.replace("|", "/").replace("\t", " ") for v in values)


def write_tsv(path: Path, header_comment: str, columns: list[str], rows) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header_comment)
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def write_states(path: Path, rows: list[dict]) -> int:
    header = """\
# states.tsv: countries and territories with their German names.
# Sources: mledoze/countries (German short and official names; ODbL 1.0 —
#   this file, as a database derived from it, is available under the ODbL 1.0);
#   umpirsky/country-list, German list (short names; MIT);
#   GeoNames countryInfo.txt (ISO codes, capitals; CC BY 4.0, geonames.org).
# Generated by `python -m lagebild.actors.build_dictionary`: do not edit by hand.
#   Our own German knowledge (adjectives, demonyms, German capitals, short
#   forms, historical states) is in states_de.tsv; the loader merges both.
# Columns: code = ISO 3166-1 alpha-3 (XKX for Kosovo); kind = state |
#   partial (partly recognised) | territory; lists are separated by "|".
"""
    return write_tsv(
        path,
        header,
        ["code", "iso2", "kind", "name", "names", "official", "capitals"],
        (
            [r["code"], r["iso2"], r["kind"], r["name"], _join(r["names"]), _join(r["official"]), _join(r["capitals"])]
            for r in rows
        ),
    )


def write_people(path: Path, people: list[Person]) -> int:
    header = (
        "# people.tsv: persons of the Phoenix dictionaries with their date-bounded CAMEO codes.\n"
        + _PHOENIX_HEADER
        + """\
# One row per (person, code period), in the dictionary's order, which is the
#   order of precedence when periods overlap. A row without dates is the
#   person's default, used when no dated row applies (PETRARCH semantics).
#   Aliases stand on a person's first row; the loader joins the rows by id.
# Columns: code = CAMEO code; country = the annotation's code (ISO alpha-3 or
#   UN, EU, NATO …); sector = CAMEO role (GOV, MIL, ELI …); role = office
#   (empty here); start/end = ISO dates, inclusive, empty = open.
"""
    )
    rows = []
    for p in people:
        for i, (code, country, role, start, end) in enumerate(p.roles):
            rows.append([p.id, p.name if i == 0 else "", _join(p.aliases) if i == 0 else "", code, country, role, "", start, end])
    return write_tsv(path, header, ["id", "name", "aliases", "code", "country", "sector", "role", "start", "end"], rows)


def write_orgs(path: Path, orgs: list[Org]) -> int:
    header = (
        "# organisations_phoenix.tsv: institutions, IGOs, NGOs, companies and armed groups.\n"
        + _PHOENIX_HEADER
        + """\
# Names are the dictionaries' (mostly English); German names are in
#   organisations.tsv, whose rows win over these (same id or same name).
# Columns: cameo = CAMEO code; code = the annotation's code (ISO alpha-3 or
#   UN, EU, NATO …, empty = none); sector = annotation sector; kind = igo |
#   ngo | company | armed | institution; start/end = validity of the code.
"""
    )
    rows = (
        [o.id, o.name, _join(o.aliases), o.cameo, o.code, o.sector, o.kind, o.start, o.end] for o in orgs
    )
    return write_tsv(path, header, ["id", "name", "aliases", "cameo", "code", "sector", "kind", "start", "end"], rows)


def default_shared() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    return Path("../shared/data")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: the package's data/)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every warning of the Phoenix reader")
    args = ap.parse_args(argv)
    shared = args.shared or default_shared()
    if not (shared / "petrarch2_dictionaries").is_dir():
        print(f"shared data not found at {shared}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    states, countries = load_countries(shared)
    countries |= set(CAMEO_TO_ISO)
    warnings: list[str] = []
    people, orgs, stats = build_people_and_orgs(shared, countries, warnings)
    n_states = write_states(args.out / "states.tsv", states)
    n_people = write_people(args.out / "people.tsv", people)
    n_orgs = write_orgs(args.out / "organisations_phoenix.tsv", orgs)
    print(f"states.tsv: {n_states} rows")
    print(f"people.tsv: {n_people} rows, {len(people)} persons")
    print(f"organisations_phoenix.tsv: {n_orgs} rows")
    for key, n in sorted(stats.items()):
        print(f"  {key}: {n}")
    print(f"  reader warnings (restrictions skipped): {len(warnings)}")
    if args.verbose:
        for w in warnings:
            print("   ", w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
