from amane.reports import receipt


def test_a_code_has_100_bits_in_four_groups_of_five() -> None:
    code = receipt.generate()
    shown = code.display()
    assert len(shown) == 23 and shown.count("-") == 3
    assert all(len(group) == 5 for group in shown.split("-"))
    assert set(shown.replace("-", "")) <= set(receipt.ALPHABET)
    assert len(receipt.ALPHABET) ** receipt.CODE_LENGTH == 2**100


def test_codes_do_not_repeat() -> None:
    assert len({receipt.generate().display() for _ in range(2000)}) == 2000


def test_a_typed_code_is_read_forgivingly() -> None:
    code = receipt.generate()
    typed = code.display().lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipt.parse(typed) == code


def test_a_malformed_code_is_not_read() -> None:
    assert receipt.parse("") is None
    assert receipt.parse("ABCDE-FGHJK") is None
    assert receipt.parse("UUUUU-UUUUU-UUUUU-UUUUU") is None


def test_the_hash_verifies_the_secret_and_nothing_else() -> None:
    code = receipt.generate()
    stored = receipt.hash_secret(code.secret, log2_n=4)
    assert code.secret not in stored
    assert receipt.verify_secret(code.secret, stored)
    assert not receipt.verify_secret(receipt.generate().secret, stored)
    assert not receipt.verify_secret(code.secret, "md5$x$y")


def test_repr_hides_the_secret() -> None:
    code = receipt.generate()
    assert code.secret not in repr(code)
