import pytest

from amane.directory.phones import PhoneError, display_phone, normalise_phone, tel_uri


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0528851234", "0528851234"),
        ("05 28 85 12 34", "0528851234"),
        ("0528-85-12-34", "0528851234"),
        ("05.28.85.12.34", "0528851234"),
        ("+212 528 85 12 34", "0528851234"),
        ("00212528851234", "0528851234"),
        ("212661234567", "0661234567"),
        ("٠٦٦١٢٣٤٥٦٧", "0661234567"),
        ("0801 00 77 77", "0801007777"),
        ("19", "19"),
        ("177", "177"),
        ("5757", "5757"),
    ],
)
def test_numbers_are_stored_as_ten_digits_or_a_short_number(written: str, stored: str) -> None:
    assert normalise_phone(written) == stored


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("", "empty"),
        ("  - ", "empty"),
        ("05 28 85 12 3x", "characters"),
        ("0528851234; DROP", "characters"),
        ("+33 1 23 45 67 89", "prefix"),
        ("0428851234", "prefix"),
        ("0128851234", "prefix"),
        ("052885123", "length"),
        ("05288512345", "length"),
        ("1", "length"),
        ("01", "length"),
        ("12345", "length"),
        ("0" * 41, "length"),
    ],
)
def test_other_numbers_are_refused_with_a_reason(written: str, reason: str) -> None:
    with pytest.raises(PhoneError) as refused:
        normalise_phone(written)
    assert refused.value.reason == reason


def test_a_number_is_shown_in_pairs_and_dialled_from_abroad_too() -> None:
    assert display_phone("0528851234") == "05 28 85 12 34"
    assert display_phone("177") == "177"
    assert tel_uri("0528851234") == "tel:+212528851234"
    assert tel_uri("19") == "tel:19"
