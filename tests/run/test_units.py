"""The per-unit deadline used inside Dask tasks: interrupts slow Python code, never fires late."""

import time

import pytest

from lagebild.run.units import Deadline, UnitTimeout


def test_deadline_interrupts_a_slow_loop():
    started = time.monotonic()
    with pytest.raises(UnitTimeout):
        with Deadline(0.2):
            while True:
                sum(range(1000))
    assert time.monotonic() - started < 5


def test_deadline_that_is_not_reached_never_fires_later():
    for _ in range(50):
        with Deadline(0.05):
            sum(range(1000))
    time.sleep(0.2)  # a stray interrupt would be raised here
    total = 0
    for i in range(200_000):
        total += i
    assert total == sum(range(200_000))


def test_deadline_off_when_no_limit():
    with Deadline(None) as d:
        time.sleep(0.05)
    assert d.timer is None
