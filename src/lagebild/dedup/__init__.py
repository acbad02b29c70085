"""Deduplication: near-duplicate articles (MinHash over word shingles) and event clusters.

`minhash` finds copies (an agency text reprinted by several outlets, small
edits): the copy is linked to the first-seen original in the store's
`duplicates` table and left out of exports and event counts. `events`
groups the same event reported by several articles (same type, source and
target codes, date within ±1 day) into one cluster with mention, article and
source counts (GDELT's NumMentions, NumArticles, NumSources).
"""

from lagebild.dedup.events import EventCluster, cluster_events
from lagebild.dedup.minhash import NearDuplicateIndex, signature

__all__ = ["EventCluster", "NearDuplicateIndex", "cluster_events", "signature"]
