# SPDX-License-Identifier: LGPL-3.0-or-later
# This module ports parts of HanTa (Hanover Tagger, (c) Christian Wartena,
# LGPL-3.0-or-later): the sentence Viterbi and the per-word analyses are
# re-implementations of HanTa's algorithms, so this file is under HanTa's
# licence; the rest of lagebild is MIT. See README, "Data sources and licences".
"""HanTa (Hanover Tagger) with caches per word form, a shipped lexicon and a user cache.

HanTa tags a sentence with a second-order HMM (a Viterbi over the
sentence) whose emission scores are candidate tags computed per word by a
morphological analysis (`analyze_forward`, the slow part), and then builds
a lemma per (word, tag), again by analysis (`analyze_viterbi`). Both depend
on the word form alone, so both are cached here:

* candidates: per lower-cased form, HanTa's own precomputed cache first,
  then the shipped lexicon (`data/hanta_lexicon.tsv.gz`, built by
  `python -m lagebild.language.build_lexicon`) and the user cache, then a
  live analysis. Scores are rounded to 4 decimals wherever they come from,
  so a form gets the same tags whichever source answered.
* lemmas: per (lower-cased form, tag), from the same sources, else a live
  `_analyze`.
* the candidate list after HanTa's case and cut-off adjustments, per
  (form, case mode).

What is computed is HanTa's, bit for bit: the sentence Viterbi
(`CachedHanTa.tag_ids`) is a port of `tag_sent_viterbi` that visits only the
tags a word can have, in HanTa's order, and `FastAnalysis` ports the two
per-word analyses (about 3x faster); tests compare all three with HanTa's
own methods.

The hot loops of those three (the tables over a word's characters and over a
sentence) also exist compiled, in the optional Cython extension
`lagebild.language._hanta_kernel` (states as int ids, scores as C doubles,
the same sums in the same order, the same ties): it is used when it was built
at install and imported, unless ``LAGEBILD_PURE_PYTHON=1`` (or
``compiled=False``) asks for the pure-Python code here. Both give the same
results, bit for bit; tests compare them.
"""

from __future__ import annotations

import atexit
import gzip
import math
import os
import threading
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Sequence

from numpy import logaddexp as _logaddexp

HANTA_MODEL = "morphmodel_ger.pgz"
DATA = Path(__file__).parent / "data"
LEXICON_PATH = DATA / "hanta_lexicon.tsv.gz"
LEXICON_FORMAT = "lagebild-hanta-lexicon 1"
ROUND = 4  # decimals of candidate scores, everywhere
CUTOFF = 5  # HanTa's cut-off in tag_sent_viterbi

# HanTa's fixed state ids
EMPTY, START, END, UNKNOWN = 0, 1, 2, 3

_NEG_INF = -math.inf
USER_CACHE_ENV = "LAGEBILD_HANTA_CACHE"  # "0"/"off"/"no"/"false": no user cache; a path: use that file
USER_CACHE_MAX_BYTES = 16 * 2**20  # beyond this the file is no longer appended to (keeps start-up fast)
PURE_PYTHON_ENV = "LAGEBILD_PURE_PYTHON"  # "1": never use the compiled kernel


def kernel_module(compiled: bool | None = None):
    """The compiled kernel module, or None for the pure-Python code.

    ``compiled``: None — the kernel if it is installed and ``LAGEBILD_PURE_PYTHON``
    is not set; False — never; True — the kernel, ImportError if it is missing."""
    if compiled is False:
        return None
    if compiled is None and os.environ.get(PURE_PYTHON_ENV, "").strip().lower() not in {"", "0", "no", "false", "off"}:
        return None
    try:
        from lagebild.language import _hanta_kernel
    except ImportError:
        if compiled:
            raise
        return None
    return _hanta_kernel


def model_signature() -> str:
    """Identifies the HanTa model: shipped lexicon and user caches are only valid for it."""
    import HanTa

    path = Path(HanTa.__file__).parent / HANTA_MODEL
    version = "?"
    try:
        from importlib.metadata import version as _v

        version = _v("HanTa")
    except Exception:  # pragma: no cover - metadata missing
        pass
    return f"HanTa {version} {HANTA_MODEL} {path.stat().st_size}"


# ---------------------------------------------------------------------------
# lexicon lines: form \t tag:score,tag:score… \t tag=lemma|tag=lemma…
# (tag names, not HanTa's ids; either column may be empty)


def format_line(form: str, candidates: Iterable[tuple[str, float]] | None, lemmas: dict[str, str]) -> str:
    cand = "" if candidates is None else ",".join(f"{t}:{p:.{ROUND}f}".rstrip("0").rstrip(".") for t, p in candidates)
    lem = "|".join(f"{t}={l}" for t, l in lemmas.items())
    if candidates is not None and not cand:
        cand = "-"  # analysed, no candidates
    return f"{form}\t{cand}\t{lem}\n"


def fast_tagger(compiled: bool | None = None):
    """HanTa's German tagger whose word analyses `FastAnalysis` runs: the same results as
    HanTa's own methods (HanTa's `_analyze`, `tag_word` and `tag_sent` read the instance
    attributes), in the compiled kernel when it is built (see `kernel_module`). Returns
    (tagger, FastAnalysis). One per process and kernel choice: the language layer and the
    NER's lexical features share the model in memory and its analysis caches, which depend
    on nothing else."""
    return _fast_tagger(kernel_module(compiled) is not None)


@lru_cache(maxsize=2)
def _fast_tagger(compiled: bool):
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger(HANTA_MODEL)
    fast = FastAnalysis(tagger, compiled=compiled)
    tagger.analyze_forward = fast.forward
    tagger.analyze_viterbi = fast.viterbi
    return tagger, fast


class CachedHanTa:
    """HanTa's German tagger with per-form caches.

    ``lexicon``: path of a shipped lexicon, or None for none. ``user_cache``:
    path of a persistent cache file, or None for none (see `default_user_cache`).
    ``compiled``: use the compiled kernel (see `kernel_module`); same results.
    """

    def __init__(self, lexicon: str | Path | None = LEXICON_PATH, user_cache: str | Path | None = None,
                 compiled: bool | None = None):
        self._kmod = kernel_module(compiled)
        self._sent_kernel = None  # built on first use
        self.tagger, self.fast = fast_tagger(compiled=self._kmod is not None)
        t = self.tagger
        self.tag2int, self.int2tag = t.tag2int, t.int2tag
        self.signature = model_signature()
        self._hanta_cache = t.cache  # HanTa's own precomputed candidates (observed tags)
        self._trans = t.LP_trans_word
        # the order in which HanTa's sentence Viterbi visits the tags after a state (the same for all states)
        self._tag_order = {tag: k for k, tag in enumerate(next(iter(t.LP_trans_word.values())))}
        self._case = t.LP_case_t
        self._wtag = t.LP_wtag
        self._re_qmark = t.re_qmark
        # raw lexicon text per form, parsed on first use
        self._raw: dict[str, str] = {}
        self._cand: dict[str, list[tuple[int, float]]] = {}
        self._lemma: dict[tuple[str, int], str] = {}
        self._parsed: set[str] = set()  # lexicon forms already moved into the caches
        self._emission: dict[tuple[str, int], tuple[tuple[int, float], ...]] = {}
        self.stats = {"forward_live": 0, "lemma_live": 0}
        self.lexicon_forms = 0
        self.new_forms: dict[str, list[tuple[int, float]] | None] = {}
        self.new_lemmas: dict[tuple[str, int], str] = {}
        if lexicon is not None and Path(lexicon).exists():
            self.lexicon_forms = self._load(Path(lexicon), check_header=True)
        self.user_cache: UserCache | None = None
        if user_cache is not None:
            self.user_cache = UserCache(Path(user_cache), self.signature)
            for text in self.user_cache.read():
                self._load_text(text, overwrite=False)
            atexit.register(self.flush)

    # -- loading ----------------------------------------------------------

    def _load(self, path: Path, check_header: bool) -> int:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = fh.read()
        header, _, body = text.partition("\n")
        if check_header:
            fields = header.lstrip("#").strip().split("\t")
            if fields[0] != LEXICON_FORMAT or (len(fields) > 1 and fields[1] != self.signature):
                return 0  # built for another HanTa model: compute live instead
        return self._load_text(body, overwrite=True)

    def _load_text(self, body: str, overwrite: bool) -> int:
        raw = self._raw
        n = 0
        for line in body.split("\n"):
            form, sep, rest = line.partition("\t")
            if not sep or "\t" not in rest:
                continue  # blank, header or a torn line
            if form in raw and not overwrite:
                # user cache lines add to what the lexicon knows
                old_c, _, old_l = raw[form].partition("\t")
                new_c, _, new_l = rest.partition("\t")
                rest = f"{old_c or new_c}\t{'|'.join(x for x in (old_l, new_l) if x)}"
            raw[form] = rest
            n += 1
        return n

    def _parse(self, form: str) -> str | None:
        """Parses a lexicon entry into the caches (once); returns its candidate column."""
        rest = self._raw.get(form)
        if rest is None or form in self._parsed:
            return None
        self._parsed.add(form)
        cand, _, lem = rest.partition("\t")
        tag2int = self.tag2int
        if lem:
            for item in lem.split("|"):
                tag, eq, lemma = item.partition("=")
                if eq and tag in tag2int:
                    self._lemma.setdefault((form, tag2int[tag]), lemma)
        if cand:
            parsed = []
            if cand != "-":
                for item in cand.split(","):
                    tag, _, p = item.rpartition(":")
                    if tag in tag2int:
                        parsed.append((tag2int[tag], float(p)))
            self._cand.setdefault(form, parsed)
        return cand

    def _bound(self, limit: int = 1_000_000) -> None:
        """Keeps memory bounded in long runs: forgets parsed forms (the lexicon text stays)."""
        if len(self._cand) + len(self._lemma) > limit:
            self._cand.clear()
            self._lemma.clear()
            self._parsed.clear()

    # -- candidates -------------------------------------------------------

    def normalize(self, word: str) -> str:
        if len(word) <= 2 and self._re_qmark.match(word):
            return '"'
        return word.lower()

    def forward(self, form: str) -> list[tuple[int, float]]:
        """HanTa's `analyze_forward` for a normalised form, cached, scores rounded."""
        cand = self._cand.get(form)
        if cand is not None:
            return cand
        if form in self._raw and form not in self._parsed:
            self._parse(form)
            cand = self._cand.get(form)
            if cand is not None:
                return cand
        cand = [(t, round(p, ROUND)) for t, p in self.tagger.analyze_forward(form)]
        cand = self.prune(cand)
        self.stats["forward_live"] += 1
        self._bound()
        self._cand[form] = cand
        if self.user_cache is not None:
            self.new_forms[form] = cand
        return cand

    def prune(self, cand: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Drops candidates that HanTa's cut-off removes in every case mode (they never matter)."""
        if len(cand) <= 1:
            return list(cand)
        keep = set()
        case, wtag = self._case, self._wtag
        for mode in (0, 1, 2):
            # `_adjust` without the sort: only the best score and the cut-off matter here
            adj = []
            for tag, p in cand:
                if tag != UNKNOWN:
                    if mode:
                        p += case[tag][mode == 1]
                    p -= wtag[tag]
                adj.append((tag, p))
            limit = max(p for _, p in adj) - CUTOFF
            keep.update(t for t, p in adj if p >= limit)
        return [(t, p) for t, p in cand if t in keep]

    def _adjust(self, p_tags: list[tuple[int, float]], mode: int) -> list[tuple[int, float]]:
        """HanTa's `_tag_word` scoring with conditional=True; mode 0: case-insensitive, 1: upper, 2: lower."""
        out = []
        case, wtag = self._case, self._wtag
        for tag, p in p_tags:
            if tag != UNKNOWN:
                if mode:
                    p += case[tag][mode == 1]
                p -= wtag[tag]
            out.append((tag, p))
        out.sort(key=itemgetter(1), reverse=True)
        return out

    def emission(self, word: str, casesensitive: bool) -> tuple[tuple[int, float], ...]:
        """What `_tag_word(word, cutoff=5, casesensitive, conditional=True)` returns, as
        (tag, score) pairs in the order HanTa's Viterbi visits tags; () for an unknown word."""
        mode = (1 if word[0].isupper() else 2) if casesensitive else 0
        key = (word, mode)
        e = self._emission.get(key)
        if e is not None:
            return e
        form = self.normalize(word)
        cached = self._hanta_cache.get(form)
        # HanTa's scores (`_adjust`), in candidate order: the order does not matter, as the
        # result is sorted by the Viterbi's tag order
        case, wtag = self._case, self._wtag
        adj = []
        for tag, p in (cached if cached is not None else self.forward(form)):
            if tag != UNKNOWN:
                if mode:
                    p += case[tag][mode == 1]
                p -= wtag[tag]
            adj.append((tag, p))
        if cached is None and adj:
            limit = max(p for _, p in adj) - CUTOFF
            adj = [(t, p) for t, p in adj if p >= limit]
        if len(adj) == 1 and adj[0][0] == UNKNOWN:
            adj = []
        order = self._tag_order
        e = tuple(sorted(((t, p) for t, p in adj if t in order and t != END), key=lambda tp: order[tp[0]]))
        if not e and adj:
            e = ((UNKNOWN, 0.0),)  # only tags the Viterbi cannot use: no path, as in HanTa
        if len(self._emission) > 400_000:
            self._emission.clear()
        self._emission[key] = e
        return e

    # -- sentence Viterbi -------------------------------------------------

    def tag_ids(self, sent: Sequence[str], casesensitive: bool = True, caseless: Sequence[bool] | None = None) -> list[int]:
        """HanTa's tag ids for one sentence (port of `tag_sent_viterbi`).

        As in HanTa, capitalisation counts as evidence except for the first
        word; `caseless[i]` switches it off for more positions (after an
        opening quote or a colon, where a new sentence of its own starts).
        """
        if not sent:
            return []
        if self._kmod is not None:
            k = self._sent_kernel
            if k is None:
                try:
                    k = self._sent_kernel = self._kmod.SentKernel(self._trans, EMPTY, START, END)
                except (ValueError, KeyError, TypeError, OverflowError):  # a model it cannot hold: pure Python
                    self._kmod = None
            if k is not None:
                tags = k.tag_ids(sent, casesensitive, caseless, self._emission, self.emission)
                if tags is not None:
                    return tags
        return self._tag_ids_py(sent, casesensitive, caseless)

    def _tag_ids_py(self, sent: Sequence[str], casesensitive: bool = True,
                    caseless: Sequence[bool] | None = None) -> list[int]:
        """`tag_ids` in pure Python."""
        lowerbound = -1e6
        trans = self._trans
        ecache = self._emission
        emission = self.emission
        backpointer: list[dict] = []
        prevrow: dict = {(EMPTY, START): 0.0}
        for i, w in enumerate(sent):
            cs = casesensitive and i > 0 and not (caseless and caseless[i])
            wprobs = ecache.get((w, (1 if w[0].isupper() else 2) if cs else 0))
            if wprobs is None:
                wprobs = emission(w, cs)
            row: dict = {}
            bp: dict = {}
            if len(prevrow) > 5:
                rowbound = sorted(prevrow.values(), reverse=True)[5] - 1
            else:
                rowbound = lowerbound
            if len(wprobs) == 1:
                c, lpwc = wprobs[0]
                for state, lp0 in prevrow.items():
                    if lp0 < rowbound:
                        continue
                    lp_tc = trans[state].get(c)
                    if lp_tc is None:
                        continue
                    lp = lp0 + lp_tc + lpwc
                    if lp > lowerbound:
                        newstate = (state[1], c)
                        old = row.get(newstate)
                        if old is None or lp > old:
                            row[newstate] = lp
                            bp[newstate] = state
            elif wprobs:
                for state, lp0 in prevrow.items():
                    if lp0 < rowbound:
                        continue
                    lp_t = trans[state]
                    s1 = state[1]
                    for c, lpwc in wprobs:
                        lp_tc = lp_t.get(c)
                        if lp_tc is None:
                            continue
                        lp = lp0 + lp_tc + lpwc
                        if lp > lowerbound:
                            newstate = (s1, c)
                            old = row.get(newstate)
                            if old is None or lp > old:
                                row[newstate] = lp
                                bp[newstate] = state
            if not row:  # unknown word (or no tag of it can follow): anything goes
                for state, lp0 in prevrow.items():
                    if lp0 < rowbound:
                        continue
                    s1 = state[1]
                    for c, lp_tc in trans[state].items():
                        if c == END:
                            continue
                        lp = lp0 + lp_tc
                        if lp > lowerbound:
                            newstate = (s1, c)
                            old = row.get(newstate)
                            if old is None or lp > old:
                                row[newstate] = lp
                                bp[newstate] = state
            backpointer.append(bp)
            prevrow = row
        best_lp = -math.inf
        best = None
        for state, lp0 in prevrow.items():
            lp = lp0 + trans[state].get(END, -math.inf)
            if best is None or lp > best_lp:
                best_lp, best = lp, state
        tags = []
        state = best
        for i in range(len(sent) - 1, -1, -1):
            tags.append(state[1])
            state = backpointer[i][state] if i > 0 else None
        return tags[::-1]

    # -- lemmas -----------------------------------------------------------

    def lemma(self, word: str, tag: int) -> str:
        """HanTa's lemma of `word` as tag id `tag` (lower-cased analysis, as `HanoverTagger._analyze`)."""
        form = word.lower()
        key = (form, tag)
        lemma = self._lemma.get(key)
        if lemma is not None:
            return lemma
        if form in self._raw and form not in self._parsed:
            self._parse(form)
            lemma = self._lemma.get(key)
            if lemma is not None:
                return lemma
        lemma = self.tagger._analyze(form, tag, taglevel=1)[0]
        self.stats["lemma_live"] += 1
        self._bound()
        self._lemma[key] = lemma
        if self.user_cache is not None:
            self.new_lemmas[key] = lemma
        return lemma

    # -- compatibility and bookkeeping -------------------------------------

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """(HanTa tag, lemma) per word of one sentence."""
        names = self.int2tag
        return [(names[t], self.lemma(w, t)) for w, t in zip(words, self.tag_ids(list(words)))]

    def cache_info(self) -> dict[str, int]:
        return {
            "lexicon_forms": self.lexicon_forms,
            "forms_parsed": len(self._parsed),
            "forms_cached": len(self._cand),
            "lemmas": len(self._lemma),
            "forward_live": self.stats["forward_live"],
            "lemma_live": self.stats["lemma_live"],
        }

    def take_new(self) -> list[str]:
        """Lexicon lines for everything analysed live since the last call (and forgets it)."""
        names = self.int2tag
        lemmas_by_form: dict[str, dict[str, str]] = {}
        for (form, tag), lemma in self.new_lemmas.items():
            lemmas_by_form.setdefault(form, {})[names[tag]] = lemma
        lines = []
        for form in set(self.new_forms) | set(lemmas_by_form):
            if "\t" in form or "\n" in form or not form:
                continue
            cand = self.new_forms.get(form)
            named = None if cand is None else [(names[t], p) for t, p in cand]
            lines.append(format_line(form, named, lemmas_by_form.get(form, {})))
        self.new_forms = {}
        self.new_lemmas = {}
        return lines

    def flush(self) -> None:
        """Appends new analyses to the user cache, if there is one."""
        if self.user_cache is not None and (self.new_forms or self.new_lemmas):
            self.user_cache.append(self.take_new())

    def maybe_flush(self, threshold: int = 2000) -> None:
        if self.user_cache is not None and len(self.new_forms) + len(self.new_lemmas) >= threshold:
            self.flush()


# ---------------------------------------------------------------------------
# persistent user cache


def default_user_cache() -> Path | None:
    """The user cache file, or None when switched off by ``LAGEBILD_HANTA_CACHE=0``."""
    value = os.environ.get(USER_CACHE_ENV, "").strip()
    if value.lower() in {"0", "off", "no", "false", "none"}:
        return None
    if value and value.lower() not in {"1", "on", "yes", "true"}:
        return Path(value).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lagebild" / "hanta-forms.tsv"


class UserCache:
    """An append-only file of lexicon lines that grows with analyses of new forms.

    Safe for concurrent processes: each flush is one `write` under an
    exclusive `flock` on a file opened with O_APPEND, and readers skip torn or
    foreign lines. Never required: every I/O error switches it off silently.
    The first line names the HanTa model; a file for another model is ignored
    (and not appended to).
    """

    def __init__(self, path: Path, signature: str, max_bytes: int = USER_CACHE_MAX_BYTES):
        self.path = path
        self.header = f"# {LEXICON_FORMAT}\t{signature}\n"
        self.max_bytes = max_bytes
        self.enabled = True
        self._lock = threading.Lock()

    def read(self) -> list[str]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError:
            self.enabled = False
            return []
        text = data.decode("utf-8", errors="replace")
        if not text.startswith(self.header):
            self.enabled = False  # another model or format: leave it alone
            return []
        body = text[len(self.header):]
        cut = body.rfind("\n")
        return [body[: cut + 1]] if cut >= 0 else []

    def append(self, lines: list[str]) -> None:
        if not self.enabled or not lines:
            return
        with self._lock:
            try:
                import fcntl

                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    size = os.fstat(fd).st_size
                    if size >= self.max_bytes:
                        self.enabled = False
                        return
                    payload = "".join(lines).encode("utf-8")
                    if size == 0:
                        payload = self.header.encode("utf-8") + payload
                    else:
                        with open(self.path, "rb") as fh:
                            if fh.read(len(self.header.encode("utf-8"))) != self.header.encode("utf-8"):
                                self.enabled = False
                                return
                    os.write(fd, payload)
                finally:
                    os.close(fd)  # releases the lock
            except Exception:
                self.enabled = False


# ---------------------------------------------------------------------------
# faster ports of HanTa's per-word analyses


class FastAnalysis:
    """Ports of `HanoverTagger.analyze_forward` and `analyze_viterbi` with the same results.

    HanTa scores every (segment, tag) pair of a word with a method call that
    looks the segment up in the tag's morpheme table or guesses its score
    from length and suffix. Here the morpheme tables are inverted once
    (segment → {tag: score}); the guessed score of a segment — the same
    suffix for every tag, as all tags share one suffix table — is computed
    once per (length, suffix, whole word?) for all guessable tags, summed in
    HanTa's order so that every float comes out bit for bit the same; and per
    (state, segment) the followers that can score are listed once, in HanTa's
    order, so the search visits only those. The search itself (states,
    pruning, the order in which states enter the tables, tie-breaking) is
    HanTa's.

    ``compiled``: run the searches in the compiled kernel (see `kernel_module`;
    built on first use), which gives the same results.
    """

    def __init__(self, tagger, compiled: bool | None = None):
        self.t = tagger
        self.strict = tagger.strict
        self._kmod = kernel_module(compiled)
        self._kernel = None
        index: dict[str, dict[int, float]] = {}
        for tag, table in tagger.LP_m_t.items():
            for m, lp in table.items():
                index.setdefault(m, {})[tag] = lp
        self.index = index
        self.max_morpheme = max((len(m) for m in index), default=0)
        guessable = [t for t in tagger.LP_hapax_t if t in tagger.LP_s_t]
        self.suffixes = frozenset(tagger.LP_s_t[guessable[0]]) if guessable else frozenset()
        self.base = {
            t: [tagger.Int_t + tagger.LP_hapax_t[t] + tagger.LP_len_t[t][n] for n in range(25)]
            for t in guessable
        }
        self.suf = {t: tagger.LP_s_t[t] for t in guessable}
        self.guessable = tuple(guessable)
        self.gindex = {t: k for k, t in enumerate(guessable)}
        self.nonfinal = tagger.LP_trans_nonfinal
        self.final = tagger.LP_trans_final
        self.reachability = tagger.reachability
        self._fu_cache: dict[tuple, tuple[list, list]] = {}
        self._gvec_cache: dict[tuple, tuple[float, ...]] = {}
        self._prefix_rows: dict[str, tuple] = {}  # word prefix -> its row in `forward`
        self._vprefix_rows: dict[tuple[int, bool], dict] = {}  # the same for `viterbi`, per target and pass
        fol, fu_guess, mcache = self._followups((EMPTY, START))
        self._start_row = ([(0, fol, mcache)], [(0 + lpt, gi, newstate) for gi, lpt, newstate in fu_guess])

    def _suffix_keys(self, word: str) -> list[tuple[str, ...]]:
        """Per end position j: the suffix HanTa's guess uses for a segment ending at j, by
        min(segment length, 5) - 1 (the longest of its last 4, 3, 2, 1 characters in the
        suffix table, each only if the segment is longer than that; else '')."""
        s = self.suffixes
        keys: list[tuple[str, ...]] = [("",)]
        for j in range(1, len(word) + 1):
            k1 = word[j - 1 : j]
            if k1 not in s:
                k1 = ""
            k2 = word[j - 2 : j] if j >= 2 else ""
            if not k2 or k2 not in s:
                k2 = k1
            k3 = word[j - 3 : j] if j >= 3 else ""
            if not k3 or k3 not in s:
                k3 = k2
            k4 = word[j - 4 : j] if j >= 4 else ""
            if not k4 or k4 not in s:
                k4 = k3
            keys.append(("", k1, k2, k3, k4))
        return keys

    def _gvec(self, mlen: int, key: str, whole: bool) -> tuple[float, ...]:
        """Guessed scores of a segment (length, suffix key, whole word?) for every guessable tag,
        as HanTa's `lp_m_t` sums them."""
        ck = (mlen if mlen < 24 else 24, key, whole)
        v = self._gvec_cache.get(ck)
        if v is None:
            out = []
            for t in self.guessable:
                m = self.base[t][mlen if mlen < 24 else 24] + self.suf[t][key]
                if whole:
                    m -= 4.6
                out.append(m)
            v = self._gvec_cache[ck] = tuple(out)
        return v

    def _segments(self, word: str, i: int, keys: list, guess: bool) -> list:
        """Segments word[i:j] that can score: (j, segment if it is a known morpheme else None,
        its exact scores or None, its guessed scores or None); those with neither an exact
        score nor a guess are left out."""
        out = []
        index = self.index
        maxlen = self.max_morpheme
        wlen = len(word)
        short = wlen < 4
        gcache = self._gvec_cache
        for j in range(i + 1, wlen + 1):
            mlen = j - i
            if mlen <= maxlen:
                seg = word[i:j]
                exact = index.get(seg)
            else:
                seg = exact = None
            if guess and (short or mlen > 2):
                ck = (mlen if mlen < 24 else 24, keys[j][mlen - 1 if mlen < 5 else 4], mlen == wlen)
                gv = gcache.get(ck)
                if gv is None:
                    gv = self._gvec(mlen, ck[1], ck[2])
                out.append((j, seg, exact, gv))
            elif exact is not None:
                out.append((j, seg, exact, None))
        return out

    def _followups(self, state, reachable=None) -> tuple:
        """Of a state, in HanTa's order: all followers as (tag, score, index into the guessed
        scores or -1, new state); the guessable ones as (index, score, new state); and for
        states with many followers, caches of those that score on a known morpheme (without
        and with guessing) and what builds them (see `_merged`)."""
        key = (state, reachable)
        fu = self._fu_cache.get(key)
        if fu is None:
            s1 = state[1]
            gi = self.gindex
            fol = [(t, p, gi.get(t, -1), (s1, t)) for (t, p) in self.nonfinal.get(state, [])
                   if reachable is None or t in self.reachability[reachable]]
            many = None
            if len(fol) > 8:
                many = ({}, {}, {t: (k, p, ns) for k, (t, p, g, ns) in enumerate(fol)},
                        [(k, t, (p, None, g, ns)) for k, (t, p, g, ns) in enumerate(fol) if g >= 0])
            fu = (fol, [(g, p, ns) for t, p, g, ns in fol if g >= 0], many)
            self._fu_cache[key] = fu
        return fu

    @staticmethod
    def _merged(many: tuple, exact: dict, guess: bool) -> list:
        """The followers that score on a known morpheme, in HanTa's order: (score, exact
        score or None, index into the guessed scores, new state)."""
        pos = many[2]
        out = []
        for t, m in exact.items():
            f = pos.get(t)
            if f is not None:
                out.append((f[0], (f[1], m, -1, f[2])))
        if guess:
            out.extend((k, e) for k, t, e in many[3] if t not in exact)
        out.sort(key=itemgetter(0))
        return [e for _, e in out]

    @property
    def kernel(self):
        """The compiled kernel for this model (None: pure Python)."""
        if self._kernel is None and self._kmod is not None:
            try:
                self._kernel = self._kmod.WordKernel(self, EMPTY, START)
            except (ValueError, KeyError, TypeError, OverflowError):  # a model it cannot hold: pure Python
                self._kmod = None
        return self._kernel

    def forward(self, word: str) -> list[tuple[int, float]]:
        """HanTa's `analyze_forward` (compiled, if there is a kernel)."""
        k = self.kernel
        last = k.forward(word) if k is not None else None
        if last is None:
            return self.forward_py(word)
        # the table's final states, summed per tag as HanTa does (numpy's logaddexp, in table order)
        results: dict[int, float] = {}
        for pos, lp in last:
            results[pos] = _logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=itemgetter(1), reverse=True)
        return result_list or [(UNKNOWN, 0)]

    def viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """HanTa's `analyze_viterbi` (compiled, if there is a kernel)."""
        k = self.kernel
        path = k.viterbi(word, targetpos) if k is not None else None
        if path is None:
            return self.viterbi_py(word, targetpos)
        if not path:  # no analysis reaches the target
            return [(UNKNOWN, len(word)), (-UNKNOWN, len(word) + 1)]
        return path

    def forward_py(self, word: str) -> list[tuple[int, float]]:
        """HanTa's `analyze_forward` in pure Python.

        HanTa fills the table row by row, pushing each row's best states to
        every later row; a row gets its entries in the order (earlier row,
        state, follower). Here each row pulls from the earlier rows in that
        same order, so every row ends up identical (values and order), and a
        row — up to the last — depends on the first j characters only: rows of
        a prefix already seen in a word of four or more characters are
        reused."""
        lowerbound = -1e6
        wlen = len(word)
        guess = not self.strict
        keys = self._suffix_keys(word) if guess else None
        prefixes = self._prefix_rows if wlen >= 4 else None
        index = self.index
        maxlen = self.max_morpheme
        short = wlen < 4
        gcache = self._gvec_cache
        followups = self._followups
        merged_of = self._merged
        # per row: None (nothing to expand) or (states to expand as (score, followers, merge cache),
        # their guessable followers as (score + transition, index, new state))
        rows: list = [self._start_row]
        tj: dict = {}
        for j in range(1, wlen + 1):
            if prefixes is not None and j < wlen:
                r = prefixes.get(word[:j])
                if r is not None:
                    rows.append(r or None)
                    continue
            tj = {}
            for i in range(j):
                r = rows[i]
                if r is None:
                    continue
                mlen = j - i
                if mlen <= maxlen:
                    seg = word[i:j]
                    exact = index.get(seg)
                else:
                    seg = exact = None
                if guess and (short or mlen > 2):
                    ck = (mlen if mlen < 24 else 24, keys[j][mlen - 1 if mlen < 5 else 4], mlen == wlen)
                    gv = gcache.get(ck)
                    if gv is None:
                        gv = self._gvec(mlen, ck[1], ck[2])
                elif exact is None:
                    continue
                else:
                    gv = None
                if exact is None:
                    for c, gi, newstate in r[1]:
                        lp1 = c + gv[gi]
                        if lp1 > lowerbound:
                            old = tj.get(newstate)
                            if old is None or lp1 > old:
                                tj[newstate] = lp1
                    continue
                for lp, fol, mcache in r[0]:
                    if mcache is not None:
                        mc = mcache[gv is not None]
                        merged = mc.get(seg)
                        if merged is None:
                            if len(mc) > 100_000:
                                mc.clear()
                            merged = mc[seg] = merged_of(mcache, exact, gv is not None)
                        for lpt, m, gi, newstate in merged:
                            lp1 = lp + lpt + (gv[gi] if m is None else m)
                            if lp1 > lowerbound:
                                old = tj.get(newstate)
                                if old is None or lp1 > old:
                                    tj[newstate] = lp1
                        continue
                    for tag1, lpt, gi, newstate in fol:
                        m = exact.get(tag1)
                        if m is None:
                            if gi < 0 or gv is None:
                                continue
                            m = gv[gi]
                        lp1 = lp + lpt + m
                        if lp1 > lowerbound:
                            old = tj.get(newstate)
                            if old is None or lp1 > old:
                                tj[newstate] = lp1
            if j == wlen:
                break
            # the states of row j HanTa expands (its best four, and those within 1 of the fourth)
            r = None
            if tj:
                if len(tj) > 3:
                    rowbound = sorted(tj.values(), reverse=True)[3] - 1
                else:
                    rowbound = lowerbound
                live = []
                for state, lp in tj.items():
                    if lp >= rowbound:
                        fol, fu_guess, mcache = followups(state)
                        if fol:
                            live.append((lp, fol, mcache, fu_guess))
                if live:
                    r = ([(lp, fol, mcache) for lp, fol, mcache, _ in live],
                         [(lp + lpt, gi, newstate) for lp, _, _, fu_guess in live for gi, lpt, newstate in fu_guess] if guess else ())
            rows.append(r)
            if prefixes is not None:
                if len(prefixes) > 300_000:
                    prefixes.clear()
                prefixes[word[:j]] = r or ()
        if wlen == 0:
            tj = {(EMPTY, START): 0}
        last: dict = {}
        final = self.final
        for state, lp in tj.items():
            for tag1, lpt in final.get(state, ()):
                lp1 = lp + lpt
                if lp1 > lowerbound:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict[int, float] = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = _logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=itemgetter(1), reverse=True)
        return result_list or [(UNKNOWN, 0)]

    def viterbi_py(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """HanTa's `analyze_viterbi` in pure Python, pulling row by row as `forward` does (same rows, same
        back-pointers), with the rows of prefixes already seen reused."""
        if targetpos not in self.reachability:
            return self.t.__class__.analyze_viterbi(self.t, word, targetpos)
        wlen = len(word)
        lowerbound = -1e6
        index = self.index
        maxlen = self.max_morpheme
        short = wlen < 4
        gcache = self._gvec_cache
        followups = self._followups
        merged_of = self._merged
        keys = None
        start = (EMPTY, START)
        tj: dict = {}
        last: dict = {}
        bps: list[dict] = []
        for localstrict in (True, False):
            guess = not localstrict
            if guess and keys is None:
                keys = self._suffix_keys(word)
            prefixes = None
            if wlen >= 4:
                prefixes = self._vprefix_rows.get((targetpos, guess))
                if prefixes is None:
                    if len(self._vprefix_rows) > 200 or sum(len(d) for d in self._vprefix_rows.values()) > 200_000:
                        self._vprefix_rows.clear()
                    prefixes = self._vprefix_rows[(targetpos, guess)] = {}
            fol, fu_guess, mcache = followups(start, targetpos)
            back = (start, 0)
            rows: list = [([(0, fol, mcache, back)], [(0 + lpt, gi, newstate, back) for gi, lpt, newstate in fu_guess] if guess else ())
                          if fol else None]
            bps = [{}]
            tj = {start: 0} if wlen == 0 else {}
            bj: dict = {}
            for j in range(1, wlen + 1):
                if prefixes is not None and j < wlen:
                    hit = prefixes.get(word[:j])
                    if hit is not None:
                        rows.append(hit[0])
                        bps.append(hit[1])
                        continue
                tj = {}
                bj = {}
                for i in range(j):
                    r = rows[i]
                    if r is None:
                        continue
                    mlen = j - i
                    if mlen <= maxlen:
                        seg = word[i:j]
                        exact = index.get(seg)
                    else:
                        seg = exact = None
                    if guess and (short or mlen > 2):
                        ck = (mlen if mlen < 24 else 24, keys[j][mlen - 1 if mlen < 5 else 4], mlen == wlen)
                        gv = gcache.get(ck)
                        if gv is None:
                            gv = self._gvec(mlen, ck[1], ck[2])
                    elif exact is None:
                        continue
                    else:
                        gv = None
                    if exact is None:
                        for c, gi, newstate, back in r[1]:
                            lp1 = c + gv[gi]
                            if lp1 > lowerbound:
                                old = tj.get(newstate)
                                if old is None or lp1 > old:
                                    tj[newstate] = lp1
                                    bj[newstate] = back
                        continue
                    for lp, fol, mcache, back in r[0]:
                        if mcache is not None:
                            mc = mcache[gv is not None]
                            merged = mc.get(seg)
                            if merged is None:
                                if len(mc) > 100_000:
                                    mc.clear()
                                merged = mc[seg] = merged_of(mcache, exact, gv is not None)
                            for lpt, m, gi, newstate in merged:
                                lp1 = lp + lpt + (gv[gi] if m is None else m)
                                if lp1 > lowerbound:
                                    old = tj.get(newstate)
                                    if old is None or lp1 > old:
                                        tj[newstate] = lp1
                                        bj[newstate] = back
                            continue
                        for tag1, lpt, gi, newstate in fol:
                            m = exact.get(tag1)
                            if m is None:
                                if gi < 0 or gv is None:
                                    continue
                                m = gv[gi]
                            lp1 = lp + lpt + m
                            if lp1 > lowerbound:
                                old = tj.get(newstate)
                                if old is None or lp1 > old:
                                    tj[newstate] = lp1
                                    bj[newstate] = back
                if j == wlen:
                    break
                r = None
                if tj:
                    if len(tj) > 3:
                        rowbound = sorted(tj.values(), reverse=True)[3] - 1
                    else:
                        rowbound = lowerbound
                    live = []
                    for state, lp in tj.items():
                        if lp >= rowbound:
                            fol, fu_guess, mcache = followups(state, targetpos)
                            if fol:
                                live.append((lp, fol, mcache, fu_guess, (state, j)))
                    if live:
                        r = ([(lp, fol, mcache, back) for lp, fol, mcache, _, back in live],
                             [(lp + lpt, gi, newstate, back) for lp, _, _, fu_guess, back in live
                              for gi, lpt, newstate in fu_guess] if guess else ())
                rows.append(r)
                bps.append(bj)
                if prefixes is not None:
                    prefixes[word[:j]] = (r, bj)
            if wlen:
                bps.append(bj)
            last = {}
            blast: dict = {}
            for state, lp in tj.items():
                for tag1, lpt in self.final.get(state, ()):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > lowerbound:
                            newstate = (state[1], tag1)
                            if newstate not in last or lp1 > last[newstate]:
                                last[newstate] = lp1
                                blast[newstate] = (state, wlen)
                        break
            bps.append(blast)
            if last:
                break
        pmax = -math.inf
        beststate = (EMPTY, EMPTY)
        for state, lp in last.items():
            if lp > pmax:
                pmax = lp
                beststate = state
        i = wlen + 1
        if beststate == (EMPTY, EMPTY):
            states = [((UNKNOWN, -UNKNOWN), i), ((START, UNKNOWN), i - 1)]
        else:
            states = [(beststate, i)]
            state = beststate
            while i > 0:
                state, i = bps[i][state]
                states.append((state, i))
            states = states[:-1]
        return [(state[1], i) for (state, i) in states[::-1]]
