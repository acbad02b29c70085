"""Regression guard: structure scores on the gold sets stay at the README's numbers."""

from pathlib import Path

from tests.conftest import need_shared

from lagebild.evaluate.structure import evaluate_structure

EXAMPLES_GOLD = Path(__file__).parent / "gold_examples"
VARIANTS_GOLD = Path(__file__).parent / "gold_variants"

# The numbers in the README (section "Measured quality"); lower them only with a reason.
SHARED_FIELD_ACCURACY = 1.0
SHARED_PARAGRAPH_F1 = 1.0
EXAMPLES_FIELD_ACCURACY = 1.0
EXAMPLES_PARAGRAPH_F1 = 1.0
VARIANTS_FIELD_ACCURACY = 1.0
VARIANTS_PARAGRAPH_F1 = 1.0


def test_shared_structure_gold(pipeline):
    gold = need_shared("gold", "structure")
    report = evaluate_structure(gold, pipeline)
    assert len(report.docs) == 20
    assert report.overall_field_accuracy() >= SHARED_FIELD_ACCURACY
    assert min(report.field_accuracy().values()) >= 0.95
    assert report.paragraph_prf()[2] >= SHARED_PARAGRAPH_F1
    assert report.leaks() == []


def test_own_examples_gold(pipeline):
    """Our own pages: the same kinds of layout, other markup and spellings."""
    report = evaluate_structure(EXAMPLES_GOLD, pipeline)
    assert len(report.docs) == 7
    assert report.overall_field_accuracy() >= EXAMPLES_FIELD_ACCURACY
    assert report.paragraph_prf()[2] >= EXAMPLES_PARAGRAPH_F1
    assert report.leaks() == []


def test_layout_variants_gold(pipeline):
    """15 pages written apart from the rules: each layout kind as other sites print it."""
    report = evaluate_structure(VARIANTS_GOLD, pipeline)
    assert len(report.docs) == 15
    assert report.overall_field_accuracy() >= VARIANTS_FIELD_ACCURACY
    assert report.paragraph_prf()[2] >= VARIANTS_PARAGRAPH_F1
    assert report.leaks() == []
