"""Statistical named-entity recogniser (spaCy tok2vec + ner, trained from scratch)."""
