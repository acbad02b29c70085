"""Near-duplicate articles by MinHash over word 5-gram shingles, indexed with LSH.

`signature(text)` is computed where the article is analysed (a worker), in
plain numpy (CRC-32 of each shingle, 64 multiply-shift hash functions; no
datasketch import in the workers: it pulls in scipy, seconds per worker); `NearDuplicateIndex`
lives in the single writer and indexes the signatures with datasketch's
`MinHashLSH`: each new article is looked up against everything stored before
it, so a copy points at the first-seen original, whatever order parallel
workers finish in.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.7       # estimated Jaccard similarity of shingle sets at or above which a text is a copy
MIN_WORDS = 20        # shorter texts are not compared: too few shingles to tell a copy from a template
SEED = 1
SCHEME = "affine32"
_rng = np.random.RandomState(SEED)
_A = _rng.randint(1, 1 << 62, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd 64-bit multipliers
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of `text` (NUM_PERM uint32 values as bytes; None when too short)."""
    grams = shingles(text)
    if not grams:
        return None
    hashes = np.fromiter(map(zlib.crc32, grams), dtype=np.uint64, count=len(grams))
    values = (hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)  # multiply-shift, mod 2**64
    return values.min(axis=0).astype(np.uint32).tobytes()


def _lean(sig: bytes):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(sig, dtype=np.uint32), scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


class NearDuplicateIndex:
    """Articles seen so far; `add` returns the original a new article copies, if any."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, bytes] = {}
        self.order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def add(self, article_id: str, sig: bytes | None) -> tuple[str, float] | None:
        """Index the article; (original id, similarity) when it is a near copy of an earlier one."""
        if sig is None:
            self.remove(article_id)
            return None
        if article_id in self.signatures:  # updated article: compare its new text afresh
            self.remove(article_id)
        best = None
        for other in self.lsh.query(_lean(sig)):
            sim = similarity(sig, self.signatures[other])
            if sim >= self.threshold and (best is None or self.order[other] < self.order[best[0]]):
                best = (other, sim)
        self.lsh.insert(article_id, _lean(sig))
        self.signatures[article_id] = sig
        self.order.setdefault(article_id, len(self.order))
        return best

    def remove(self, article_id: str) -> None:
        if article_id in self.signatures:
            self.lsh.remove(article_id)
            del self.signatures[article_id]
