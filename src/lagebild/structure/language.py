"""Which language an article is written in (py3langid, model shipped in the package)."""

from __future__ import annotations

from functools import cached_property


class LanguageDetector:
    """Detects the language of a text; short texts are assumed to be German.

    py3langid ships its model inside its wheel, so detection is offline. The
    identifier is loaded on first use and kept for the life of the detector.
    """

    def __init__(self, min_chars: int = 40, default: str = "de"):
        self.min_chars = min_chars
        self.default = default

    @cached_property
    def _identifier(self):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def __call__(self, text: str) -> str:
        sample = text[:5000]
        if len(sample.strip()) < self.min_chars:
            return self.default
        language, _probability = self._identifier.classify(sample)
        return language
