"""Synthetic actor/quote/event layers for testing and benchmarking the web layer.

NOT the analysis: a handful of regular expressions that put plausible,
contract-shaped `entities`, `actors`, `quotes` and `events` on a record, so
that the API and the dashboard can be tested and measured before (and
independently of) the real layers. `annotate_store()` rewrites the records
of a store with them; nothing in the pipeline uses this module.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# surface → (canonical name, kind, code, sector, entity label)
LEXICON = {
    "Tillerson": ("Rex Tillerson", "person", "USA", "GOV", "PER"),
    "Mattis": ("Jim Mattis", "person", "USA", "GOV", "PER"),
    "Trump": ("Donald Trump", "person", "USA", "GOV", "PER"),
    "Obama": ("Barack Obama", "person", "USA", "GOV", "PER"),
    "Kim": ("Kim Jong Un", "person", "PRK", "GOV", "PER"),
    "Merkel": ("Angela Merkel", "person", "DEU", "GOV", "PER"),
    "Putin": ("Wladimir Putin", "person", "RUS", "GOV", "PER"),
    "Selenskyj": ("Wolodymyr Selenskyj", "person", "UKR", "GOV", "PER"),
    "Macron": ("Emmanuel Macron", "person", "FRA", "GOV", "PER"),
    "USA": ("USA", "state", "USA", None, "GPE"),
    "Washington": ("USA", "state", "USA", None, "GPE"),
    "Japan": ("Japan", "state", "JPN", None, "GPE"),
    "Nordkorea": ("Nordkorea", "state", "PRK", None, "GPE"),
    "Pjöngjang": ("Nordkorea", "state", "PRK", None, "GPE"),
    "China": ("China", "state", "CHN", None, "GPE"),
    "Peking": ("China", "state", "CHN", None, "GPE"),
    "Russland": ("Russland", "state", "RUS", None, "GPE"),
    "Moskau": ("Russland", "state", "RUS", None, "GPE"),
    "Ukraine": ("Ukraine", "state", "UKR", None, "GPE"),
    "Deutschland": ("Deutschland", "state", "DEU", None, "GPE"),
    "Frankreich": ("Frankreich", "state", "FRA", None, "GPE"),
    "Israel": ("Israel", "state", "ISR", None, "GPE"),
    "Iran": ("Iran", "state", "IRN", None, "GPE"),
    "Türkei": ("Türkei", "state", "TUR", None, "GPE"),
    "Irak": ("Irak", "state", "IRQ", None, "GPE"),
    "Afghanistan": ("Afghanistan", "state", "AFG", None, "GPE"),
    "Syrien": ("Syrien", "state", "SYR", None, "GPE"),
    "Belarus": ("Belarus", "state", "BLR", None, "GPE"),
    "Hongkong": ("Hongkong", "state", "HKG", None, "GPE"),
    "Philippinen": ("Philippinen", "state", "PHL", None, "GPE"),
    "EU": ("Europäische Union", "organisation", "EU", None, "ORG"),
    "NATO": ("NATO", "organisation", "NATO", None, "ORG"),
    "Nato": ("NATO", "organisation", "NATO", None, "ORG"),
    "UN": ("Vereinte Nationen", "organisation", "UN", None, "ORG"),
    "Sicherheitsrat": ("UN-Sicherheitsrat", "organisation", "UNSC", None, "ORG"),
    "Hamas": ("Hamas", "group", None, "REB", "ORG"),
    "Polizei": ("Polizei", "group", None, "COP", "ORG"),
}
_NAMES = re.compile(r"\b(" + "|".join(sorted(map(re.escape, LEXICON), key=len, reverse=True)) + r")(?:s|\b)")

# trigger stem → (PLOVER type, mode, CAMEO, goldstein)
TRIGGERS = [
    (r"droh\w*|gedroht", ("THREATEN", "violence", "138", -7.0)),
    (r"warn\w*", ("THREATEN", None, "130", -4.4)),
    (r"kritisier\w*|verurteil\w*|vorgeworfen|wirft\w*", ("ACCUSE", "disapprove", "111", -2.0)),
    (r"zusammen|trafen|treffen|Treffen|Gipfel\w*|Gespräch\w*|verhandel\w*", ("CONSULT", None, "040", 1.0)),
    (r"beschlossen|vereinbart\w*|einigten|Einigung|Abkommen|unterzeichne\w*", ("AGREE", None, "030", 4.0)),
    (r"forder\w*|aufgefordert|appellier\w*", ("REQUEST", None, "020", -0.1)),
    (r"Sanktion\w*|Flugverbot|ausgewiesen", ("SANCTION", None, "163", -8.0)),
    (r"angegriffen|Angriff\w*|bombardier\w*|beschoss\w*|getötet", ("ASSAULT", None, "190", -10.0)),
    (r"festgenommen|Festnahme\w*|verhaftet", ("COERCE", "arrest", "173", -5.0)),
    (r"unterstütz\w*|Hilfe|Hilfen", ("SUPPORT", None, "050", 3.5)),
    (r"protestier\w*|demonstrier\w*|Protest\w*", ("PROTEST", None, "140", -6.5)),
    (r"abgelehnt|lehnt\w*|zurückgewiesen", ("REJECT", None, "120", -4.0)),
    (r"Truppen|Manöver|mobilisier\w*", ("MOBILIZE", None, "150", -7.2)),
]
_TRIGGER = re.compile(r"\b(" + "|".join(f"(?:{p})" for p, _ in TRIGGERS) + r")\b")
_CUES = r"(betonte|sagte|erklärte|warnte|fügte \w+ hinzu|kritisierte|forderte|so)"
_QUOTE = re.compile(r"[\"„“]([^\"„“”]{12,400})[\"“”],?\s+" + _CUES + r"\s+(?:der |die |US-)?([A-ZÄÖÜ][\w-]+)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _kind_of(trigger: str):
    for pattern, value in TRIGGERS:
        if re.fullmatch(pattern, trigger):
            return value
    return None


def synthetic_layers(record: dict) -> dict:
    """The record with synthetic entities, actors, quotes and events (see the module docstring)."""
    text = record.get("text") or ""
    day = (record.get("published") or "")[:10] or None
    actors: dict[str, dict] = {}
    entities, mentions = [], []
    for m in _NAMES.finditer(text):
        name, kind, code, sector, label = LEXICON[m.group(1)]
        actor = actors.setdefault(name, {"id": f"a{len(actors) + 1}", "name": name, "kind": kind, "code": code,
                                         "sector": sector, "role": None, "mentions": []})
        actor["mentions"].append([m.start(1), m.end(1)])
        entities.append({"start": m.start(1), "end": m.end(1), "text": m.group(1), "label": label,
                         "actor": actor["id"]})
        mentions.append((m.start(1), m.end(1), m.group(1), actor))
    quotes = []
    for m in _QUOTE.finditer(text):
        speaker = m.group(3)
        actor = actors.get(LEXICON[speaker][0]) if speaker in LEXICON else None
        quotes.append({"form": "direct",
                       "speaker": {"start": m.start(3), "end": m.end(3), "text": speaker,
                                   "actor": actor["id"] if actor else None},
                       "cue": {"start": m.start(2), "end": m.end(2), "text": m.group(2)},
                       "message": {"start": m.start(1), "end": m.end(1), "text": m.group(1)},
                       "addressee": None})
    events = []
    for s in _SENTENCE.finditer(text):
        t = _TRIGGER.search(s.group())
        if not t:
            continue
        inside = [x for x in mentions if s.start() <= x[0] < s.end()]
        if not inside:
            continue
        kind = _kind_of(t.group(1))
        if kind is None:
            continue
        src = inside[0]
        tgt = next((x for x in inside[1:] if x[3]["code"] != src[3]["code"]), None)
        part = lambda x: {"text": x[2], "code": x[3]["code"], "sector": x[3]["sector"], "actor": x[3]["id"]}  # noqa: E731
        events.append({"type": kind[0], "mode": kind[1], "cameo": kind[2],
                       "source": [part(src)], "target": [part(tgt)] if tgt else [],
                       "date": day, "trigger": {"start": s.start() + t.start(1), "end": s.start() + t.end(1),
                                                "text": t.group(1)},
                       "sentence": {"start": s.start(), "end": s.end()},
                       "negated": False, "modality": "asserted", "quote": None, "goldstein": kind[3],
                       "confidence": 0.5, "rule": "synthetic:" + t.group(1)})
    layers = [l for l in record.get("layers", []) if l not in ("entities", "actors", "quotes", "events")]
    return {**record, "layers": layers + ["entities", "actors", "quotes", "events"], "entities": entities,
            "actors": list(actors.values()), "quotes": quotes, "events": events}


def annotate_store(db: str | Path) -> int:
    """Replace the later layers of every stored record by synthetic ones; returns the number of events."""
    from lagebild.store.sqlite import Store

    n = 0
    with Store(db) as store:
        rows = store.db.execute("SELECT id, record FROM articles").fetchall()
        with store.db:
            for article_id, blob in rows:
                record = synthetic_layers(json.loads(blob))
                n += len(record["events"])
                store.db.execute("UPDATE articles SET record = ?, layers = ? WHERE id = ?",
                                 (json.dumps(record, ensure_ascii=False), json.dumps(record["layers"]), article_id))
                store._write_layers(article_id, record)
    return n
