from amane.analytics.exports import safe_cell


def test_text_that_a_spreadsheet_would_run_is_prefixed() -> None:
    for dangerous in ("=1+1", "+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert safe_cell(-1.5) == -1.5 and safe_cell(3) == 3 and safe_cell("سرقة") == "سرقة"
