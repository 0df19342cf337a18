import pytest

from assess.report.charts import Point, bar, polygon, radar


def test_radar_puts_the_first_spoke_up_and_the_top_level_on_the_rim() -> None:
    chart = radar([5.0, 2.5, None, 0.0], [4.0, 4.0, 4.0, 4.0], top=5, size=200, margin=20)
    assert chart.center == Point(100, 100)
    # Radius 80: the first dimension at level 5 reaches the top of the rim.
    assert chart.current_dots[0] == pytest.approx(Point(100, 20))
    # The second spoke points right; 2.5 of 5 is half the radius.
    assert chart.current_dots[1].x == pytest.approx(140)
    assert chart.current_dots[1].y == pytest.approx(100)
    # Not scored: drawn at the centre.
    assert chart.current_dots[2] == pytest.approx(Point(100, 100))
    assert chart.target.split()[0] == "100.0,36.0"
    assert len(chart.rings) == 5
    assert [axis.number for axis in chart.axes] == [1, 2, 3, 4]
    assert [axis.anchor for axis in chart.axes] == ["middle", "start", "middle", "end"]


def test_radar_needs_three_dimensions() -> None:
    with pytest.raises(ValueError):
        radar([1.0, 2.0], [3.0, 3.0], top=5)


def test_bar_fills_to_the_score_and_hatches_up_to_the_target() -> None:
    b = bar(2.0, 4, top=5, width=100)
    assert (b.filled, b.gap_x, b.gap_width, b.target_x) == (40.0, 40.0, 40.0, 80.0)
    assert b.ticks == [20.0, 40.0, 60.0, 80.0, 100.0]


def test_bar_above_target_has_no_gap_and_missing_score_is_empty() -> None:
    assert bar(4.5, 3, top=5, width=100).gap_width == 0.0
    empty = bar(None, 3, top=5, width=100)
    assert (empty.filled, empty.gap_width) == (0.0, 60.0)


def test_polygon_has_no_negative_zero() -> None:
    assert polygon([Point(-0.01, 1.26), Point(2, 3)]) == "0.0,1.3 2.0,3.0"
