"""Records carrying actors, quotes and events in the output contract's format, for export tests.

The seed article (../shared) gets its gold events (`gold/events/tagesschau-2017-08-17.json`, read at
test time, trigger and sentence turned into character spans of the analysed text), actors from the
event sides and two quotes of Tillerson. Added: a lightly edited copy of the seed from another
outlet (a near duplicate), and two short reports of our own: Mattis' threat repeated the next day
(same event cluster) and a week later (a new cluster).
"""

import copy
import json

import lagebild
from lagebild.record import content_hash
from lagebild.run.units import Unit
from lagebild.run.writer import SqliteWriter
from lagebild.dedup.minhash import signature
from tests.conftest import need_shared


def _span(text, needle, start=0):
    i = text.find(needle, start)
    return None if i < 0 else {"start": i, "end": i + len(needle), "text": needle}


def _events(text, gold_events, actor_ids):
    events = []
    for g in gold_events:
        sentence = _span(text, g["sentence"])
        if sentence is None:
            continue
        trigger = _span(text, g["trigger"], sentence["start"]) or {"start": None, "end": None, "text": g["trigger"]}
        sides = {}
        for role in ("source", "target"):
            sides[role] = [{"text": s["text"], "code": s["code"], "sector": s["sector"],
                            "actor": actor_ids.get(s["text"])} for s in g[role]]
        events.append({"type": g["type"], "mode": g["mode"], "cameo": g["cameo"], **sides, "date": g["date"],
                       "trigger": trigger, "sentence": {"start": sentence["start"], "end": sentence["end"]},
                       "negated": g["negated"], "modality": g["modality"], "quote": None,
                       "goldstein": GOLDSTEIN.get(g["cameo"][:3]), "confidence": 0.9, "rule": "gold"})
    return events


DICTIONARY = {"Verteidigungsminister James Mattis": "person:james-mattis",
              "US-Verteidigungsminister Jim Mattis": "person:james-mattis", "Nordkorea": "state:PRK"}
GOLDSTEIN = {"046": 7.0, "031": 5.2, "138": -7.0, "036": 4.0, "057": 8.0, "112": -2.0, "172": -5.0}


def _actors(gold_events):
    actors, ids = [], {}
    for g in gold_events:
        for s in g["source"] + g["target"]:
            if s["text"] not in ids:
                ids[s["text"]] = f"a{len(ids) + 1}"
                actors.append({"id": ids[s["text"]], "name": s["text"], "kind": "person" if s["sector"] else "state",
                               "code": s["code"], "sector": s["sector"], "role": None, "mentions": [],
                               **({"dictionary_id": DICTIONARY[s["text"]]} if s["text"] in DICTIONARY else {})})
    return actors, ids


def seed_record():
    seed = need_shared("examples", "tagesschau-2017-08-17.txt")
    gold = json.loads(need_shared("gold", "events", "tagesschau-2017-08-17.json").read_text(encoding="utf-8"))
    record = lagebild.analyze(seed).to_dict()
    record["source"]["url"] = "https://www.tagesschau.de/ausland/usa-japan-nordkorea-101.html"
    text = record["text"]
    actors, ids = _actors(gold["events"])
    record["actors"] = actors
    record["events"] = _events(text, gold["events"], ids)
    tillerson = ids.get("US-Außenminister Rex Tillerson")
    quotes = []
    for message, cue, speaker in (("keinen Grund für schlaflose Nächte", "betonte", "Tillerson"),
                                  ("Die Provokationen durch das Raketenprogramm Nordkoreas sind nicht akzeptabel und müssen sofort aufhören",
                                   "betonte", "Tillerson")):
        m = _span(text, message)
        c = _span(text, cue, max(0, m["start"] - 60) if "schlaflose" in message else m["end"])
        s = _span(text, speaker, c["start"] - 20 if "schlaflose" in message else c["end"])
        quotes.append({"form": "direct", "speaker": {**s, "actor": tillerson}, "cue": c, "message": m, "addressee": None})
    record["quotes"] = quotes
    record["layers"] = ["structure", "actors", "quotes", "events"]
    return record


def copy_record(seed):
    """The seed reprinted by another outlet: new title, one word changed, other URL → a near duplicate."""
    rec = copy.deepcopy(seed)
    old_title = rec["title"]
    rec["title"] = "USA und Japan rücken gegen Nordkorea zusammen"
    rec["text"] = rec["text"].replace(old_title, rec["title"], 1).replace("schmieden", "knüpfen")
    shift = len(rec["title"]) - len(old_title)
    for e in rec["events"]:
        for key in ("trigger", "sentence"):
            if e[key].get("start") is not None:
                e[key] = {**e[key], "start": e[key]["start"] + shift, "end": e[key]["end"] + shift}
    rec["quotes"] = []
    rec["source"] = {"path": "nachrichten.example/copy.html", "format": "html",
                     "url": "https://www.nachrichten.example/politik/usa-japan-101.html"}
    rec["id"] = "nachrichten-copy"
    return rec


def report(rec_id, day, url, sentence, trigger):
    text = f"Mattis droht Nordkorea\n\n{sentence}"
    start = text.index(sentence)
    t = text.index(trigger)
    return {
        "id": rec_id, "source": {"path": f"{rec_id}.txt", "format": "text", "url": url}, "language": "de",
        "layers": ["structure", "actors", "events"], "title": "Mattis droht Nordkorea", "published": f"{day}T09:00:00+02:00",
        "lead": None, "caption": None, "image_credit": None, "author": None, "dateline": None, "kicker": None,
        "sections": [{"heading": None, "paragraphs": [sentence]}], "notes": [], "text": text,
        "actors": [{"id": "a1", "name": "James Mattis", "kind": "person", "code": "USA", "sector": "GOV",
                    "role": "Verteidigungsminister", "mentions": [[start, start + 6]],
                    "dictionary_id": "person:james-mattis"},
                   {"id": "a2", "name": "Nordkorea", "kind": "state", "code": "PRK", "sector": None, "role": None,
                    "mentions": [], "dictionary_id": "state:PRK"}],
        "quotes": [],
        "events": [{"type": "THREATEN", "mode": "violence", "cameo": "138",
                    "source": [{"text": "Verteidigungsminister James Mattis", "code": "USA", "sector": "GOV", "actor": "a1"}],
                    "target": [{"text": "Nordkorea", "code": "PRK", "sector": None, "actor": "a2"}],
                    "date": day, "trigger": {"start": t, "end": t + len(trigger), "text": trigger},
                    "sentence": {"start": start, "end": start + len(sentence)}, "negated": False,
                    "modality": "asserted", "quote": None, "goldstein": -7.0, "confidence": 0.8, "rule": "test"}],
    }


def all_records():
    seed = seed_record()
    return [
        seed,
        copy_record(seed),
        report("morgenkurier-mattis", "2017-08-18", "https://www.morgenkurier.example/mattis-warnung.html",
               "Verteidigungsminister James Mattis drohte Nordkorea am Freitag erneut mit schweren militärischen Folgen.",
               "drohte"),
        report("abendblatt-mattis", "2017-08-25", "https://www.abendblatt.example/mattis.html",
               "Verteidigungsminister James Mattis drohte Nordkorea eine Woche später wieder mit Konsequenzen.",
               "drohte"),
    ]


def store_records(db, records, version="test-v1"):
    """Store records through the run's writer (upsert, minhash, duplicate links), in order."""
    writer = SqliteWriter(db, inputs=["fixtures"], engine="test", jobs=1)
    writer.set_version(version)
    for rec in records:
        row = {"id": rec["id"], "record": rec, "content_hash": content_hash({k: v for k, v in rec.items() if k != "id"}),
               "minhash": signature(rec["text"])}
        writer.write(Unit.make(rec["id"], "text", rec["text"].encode()), [("article", row)])
    writer.close()
