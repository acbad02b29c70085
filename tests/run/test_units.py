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


def test_results_are_written_in_input_order_whatever_order_they_arrive_in():
    from lagebild.run.corpus import InputOrder
    from lagebild.run.units import Unit

    written = []
    order = InputOrder(lambda unit, results: written.append(unit.name), limit=3)
    units = list(order.number(Unit.make(f"u{i}", "text", b"x%d" % i) for i in range(8)))
    for i in (1, 2, 0, 4, 3):
        order(units[i], [])
    assert written == ["u0", "u1", "u2", "u3", "u4"]
    for i in (6, 7):  # u5 is stuck: u6, u7 wait ...
        order(units[i], [])
    assert written[-1] == "u4"
    order.flush()  # ... until the run ends (or too many wait): then in order without it
    assert written[-2:] == ["u6", "u7"]
    order(units[5], [])  # the straggler still arrives
    assert written[-1] == "u5" and len(written) == 8
