import pytest

from assess.report.charts import Point, bar, polygon, radar


def test_radar_puts_the_first_spoke_up_and_the_top_level_on_the_rim() -> None:
    chart = radar([5.0, 2.5, 1.0, 3.0], [4.0, 4.0, 4.0, 4.0], top=5, size=200, margin=20)
    assert chart.center == Point(100, 100)
    # Radius 80: the first dimension at level 5 reaches the top of the rim.
    assert chart.current_dots[0] == pytest.approx(Point(100, 20))
    # The second spoke points right; 2.5 of 5 is half the radius.
    assert chart.current_dots[1].x == pytest.approx(140)
    assert chart.current_dots[1].y == pytest.approx(100)
    # Every dimension scored: closed polygons, no broken lines, no marks.
    assert chart.current == "100.0,20.0 140.0,100.0 100.0,116.0 52.0,100.0"
    assert chart.target.split()[0] == "100.0,36.0"
    assert (chart.current_lines, chart.target_lines, chart.unscored_marks) == ([], [], [])
    assert len(chart.rings) == 5
    assert [axis.number for axis in chart.axes] == [1, 2, 3, 4]
    assert [axis.anchor for axis in chart.axes] == ["middle", "start", "middle", "end"]


def test_radar_breaks_at_a_dimension_without_score_instead_of_dipping_to_the_centre() -> None:
    chart = radar([5.0, 2.5, None, 1.0], [4.0, 4.0, 4.0, 4.0], top=5, size=200, margin=20)
    # No closed polygon: one line from spoke 4 (left, 1.0 → radius 16) over spoke 1 (up) to
    # spoke 2 (right); spoke 3 (down) has no point at all, only a mark halfway out.
    assert chart.current == "" and chart.target == ""
    assert chart.current_lines == ["84.0,100.0 100.0,20.0 140.0,100.0"]
    assert chart.target_lines == ["36.0,100.0 100.0,36.0 164.0,100.0"]
    assert chart.current_dots == [Point(100, 20), Point(140, 100), Point(84, 100)]
    assert chart.unscored_marks == [Point(100, 140)]
    assert [axis.scored for axis in chart.axes] == [True, True, False, True]


def test_radar_lines_skip_lone_spokes_and_wrap_round() -> None:
    chart = radar([3.0, None, 3.0, None, 3.0, 3.0], [3.0] * 6, top=5)
    # Spokes 5, 6 and 1 are neighbours going round; spoke 3 stands alone (a dot, no line).
    assert len(chart.current_lines) == 1 and len(chart.current_lines[0].split()) == 3
    assert len(chart.current_dots) == 4 and len(chart.unscored_marks) == 2
    nothing = radar([None, None, None], [3.0] * 3, top=5)
    assert nothing.current_lines == [] and nothing.current_dots == []


def test_radar_needs_three_dimensions() -> None:
    with pytest.raises(ValueError):
        radar([1.0, 2.0], [3.0, 3.0], top=5)


def test_bar_fills_to_the_score_and_hatches_up_to_the_target() -> None:
    b = bar(2.0, 4, top=5, width=100)
    assert (b.filled, b.gap_x, b.gap_width, b.target_x) == (40.0, 40.0, 40.0, 80.0)
    assert b.ticks == [20.0, 40.0, 60.0, 80.0, 100.0]


def test_bar_above_target_has_no_gap_and_missing_score_draws_nothing() -> None:
    assert bar(4.5, 3, top=5, width=100).gap_width == 0.0
    empty = bar(None, 3, top=5, width=100)
    # Never a gap bar from 0: no fill, no hatch, and the template prints words instead.
    assert (empty.filled, empty.gap_width, empty.scored) == (0.0, 0.0, False)


def test_polygon_has_no_negative_zero() -> None:
    assert polygon([Point(-0.01, 1.26), Point(2, 3)]) == "0.0,1.3 2.0,3.0"
