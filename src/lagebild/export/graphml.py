"""The actor network as GraphML for Gephi: actors are nodes, events are directed edges.

Nodes are keyed by the dictionary entry an actor was linked to, else by code and
name; they carry `label`, `code`, `sector`, `kind` and `articles` (how many
articles mention them). There is one edge per (source, target, event type) with
`type` (PLOVER), `cameo`, `weight` (number of event mentions), `articles`,
`quad_class` and the mean `goldstein` score.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable

import networkx as nx

from lagebild.export.gdelt import PLOVER_QUAD, QUAD


def _node(side: dict, actors: dict[str, dict]) -> tuple[str, dict]:
    actor = actors.get(side.get("actor") or "", {})
    name = actor.get("name") or side.get("text") or side.get("code") or "?"
    code = side.get("code") or actor.get("code")
    key = actor.get("dictionary_id") or f"{code or ''}:{name}"
    return key, {"label": name, "code": code or "", "sector": side.get("sector") or actor.get("sector") or "",
                 "kind": actor.get("kind") or ""}


def build_graph(records: Iterable[dict]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    node_articles: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple, dict] = {}
    for record in records:
        actors = {a["id"]: a for a in record.get("actors") or [] if "id" in a}
        for event in record.get("events") or []:
            if event.get("negated"):
                continue
            for source in event.get("source") or []:
                for target in event.get("target") or []:
                    s, s_attrs = _node(source, actors)
                    t, t_attrs = _node(target, actors)
                    if s == t:
                        continue
                    for key, attrs in ((s, s_attrs), (t, t_attrs)):
                        if key not in graph:
                            graph.add_node(key, **attrs)
                        node_articles[key].add(record["id"])
                    edge = edges.setdefault((s, t, event.get("type")), {
                        "type": event.get("type") or "", "cameo": event.get("cameo") or "", "weight": 0,
                        "articles": set(), "goldstein": [],
                        "quad_class": QUAD.get((event.get("cameo") or "")[:2]) or PLOVER_QUAD.get(event.get("type") or "", 0)})
                    edge["weight"] += 1
                    edge["articles"].add(record["id"])
                    if event.get("goldstein") is not None:
                        edge["goldstein"].append(float(event["goldstein"]))
    for key, ids in node_articles.items():
        graph.nodes[key]["articles"] = len(ids)
    for (s, t, kind), e in edges.items():
        graph.add_edge(s, t, key=kind, type=e["type"], cameo=e["cameo"], weight=float(e["weight"]),
                       articles=len(e["articles"]), quad_class=int(e["quad_class"] or 0),
                       goldstein=sum(e["goldstein"]) / len(e["goldstein"]) if e["goldstein"] else 0.0)
    return graph


def write_graphml(records: Iterable[dict], out: Path) -> int:
    graph = build_graph(records)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()
