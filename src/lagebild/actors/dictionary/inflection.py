"""German inflection for the dictionary: the case, number and feminine forms of title and
agent nouns (the ``inflect`` classes of titles.yaml and agents.yaml) and the forms of demonyms."""

from __future__ import annotations

_INFLECTIONS = ("er", "weak", "e", "s", "or", "adj", "en", "pl", "none")


def _inflect(lemma: str, cls: str, plural: str | None = None) -> list[str]:
    """Case and number forms of a noun (masculine or as written).

    er: Minister, Ministers, Ministern · weak: Präsident, Präsidenten ·
    e: König, Königs, Könige, Königen · s: Chef, Chefs · or: Diktator,
    Diktators, Diktatoren · adj: Abgeordneter, -e, -en, -em, -es ·
    en: Regierung, Regierungen (Armee, Armeen) · pl: plural-only
    (Streitkräfte, -n) · none: as written."""
    w = lemma
    if cls == "er":
        forms = [w, w + "s", w + "n"]
    elif cls == "weak":
        forms = [w, w + ("n" if w.endswith("e") else "en")]
    elif cls == "e":
        forms = [w, w + "s", w + "es", w + "e", w + "en"]
    elif cls == "s":
        forms = [w, w + "s"]
    elif cls == "or":
        forms = [w, w + "s", w + "en"]
    elif cls == "adj":
        stem = w[:-2] if w.endswith("er") else w[:-1] if w.endswith("e") else w
        forms = [stem + e for e in ("e", "er", "en", "em", "es")]
    elif cls == "en":
        forms = [w, w + ("n" if w.endswith("e") else "en")]
    elif cls == "pl":
        forms = [w] if w.endswith(("n", "s")) else [w, w + "n"]
    else:
        forms = [w]
    if plural:
        forms.append(plural)
        if not plural.endswith(("n", "s")):
            forms.append(plural + "n")
    return forms


def _feminine(lemma: str, cls: str) -> list[str]:
    if cls == "adj":
        return []  # Abgeordnete: the same forms
    base = lemma[:-1] if lemma.endswith("e") and cls == "weak" else lemma
    fem = base + "in"
    return [fem, fem + "nen"]


def _demonym_forms(word: str) -> list[str]:
    """Nordkoreaner → -n, -s; Afghane → Afghanen; Afghanin → Afghaninnen;
    Israeli → Israelis; Jemenit → Jemeniten."""
    if word.endswith("in"):
        return [word, word + "nen"]
    if word.endswith("e"):
        return [word, word + "n"]
    if word.endswith(("i", "a", "o")):
        return [word, word + "s"]
    if word.endswith(("it", "ot")):
        return [word, word + "en"]
    return [word, word + "n", word + "s"]
