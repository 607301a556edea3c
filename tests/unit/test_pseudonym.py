import pytest

from lantern.pseudonym import pseudonymous_id


def test_same_person_same_id_and_no_trace_of_the_number():
    first = pseudonymous_id("key", "sms", "+66812345678")
    assert first == pseudonymous_id("key", "sms", "+66812345678")
    assert "812345678" not in first
    assert first != pseudonymous_id("other-key", "sms", "+66812345678")
    assert first != pseudonymous_id("key", "web", "+66812345678")


def test_missing_key_is_an_error_not_a_weak_id():
    with pytest.raises(ValueError):
        pseudonymous_id("", "sms", "+66812345678")
