"""The language stage: Article → Article with a spaCy Doc over its text."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Iterator

from lagebild.record import Article


class LanguageStage:
    """Runs the German `Language` (see `build_language`) on `article.text`.

    German articles (``language == "de"``) get ``article.doc`` (transient, not
    serialised) and ``"language"`` in ``article.layers``; others pass through
    untouched. The `Language` is built on first use (or pass one as `nlp`).
    """

    name = "language"

    def __init__(self, nlp: Any = None, nlp_config: dict | None = None, batch_size: int = 32):
        self._nlp = nlp
        self._nlp_config = nlp_config
        self.batch_size = batch_size

    @property
    def nlp(self):
        if self._nlp is None:
            from lagebild.language import build_language

            self._nlp = build_language(self._nlp_config)
        return self._nlp

    @staticmethod
    def applies(article: Article) -> bool:
        return article.language == "de"

    def _done(self, article: Article, doc) -> Article:
        article.doc = doc
        if self.name not in article.layers:
            article.layers.append(self.name)
        return article

    def __call__(self, article: Article) -> Article:
        if not self.applies(article):
            return article
        return self._done(article, self.nlp(article.text or ""))

    def process_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Article]:
        """Like calling the stage on each article, in order, with German texts batched through `nlp.pipe`."""
        size = batch_size or self.batch_size
        it = iter(articles)
        while True:
            batch = list(islice(it, size))
            if not batch:
                return
            german = [a for a in batch if self.applies(a)]
            if german:
                for article, doc in zip(german, self.nlp.pipe((a.text or "" for a in german), batch_size=size)):
                    self._done(article, doc)
            yield from batch
