"""Chart axes: gridlines of counts on whole numbers."""
from __future__ import annotations

import re

import pytest

from compactdraft.render import charts


@pytest.mark.parametrize("value, expected", [(0, 4), (3, 4), (4, 4), (5, 8), (9, 20), (10, 20), (21, 40),
                                             (37, 40), (41, 80), (250, 400), (1001, 2000)])
def test_nice_max_gives_whole_gridlines(value: float, expected: float) -> None:
    assert charts.nice_max(value) == expected
    assert (expected / 4).is_integer()


def test_bar_chart_ticks_are_whole_numbers() -> None:
    svg = charts.bar_chart("t", ["a", "b"], [charts.Series("x", (7.0, 3.0)), charts.Series("y", (1.0, 9.0))])
    ticks = re.findall(r'text-anchor="end" fill="#555">([^<]*)<', svg)
    assert ticks == ["0", "5", "10", "15", "20"]
