from lantern.sms import GSM, UCS2, encoding_for, paginate, segment_count


def test_plain_latin_text_is_gsm7_with_160_then_153_per_part():
    assert encoding_for("Hello, where can I sleep?") is GSM
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3


def test_extended_gsm_characters_cost_two():
    assert segment_count("€" * 80) == 1
    assert segment_count("€" * 81) == 2


def test_thai_and_arabic_always_cost_ucs2():
    assert encoding_for("ที่พัก") is UCS2
    assert encoding_for("مرحبا") is UCS2
    assert segment_count("ก" * 70) == 1
    assert segment_count("ก" * 71) == 2
    assert segment_count("ก" * 134) == 2


def test_one_accent_outside_gsm_makes_the_whole_message_ucs2():
    assert encoding_for("Tôi cần giúp đỡ") is UCS2
    assert encoding_for("Necesito ayuda, señor") is GSM


def test_long_replies_are_paged_with_the_prompt_on_every_page_but_the_last():
    prompt = "Reply MORE for the rest."
    pages = paginate("word " * 200, 3, prompt)
    assert len(pages) > 1
    assert all(p.endswith(prompt) for p in pages[:-1])
    assert not pages[-1].endswith(prompt)
    assert all(segment_count(p) <= 3 for p in pages)
    assert " ".join(p.removesuffix(prompt).strip() for p in pages).split() == ("word " * 200).split()


def test_short_replies_are_not_paged():
    assert paginate("Hello", 3, "MORE") == ["Hello"]


def test_the_more_prompt_does_not_turn_a_gsm_reply_into_ucs2():
    text = "Necesito ayuda " * 40
    pages = paginate(text, 3, "Responda MÁS para leer el resto.")
    assert pages[0].endswith("Responda MAS para leer el resto.")
    assert all(encoding_for(p) is GSM for p in pages)


def test_an_accented_prompt_stays_as_written_on_a_ucs2_reply():
    pages = paginate("Tôi cần giúp đỡ " * 40, 3, "Nhắn THÊM để đọc phần còn lại.")
    assert pages[0].endswith("Nhắn THÊM để đọc phần còn lại.")
