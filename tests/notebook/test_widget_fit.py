"""Widget widths fit their longest label, so no option is cut mid-word."""

from __future__ import annotations

from crosstrain.notebook.widgets.fit import CHAR_PX, fitted_dropdown, fitted_width


def test_the_width_grows_with_the_longest_label_and_leaves_room_for_the_description():
    short, long = fitted_width(["Leads"]), fitted_width(["Leads", "Cost per won deal = actual cost / won deals"])
    assert int(long.removesuffix("px")) - int(short.removesuffix("px")) == CHAR_PX * (43 - 5)
    assert int(short.removesuffix("px")) >= 90 + 7 * 5


def test_a_fitted_dropdown_keeps_its_options_and_value():
    dropdown = fitted_dropdown([("First touch", "first"), ("A much longer label", "long")], value="long", description="Model")
    assert dropdown.value == "long" and dropdown.description == "Model"
    assert dropdown.layout.width == fitted_width(["First touch", "A much longer label"])
