# SPDX-License-Identifier: LGPL-3.0-or-later
# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
# A port of parts of HanTa (Hanover Tagger, (c) Christian Wartena, LGPL-3.0-or-later),
# like hanta.py, whose pure-Python loops it compiles.
"""Compiled loops of `lagebild.language.hanta` (optional; the pure-Python code gives the same results).

* `WordKernel.forward` / `WordKernel.viterbi`: the table of HanTa's
  `analyze_forward` / `analyze_viterbi` over the character positions of a word.
* `SentKernel.tag_ids`: the sentence Viterbi of `CachedHanTa.tag_ids`.

States (tag, tag) are int ids, scores C doubles; rows are filled in the same
order as in hanta.py (earlier row, state, follower), every score is the same
sum in the same order, and ties go to the first entry as there, so the results
are HanTa's, bit for bit. Both kernels return None where they leave a case to
the Python code (an empty word, a state the tables do not know).
"""

from libc.math cimport INFINITY
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memset

cdef enum:
    TOFF = 128  # tag ids are stored as tag + TOFF, 0..255
    TN = 256
    GMAX = 64  # at most this many guessable tags

cdef double LOWERBOUND = -1e6


cdef struct Entry:
    int sid      # state
    int bpsid    # back-pointer: state in the earlier row
    int bprow    # back-pointer: that row (word kernel) / entry index (sentence kernel)
    double lp


cdef struct Buf:
    Entry *e
    Py_ssize_t n
    Py_ssize_t cap


cdef int buf_reserve(Buf *b, Py_ssize_t extra) except -1:
    cdef Py_ssize_t cap
    cdef Entry *p
    if b.n + extra <= b.cap:
        return 0
    cap = b.cap * 2 if b.cap else 64
    while cap < b.n + extra:
        cap *= 2
    p = <Entry *> realloc(b.e, cap * sizeof(Entry))
    if p == NULL:
        raise MemoryError()
    b.e = p
    b.cap = cap
    return 0


cdef class Trie:
    """Strings -> int ids, walked a character at a time. Built with sibling lists, then
    (`freeze`) laid out breadth-first so that the children of a node are consecutive
    (`cstart`, `cn`); the root's children below U+0100 are in a table."""

    cdef Py_UCS4 *ch
    cdef int *first
    cdef int *nxt
    cdef int *val
    cdef int n, cap
    cdef int *cstart
    cdef int *cn
    cdef bint frozen
    cdef int root[256]

    def __cinit__(self, Py_ssize_t cap):
        cdef int k
        self.cap = <int> cap + 1
        self.ch = <Py_UCS4 *> malloc(self.cap * sizeof(Py_UCS4))
        self.first = <int *> malloc(self.cap * sizeof(int))
        self.nxt = <int *> malloc(self.cap * sizeof(int))
        self.val = <int *> malloc(self.cap * sizeof(int))
        self.cstart = NULL
        self.cn = NULL
        self.frozen = False
        if not (self.ch and self.first and self.nxt and self.val):
            raise MemoryError()
        for k in range(256):
            self.root[k] = -1
        self.n = 1
        self.ch[0] = 0
        self.first[0] = self.nxt[0] = self.val[0] = -1

    def __dealloc__(self):
        free(self.ch); free(self.first); free(self.nxt); free(self.val); free(self.cstart); free(self.cn)

    cdef inline int child(self, int node, Py_UCS4 c) noexcept:
        cdef int k, e
        if node == 0 and c < 256:
            return self.root[c]
        if self.frozen:
            k = self.cstart[node]
            e = k + self.cn[node]
            while k < e:
                if self.ch[k] == c:
                    return k
                k += 1
            return -1
        k = self.first[node]
        while k >= 0:
            if self.ch[k] == c:
                return k
            k = self.nxt[k]
        return -1

    cdef int insert(self, str key, int v) except -1:
        cdef int node = 0, k
        cdef Py_UCS4 c
        for c in key:
            k = self.child(node, c)
            if k < 0:
                if self.n >= self.cap:
                    raise ValueError("trie full")
                k = self.n
                self.n += 1
                self.ch[k] = c
                self.first[k] = -1
                self.val[k] = -1
                self.nxt[k] = self.first[node]
                self.first[node] = k
                if node == 0 and c < 256:
                    self.root[c] = k
            node = k
        self.val[node] = v
        return 0

    cdef int freeze(self) except -1:
        """Renumbers the nodes breadth-first: the children of a node become consecutive."""
        cdef int n = self.n, head = 0, tail = 1, k, old, m
        cdef int *new_of = <int *> malloc(n * sizeof(int))
        cdef int *queue = <int *> malloc(n * sizeof(int))
        cdef Py_UCS4 *ch2 = <Py_UCS4 *> malloc(n * sizeof(Py_UCS4))
        cdef int *val2 = <int *> malloc(n * sizeof(int))
        self.cstart = <int *> malloc(n * sizeof(int))
        self.cn = <int *> malloc(n * sizeof(int))
        if not (new_of and queue and ch2 and val2 and self.cstart and self.cn):
            free(new_of); free(queue); free(ch2); free(val2)
            raise MemoryError()
        queue[0] = 0  # queue[new id] = old id
        while head < tail:
            old = queue[head]
            self.cstart[head] = tail
            m = 0
            k = self.first[old]
            while k >= 0:
                queue[tail] = k
                tail += 1
                m += 1
                k = self.nxt[k]
            self.cn[head] = m
            head += 1
        for k in range(n):
            ch2[k] = self.ch[queue[k]]
            val2[k] = self.val[queue[k]]
            new_of[queue[k]] = k
        for k in range(256):
            if self.root[k] >= 0:
                self.root[k] = new_of[self.root[k]]
        free(self.ch); free(self.val); free(self.first); free(self.nxt)
        self.ch, self.val = ch2, val2
        self.first = self.nxt = NULL
        free(new_of); free(queue)
        self.frozen = True
        return 0


cdef inline int _tag(object t) except -1:
    cdef long v = t
    if v < -TOFF or v >= TOFF:
        raise ValueError(f"tag id {v} out of range")
    return <int> (v + TOFF)


cdef struct Table:
    # the working memory of one word's table (see WordKernel._table), allocated per call
    Py_ssize_t sw        # segment lengths looked up per start position (longest morpheme + 1, at most)
    int *segm            # per (start, length): morpheme id, -1 none, -2 not looked up yet
    int *keys            # per end position: the suffix keys of the guesser
    Py_ssize_t *row_off  # per row: where its expanded states start in `rows`
    double *val          # per state: score in the row being filled
    int *ibuf            # per state: stamp, order, back-pointer state, back-pointer row (4 × nstates)
    Buf rows


cdef int table_init(Table *tb, Py_ssize_t wlen, Py_ssize_t maxlen, int n) except -1:
    cdef Py_ssize_t k
    tb.sw = (maxlen if maxlen < wlen else wlen) + 1
    tb.rows.e = NULL
    tb.rows.n = tb.rows.cap = 0
    tb.segm = <int *> malloc((wlen + 1) * tb.sw * sizeof(int))
    tb.keys = <int *> malloc(5 * (wlen + 1) * sizeof(int))
    tb.row_off = <Py_ssize_t *> malloc((wlen + 2) * sizeof(Py_ssize_t))
    tb.val = <double *> malloc(n * sizeof(double))
    tb.ibuf = <int *> calloc(4 * n, sizeof(int))
    if not (tb.segm and tb.keys and tb.row_off and tb.val and tb.ibuf):
        raise MemoryError()
    for k in range((wlen + 1) * tb.sw):
        tb.segm[k] = -2
    return 0


cdef void table_free(Table *tb) noexcept:
    free(tb.segm); free(tb.keys); free(tb.row_off); free(tb.val); free(tb.ibuf); free(tb.rows.e)


cdef inline int _keep_best(int ns, double lp, int st, int bp1, int bp2, int *stamp, double *val,
                           int *bpa, int *bpb, int *order, int cnt) noexcept nogil:
    """A score `lp` for state `ns` in the row being filled (stamped `st`): the first score enters
    the row, in arrival order, a later one only replaces it when strictly higher (HanTa's dict
    semantics); `bpa`/`bpb` (or NULL) take the back-pointers `bp1`/`bp2`. Returns the row's new
    number of states."""
    if stamp[ns] != st:
        stamp[ns] = st
        val[ns] = lp
        bpa[ns] = bp1
        if bpb != NULL:
            bpb[ns] = bp2
        order[cnt] = ns
        return cnt + 1
    if lp > val[ns]:
        val[ns] = lp
        bpa[ns] = bp1
        if bpb != NULL:
            bpb[ns] = bp2
    return cnt


cdef class WordKernel:
    """HanTa's per-word analyses over int states; built from a `FastAnalysis`."""

    cdef int nstates, start, G, maxlen, strict, nsuf
    cdef int *s_b
    cdef int *fol_off
    cdef int *fol_tag
    cdef int *fol_gi
    cdef int *fol_ns
    cdef double *fol_lpt
    cdef int *gfol_off     # per state, its guessable followers: indices into the fol_ arrays
    cdef int *gfol
    cdef int *fin_off
    cdef int *fin_tag
    cdef double *fin_lpt
    cdef int *m_off
    cdef int *m_tag
    cdef double *m_lp
    cdef double *base
    cdef double *suf
    cdef Trie mtrie        # morphemes
    cdef Trie strie        # suffixes, reversed
    cdef dict masks
    cdef object reach
    cdef readonly tuple states

    def __cinit__(self):
        self.s_b = NULL
        self.fol_off = self.fol_tag = self.fol_gi = self.fol_ns = NULL
        self.fol_lpt = NULL
        self.gfol_off = self.gfol = NULL
        self.fin_off = self.fin_tag = NULL
        self.fin_lpt = NULL
        self.m_off = self.m_tag = NULL
        self.m_lp = self.base = self.suf = NULL

    def __dealloc__(self):
        free(self.s_b); free(self.fol_off); free(self.fol_tag); free(self.fol_gi); free(self.fol_ns)
        free(self.fol_lpt); free(self.gfol_off); free(self.gfol); free(self.fin_off); free(self.fin_tag); free(self.fin_lpt)
        free(self.m_off); free(self.m_tag); free(self.m_lp); free(self.base); free(self.suf)

    def __init__(self, fast, int empty, int start):
        cdef Py_ssize_t k, f, n, g, ng
        nonfinal = fast.nonfinal
        final = fast.final
        states = {}
        for s in list(nonfinal) + list(final):
            states.setdefault(s, len(states))
        for s, fol in list(nonfinal.items()):
            for t, _ in fol:
                states.setdefault((s[1], t), len(states))
        states.setdefault((empty, start), len(states))
        self.states = tuple(states)
        self.nstates = n = len(states)
        self.start = states[(empty, start)]
        self.strict = bool(fast.strict)
        gindex = fast.gindex
        self.G = len(fast.guessable)
        if self.G > GMAX:
            raise ValueError("too many guessable tags")
        self.s_b = <int *> malloc(n * sizeof(int))
        self.fol_off = <int *> malloc((n + 1) * sizeof(int))
        self.fin_off = <int *> malloc((n + 1) * sizeof(int))
        nf = sum(len(nonfinal.get(s, ())) for s in states)
        nfin = sum(len(final.get(s, ())) for s in states)
        self.fol_tag = <int *> malloc((nf + 1) * sizeof(int))
        self.fol_gi = <int *> malloc((nf + 1) * sizeof(int))
        self.fol_ns = <int *> malloc((nf + 1) * sizeof(int))
        self.fol_lpt = <double *> malloc((nf + 1) * sizeof(double))
        self.gfol_off = <int *> malloc((n + 1) * sizeof(int))
        self.gfol = <int *> malloc((nf + 1) * sizeof(int))
        self.fin_tag = <int *> malloc((nfin + 1) * sizeof(int))
        self.fin_lpt = <double *> malloc((nfin + 1) * sizeof(double))
        if not (self.s_b and self.fol_off and self.fin_off and self.fol_tag and self.fol_gi and self.fol_ns
                and self.fol_lpt and self.fin_tag and self.fin_lpt and self.gfol_off and self.gfol):
            raise MemoryError()
        f = 0
        nfin = 0
        ng = 0
        for s, k in states.items():
            self.s_b[k] = s[1]
            self.fol_off[k] = f
            self.gfol_off[k] = ng
            for t, p in nonfinal.get(s, ()):
                if t in gindex:
                    self.gfol[ng] = f
                    ng += 1
                self.fol_tag[f] = _tag(t)
                self.fol_gi[f] = gindex.get(t, -1)
                self.fol_ns[f] = states[(s[1], t)]
                self.fol_lpt[f] = p
                f += 1
            self.fin_off[k] = nfin
            for t, p in final.get(s, ()):
                _tag(t)
                self.fin_tag[nfin] = t
                self.fin_lpt[nfin] = p
                nfin += 1
        self.fol_off[n] = f
        self.gfol_off[n] = ng
        self.fin_off[n] = nfin
        # morphemes: segment -> id, and per id its (tag, score) pairs
        index = fast.index
        self.maxlen = fast.max_morpheme
        total = sum(len(d) for d in index.values())
        self.m_off = <int *> malloc((len(index) + 1) * sizeof(int))
        self.m_tag = <int *> malloc((total + 1) * sizeof(int))
        self.m_lp = <double *> malloc((total + 1) * sizeof(double))
        if not (self.m_off and self.m_tag and self.m_lp):
            raise MemoryError()
        self.mtrie = Trie(sum(len(seg) for seg in index))
        f = 0
        for k, (seg, d) in enumerate(index.items()):
            self.mtrie.insert(seg, <int> k)
            self.m_off[k] = f
            for t, p in d.items():
                self.m_tag[f] = _tag(t)
                self.m_lp[f] = p
                f += 1
        self.m_off[len(index)] = f
        self.mtrie.freeze()
        # guesses: base[min(len, 24)][g] + suf[suffix][g] (- 4.6 for the whole word), as FastAnalysis._gvec
        suffixes = [""] + sorted(x for x in fast.suffixes if x != "")
        self.strie = Trie(sum(len(x) for x in suffixes))
        for k, x in enumerate(suffixes):
            if k:
                self.strie.insert(x[::-1], <int> k)
        self.strie.freeze()
        self.nsuf = len(suffixes)
        self.base = <double *> malloc((25 * self.G + 1) * sizeof(double))
        self.suf = <double *> malloc((self.nsuf * self.G + 1) * sizeof(double))
        if not (self.base and self.suf):
            raise MemoryError()
        for g, t in enumerate(fast.guessable):
            for k in range(25):
                self.base[k * self.G + g] = fast.base[t][k]
            table = fast.suf[t]
            for k, x in enumerate(suffixes):
                self.suf[k * self.G + g] = table[x]  # KeyError: '' not a suffix: no kernel
        self.reach = fast.reachability
        self.masks = {}

    # -- helpers ---------------------------------------------------------------

    cdef int _keys(self, str word, Py_ssize_t wlen, int *keys) except -1:
        """FastAnalysis._suffix_keys as suffix ids: keys[5*j + min(len, 5) - 1]."""
        cdef Py_ssize_t j, d
        cdef int node, k
        cdef Trie tr = self.strie
        for j in range(1, wlen + 1):
            keys[5 * j] = 0
            k = 0  # the longest suffix of word[:j] of length <= d in the table, else ''
            node = 0
            for d in range(1, 5):
                if node >= 0 and d <= j:
                    node = tr.child(node, word[j - d])
                    if node >= 0 and tr.val[node] >= 0:
                        k = tr.val[node]
                else:
                    node = -1
                keys[5 * j + d] = k
        return 0

    cdef inline bint _has_fol(self, int s, const char *mask) noexcept:
        cdef int f
        if mask == NULL:
            return self.fol_off[s + 1] > self.fol_off[s]
        for f in range(self.fol_off[s], self.fol_off[s + 1]):
            if mask[self.fol_tag[f]]:
                return True
        return False

    cdef int _table(self, str word, Py_ssize_t wlen, bint guess, const char *mask, int *segm, Py_ssize_t sw,
                    int *keys, Buf *rows, Py_ssize_t *row_off, double *val, int *stamp, int *order,
                    int *bps, int *bpr, int *stampc) except -1:
        """Fills the rows 1..wlen of the table; returns the number of states in row wlen (their
        ids in `order`, scores in `val`, back-pointers in `bps`/`bpr`). Rows 0..wlen-1 keep
        the states HanTa expands, in `rows` from `row_off[i]` to `row_off[i + 1]`."""
        cdef Py_ssize_t i, j, mlen, e, e0, e1, k
        cdef int f, t, s, ns, st, cnt = 0, mid, n, kid, G = self.G, estamp = 0, g, q
        cdef bint gok, short = wlen < 4
        cdef double lp, lp1, m, rowbound, a, top0, top1, top2, top3
        cdef double gv[GMAX]
        cdef int ex_stamp[TN]
        cdef double ex_val[TN]
        cdef int node
        cdef Trie mt = self.mtrie
        memset(ex_stamp, 0, sizeof(ex_stamp))
        rows.n = 0
        row_off[0] = 0
        if self._has_fol(self.start, mask):
            buf_reserve(rows, 1)
            rows.e[0].sid = self.start
            rows.e[0].lp = 0.0
            rows.e[0].bpsid = -1
            rows.e[0].bprow = -1
            rows.n = 1
        row_off[1] = rows.n
        for j in range(1, wlen + 1):
            stampc[0] += 1
            st = stampc[0]
            cnt = 0
            for i in range(j):
                e0 = row_off[i]
                e1 = row_off[i + 1]
                if e0 == e1:
                    continue
                mlen = j - i
                if segm[i * sw] == -2:
                    # the morphemes starting at i, for every length (one walk down the trie)
                    segm[i * sw] = -1
                    node = 0
                    for k in range(1, sw):
                        if node >= 0 and i + k <= wlen:
                            node = mt.child(node, word[i + k - 1])
                        else:
                            node = -1
                        segm[i * sw + k] = mt.val[node] if node >= 0 else -1
                mid = -1
                if mlen < sw:
                    mid = segm[i * sw + mlen]
                gok = guess and (short or mlen > 2)
                if mid < 0 and not gok:
                    continue
                if gok:
                    n = <int> (mlen if mlen < 24 else 24)
                    kid = keys[5 * j + (mlen - 1 if mlen < 5 else 4)]
                    for g in range(G):
                        gv[g] = self.base[n * G + g] + self.suf[kid * G + g]
                        if mlen == wlen:
                            gv[g] -= 4.6
                if mid < 0:
                    # not a morpheme: only the guessable followers score (in the same order)
                    for e in range(e0, e1):
                        lp = rows.e[e].lp
                        s = rows.e[e].sid
                        for q in range(self.gfol_off[s], self.gfol_off[s + 1]):
                            f = self.gfol[q]
                            if mask != NULL and not mask[self.fol_tag[f]]:
                                continue
                            lp1 = lp + self.fol_lpt[f] + gv[self.fol_gi[f]]
                            if lp1 > LOWERBOUND:
                                cnt = _keep_best(self.fol_ns[f], lp1, st, s, <int> i, stamp, val, bps, bpr, order, cnt)
                    continue
                estamp += 1
                for f in range(self.m_off[mid], self.m_off[mid + 1]):
                    ex_stamp[self.m_tag[f]] = estamp
                    ex_val[self.m_tag[f]] = self.m_lp[f]
                for e in range(e0, e1):
                    lp = rows.e[e].lp
                    s = rows.e[e].sid
                    for f in range(self.fol_off[s], self.fol_off[s + 1]):
                        t = self.fol_tag[f]
                        if mask != NULL and not mask[t]:
                            continue
                        if ex_stamp[t] == estamp:
                            m = ex_val[t]
                        elif gok and self.fol_gi[f] >= 0:
                            m = gv[self.fol_gi[f]]
                        else:
                            continue
                        lp1 = lp + self.fol_lpt[f] + m
                        if lp1 > LOWERBOUND:
                            cnt = _keep_best(self.fol_ns[f], lp1, st, s, <int> i, stamp, val, bps, bpr, order, cnt)
            if j == wlen:
                break
            # the states HanTa expands: its best four, and those within 1 of the fourth
            rowbound = LOWERBOUND
            if cnt > 3:
                top0 = top1 = top2 = top3 = -INFINITY
                for k in range(cnt):
                    a = val[order[k]]
                    if a > top3:
                        if a > top2:
                            top3 = top2
                            if a > top1:
                                top2 = top1
                                if a > top0:
                                    top1 = top0
                                    top0 = a
                                else:
                                    top1 = a
                            else:
                                top2 = a
                        else:
                            top3 = a
                rowbound = top3 - 1
            buf_reserve(rows, cnt)
            for k in range(cnt):
                ns = order[k]
                if val[ns] >= rowbound and self._has_fol(ns, mask):
                    e = rows.n
                    rows.e[e].sid = ns
                    rows.e[e].lp = val[ns]
                    rows.e[e].bpsid = bps[ns]
                    rows.e[e].bprow = bpr[ns]
                    rows.n = e + 1
            row_off[j + 1] = rows.n
        return cnt

    # -- the analyses ----------------------------------------------------------

    def forward(self, str word):
        """The final entries of HanTa's `analyze_forward` table, in its order, as (pos, score);
        None for the empty word. Summing them per pos and sorting is left to the caller."""
        cdef Py_ssize_t wlen = len(word), k, q, nlast = 0
        cdef int cnt, s, b, f, t, st = 0
        cdef double lp, lp1
        if wlen == 0:
            return None
        cdef int n = self.nstates
        cdef Table tb
        cdef double *val
        cdef int *ibuf
        cdef int *lt = NULL
        cdef int *lb = NULL
        cdef double *lv = NULL
        try:
            table_init(&tb, wlen, self.maxlen, n)
            val, ibuf = tb.val, tb.ibuf
            if not self.strict:
                self._keys(word, wlen, tb.keys)
            cnt = self._table(word, wlen, not self.strict, NULL, tb.segm, tb.sw, tb.keys, &tb.rows, tb.row_off,
                              val, ibuf, ibuf + n, ibuf + 2 * n, ibuf + 3 * n, &st)
            # final transitions, keyed by (state[1], final tag)
            q = 0
            for k in range(cnt):
                s = ibuf[n + k]
                q += self.fin_off[s + 1] - self.fin_off[s]
            lt = <int *> malloc((q + 1) * sizeof(int))
            lb = <int *> malloc((q + 1) * sizeof(int))
            lv = <double *> malloc((q + 1) * sizeof(double))
            if not (lt and lb and lv):
                raise MemoryError()
            for k in range(cnt):
                s = ibuf[n + k]
                lp = val[s]
                b = self.s_b[s]
                for f in range(self.fin_off[s], self.fin_off[s + 1]):
                    lp1 = lp + self.fin_lpt[f]
                    if lp1 > LOWERBOUND:
                        t = self.fin_tag[f]
                        for q in range(nlast):
                            if lt[q] == t and lb[q] == b:
                                if lp1 > lv[q]:
                                    lv[q] = lp1
                                break
                        else:
                            lt[nlast] = t
                            lb[nlast] = b
                            lv[nlast] = lp1
                            nlast += 1
            return [(-lt[q], lv[q]) for q in range(nlast)]
        finally:
            table_free(&tb)
            free(lt); free(lb); free(lv)

    cdef bytes _mask(self, int targetpos):
        m = self.masks.get(targetpos)
        if m is None:
            arr = bytearray(TN)
            for t in self.reach[targetpos]:
                if -TOFF <= t < TOFF:
                    arr[t + TOFF] = 1
            m = self.masks[targetpos] = bytes(arr)
        return m

    def viterbi(self, str word, int targetpos):
        """HanTa's `analyze_viterbi` as (tag, end) pairs; None for the empty word or a target
        without reachability (left to the caller), [] when no analysis reaches the target."""
        cdef Py_ssize_t wlen = len(word), k, q, nlast = 0, i
        cdef int cnt = 0, s, b, f, st = 0, best, ip
        cdef double lp, lp1, pmax
        cdef bint guess
        if wlen == 0 or targetpos not in self.reach:
            return None
        cdef bytes maskb = self._mask(targetpos)
        cdef const char *mask = maskb
        cdef int n = self.nstates
        cdef Table tb
        cdef double *val
        cdef int *ibuf
        cdef int *keys
        cdef Py_ssize_t *row_off
        cdef int *lb = <int *> malloc((n + 1) * sizeof(int))
        cdef int *ls = <int *> malloc((n + 1) * sizeof(int))
        cdef double *lv = <double *> malloc((n + 1) * sizeof(double))
        cdef int *bps
        cdef int *bpr
        try:
            table_init(&tb, wlen, self.maxlen, n)
            if not (lb and ls and lv):
                raise MemoryError()
            val, ibuf, keys, row_off = tb.val, tb.ibuf, tb.keys, tb.row_off
            bps = ibuf + 2 * n
            bpr = ibuf + 3 * n
            for guess in (False, True):
                if guess:
                    self._keys(word, wlen, keys)
                cnt = self._table(word, wlen, guess, mask, tb.segm, tb.sw, keys, &tb.rows, row_off, val,
                                  ibuf, ibuf + n, bps, bpr, &st)
                nlast = 0
                for k in range(cnt):
                    s = ibuf[n + k]
                    for f in range(self.fin_off[s], self.fin_off[s + 1]):
                        if self.fin_tag[f] == targetpos:
                            lp1 = val[s] + self.fin_lpt[f]
                            if lp1 > LOWERBOUND:
                                b = self.s_b[s]
                                for q in range(nlast):
                                    if lb[q] == b:
                                        if lp1 > lv[q]:
                                            lv[q] = lp1
                                            ls[q] = s
                                        break
                                else:
                                    lb[nlast] = b
                                    lv[nlast] = lp1
                                    ls[nlast] = s
                                    nlast += 1
                            break
                if nlast:
                    break
            if not nlast:
                return []
            pmax = -INFINITY
            best = 0
            for q in range(nlast):
                if lv[q] > pmax:
                    pmax = lv[q]
                    best = <int> q
            out = [(targetpos, wlen + 1)]
            s = ls[best]
            out.append((self.s_b[s], wlen))
            # row wlen: its back-pointers are in bps/bpr
            ip = bpr[s]
            s = bps[s]
            while ip > 0:
                out.append((self.s_b[s], ip))
                for q in range(row_off[ip], row_off[ip + 1]):
                    if tb.rows.e[q].sid == s:
                        s, ip = tb.rows.e[q].bpsid, tb.rows.e[q].bprow
                        break
                else:
                    raise RuntimeError("broken back-pointer")
            out.reverse()
            return out
        finally:
            table_free(&tb)
            free(lb); free(ls); free(lv)


cdef class SentKernel:
    """The sentence Viterbi of `CachedHanTa.tag_ids` over int states."""

    cdef int nstates, ncol, kend, start
    cdef double *trans
    cdef int *nxt
    cdef int *s_b
    cdef int col_of[TN]

    def __cinit__(self):
        self.trans = NULL
        self.nxt = NULL
        self.s_b = NULL

    def __dealloc__(self):
        free(self.trans); free(self.nxt); free(self.s_b)

    def __init__(self, dict trans, int empty, int start, int end):
        cdef Py_ssize_t k, c, n
        order = list(next(iter(trans.values())))
        states = {s: k for k, s in enumerate(trans)}
        self.nstates = n = len(states)
        self.ncol = len(order)
        if (empty, start) not in states or end not in order:
            raise ValueError("unexpected transition table")
        self.start = states[(empty, start)]
        self.kend = order.index(end)
        for k in range(TN):
            self.col_of[k] = -1
        for k, t in enumerate(order):
            self.col_of[_tag(t)] = <int> k
        self.trans = <double *> malloc(n * self.ncol * sizeof(double))
        self.nxt = <int *> malloc(n * self.ncol * sizeof(int))
        self.s_b = <int *> malloc(n * sizeof(int))
        if not (self.trans and self.nxt and self.s_b):
            raise MemoryError()
        for s, k in states.items():
            row = trans[s]
            if list(row) != order:
                raise ValueError("transition tables differ in their tag order")
            self.s_b[k] = s[1]
            for c, t in enumerate(order):
                self.trans[k * self.ncol + c] = row[t]
                self.nxt[k * self.ncol + c] = states.get((s[1], t), -1)

    def tag_ids(self, sent, bint casesensitive, caseless, dict ecache, emission):
        """`CachedHanTa.tag_ids` for a non-empty sentence; None where the Python code decides."""
        cdef Py_ssize_t nw = len(sent), i, k, e, p0, p1, ne, q, nem
        cdef int c, s, ns, st = 0, col, cnt, ncol = self.ncol, kend = self.kend
        cdef double lp0, lp, rowbound, a, best_lp
        cdef double top[6]
        cdef bint cs, found
        # the emissions first (Python code), then the pure C part
        ems = []
        nem = 0
        for i in range(nw):
            w = sent[i]
            cs = casesensitive and i > 0 and not (caseless and caseless[i])
            wp = ecache.get((w, (1 if w[0].isupper() else 2) if cs else 0))
            if wp is None:
                wp = emission(w, cs)
            ems.append(wp)
            nem += len(wp)
        cdef Buf rows
        rows.e = NULL
        rows.n = rows.cap = 0
        cdef Py_ssize_t *row_off = <Py_ssize_t *> malloc((nw + 2) * sizeof(Py_ssize_t))
        cdef Py_ssize_t *em_off = <Py_ssize_t *> malloc((nw + 1) * sizeof(Py_ssize_t))
        cdef int *em_col = <int *> malloc((nem + 1) * sizeof(int))
        cdef double *em_lp = <double *> malloc((nem + 1) * sizeof(double))
        cdef int *stamp = <int *> calloc(self.nstates, sizeof(int))
        cdef double *val = <double *> malloc(self.nstates * sizeof(double))
        cdef int *bpe = <int *> malloc(self.nstates * sizeof(int))
        cdef int *order = <int *> malloc(self.nstates * sizeof(int))
        try:
            if not (row_off and em_off and em_col and em_lp and stamp and val and bpe and order):
                raise MemoryError()
            q = 0
            for i in range(nw):
                em_off[i] = q
                for t, p in ems[i]:
                    c = <int> t
                    em_col[q] = self.col_of[c + TOFF] if -TOFF <= c < TOFF else -1
                    em_lp[q] = p
                    q += 1
            em_off[nw] = q
            # row 0 (before the first word): the start state
            buf_reserve(&rows, 1)
            rows.e[0].sid = self.start
            rows.e[0].lp = 0.0
            rows.e[0].bpsid = -1
            rows.e[0].bprow = -1
            rows.n = 1
            row_off[0] = 0
            row_off[1] = 1
            for i in range(nw):
                p0 = row_off[i]
                p1 = row_off[i + 1]
                rowbound = LOWERBOUND
                if p1 - p0 > 5:
                    for k in range(6):
                        top[k] = -INFINITY
                    for e in range(p0, p1):
                        a = rows.e[e].lp
                        if a > top[5]:
                            k = 5
                            while k > 0 and a > top[k - 1]:
                                top[k] = top[k - 1]
                                k -= 1
                            top[k] = a
                    rowbound = top[5] - 1
                st += 1
                cnt = 0
                for e in range(p0, p1):
                    lp0 = rows.e[e].lp
                    if lp0 < rowbound:
                        continue
                    s = rows.e[e].sid
                    for q in range(em_off[i], em_off[i + 1]):
                        col = em_col[q]
                        if col < 0:
                            continue
                        lp = lp0 + self.trans[s * ncol + col] + em_lp[q]
                        if lp > LOWERBOUND:
                            ns = self.nxt[s * ncol + col]
                            if ns < 0:
                                return None
                            cnt = _keep_best(ns, lp, st, <int> e, 0, stamp, val, bpe, NULL, order, cnt)
                if cnt == 0:  # unknown word (or no tag of it can follow): anything goes
                    for e in range(p0, p1):
                        lp0 = rows.e[e].lp
                        if lp0 < rowbound:
                            continue
                        s = rows.e[e].sid
                        for col in range(ncol):
                            if col == kend:
                                continue
                            lp = lp0 + self.trans[s * ncol + col]
                            if lp > LOWERBOUND:
                                ns = self.nxt[s * ncol + col]
                                if ns < 0:
                                    return None
                                cnt = _keep_best(ns, lp, st, <int> e, 0, stamp, val, bpe, NULL, order, cnt)
                buf_reserve(&rows, cnt)
                for k in range(cnt):
                    ns = order[k]
                    e = rows.n
                    rows.e[e].sid = ns
                    rows.e[e].lp = val[ns]
                    rows.e[e].bprow = bpe[ns]
                    rows.e[e].bpsid = -1
                    rows.n = e + 1
                row_off[i + 2] = rows.n
            p0 = row_off[nw]
            p1 = row_off[nw + 1]
            if p0 == p1:
                return None
            found = False
            best_lp = 0.0
            e = p0
            for k in range(p0, p1):
                lp = rows.e[k].lp + self.trans[rows.e[k].sid * ncol + kend]
                if not found or lp > best_lp:
                    found = True
                    best_lp = lp
                    e = k
            tags = [0] * nw
            for i in range(nw - 1, -1, -1):
                tags[i] = self.s_b[rows.e[e].sid]
                e = rows.e[e].bprow
            return tags
        finally:
            free(row_off); free(em_off); free(em_col); free(em_lp); free(stamp); free(val); free(bpe)
            free(order); free(rows.e)
