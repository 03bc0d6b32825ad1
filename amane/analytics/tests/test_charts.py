"""The SVG geometry of charts and maps."""

import json

import h3
import numpy as np
import pytest

from amane.analytics import charts


@pytest.mark.parametrize(("largest", "step"), [(0, 1), (3, 1), (9, 5), (40, 10), (130, 50), (999, 500)])
def test_axis_steps_are_round(largest: int, step: int) -> None:
    got = charts.nice_step(largest)
    assert str(got)[0] in "125" and largest / got <= 5
    assert got == step or largest <= 4


def test_a_line_chart_puts_zero_at_the_bottom_and_the_peak_inside() -> None:
    chart = charts.line_chart(["a", "b", "c"], [("theft", [0, 5, 10])], width=300, height=200)
    points = [tuple(map(float, p.split(","))) for p in chart.lines[0].points.split()]
    assert points[0][1] == pytest.approx(chart.bottom) and points[2][1] < points[1][1] < points[0][1]
    assert points[0][0] == chart.left and points[2][0] == pytest.approx(300 - 10)
    assert chart.y_ticks[0].label == "0"


def test_a_hex_map_fits_the_box_and_colours_by_class() -> None:
    cell = h3.latlng_to_cell(31.05, -7.95, 8)
    drawing = charts.hex_map((-8.0, 31.0, -7.9, 31.1), [(cell, "hot-99", "x")], [], width=400)
    assert drawing.cells[0].colour == charts.CLASS_COLOURS["hot-99"]
    coordinates = [float(v) for part in drawing.cells[0].path.strip("MZ").split("L") for v in part.split(",")]
    assert all(0 <= v <= 400 for v in coordinates)
    assert 0.8 < drawing.height / 400 < 1.3  # a tenth of a degree each way, squeezed by cos(31°)


def test_outlines_take_polygons_and_multipolygons() -> None:
    square = [[[-8.0, 31.0], [-7.9, 31.0], [-7.9, 31.1], [-8.0, 31.1], [-8.0, 31.0]]]
    drawing = charts.hex_map(
        (-8.0, 31.0, -7.9, 31.1),
        [],
        [
            json.dumps({"type": "Polygon", "coordinates": square}),
            json.dumps({"type": "MultiPolygon", "coordinates": [square, square]}),
        ],
    )
    assert len(drawing.outlines) == 2 and drawing.outlines[1].count("M") == 2


def _pixels(uri: str) -> np.ndarray:
    import base64
    import io

    from PIL import Image

    assert uri.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))


def test_the_heat_image_puts_the_south_at_the_bottom_and_the_peak_opaque() -> None:
    values = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 9.0]]  # the peak at the north-east
    pixels = _pixels(charts.heat_image(values))
    assert pixels.shape == (3, 3, 4)
    assert pixels[0, 2, 3] == 240 and tuple(pixels[0, 2, :3]) == charts.HEAT_STOPS[-1]
    assert (pixels[1:, :, 3] == 0).all() and (pixels[0, :2, 3] == 0).all()


def test_the_heat_colour_rises_with_the_density() -> None:
    pixels = _pixels(charts.heat_image([[1.0, 4.0, 16.0]]))
    assert pixels[0, 0, 3] < pixels[0, 1, 3] < pixels[0, 2, 3]
    assert pixels[0, 0, 1] > pixels[0, 1, 1] > pixels[0, 2, 1], "green falls from yellow to red"


def test_an_empty_density_draws_nothing() -> None:
    assert (_pixels(charts.heat_image([[0.0, 0.0], [0.0, 0.0]]))[..., 3] == 0).all()
