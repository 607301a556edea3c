import datetime as dt
import shutil
from pathlib import Path

from lantern.content import load_content
from lantern.content_check import listing, mark_reviewed
from lantern.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_marking_an_entry_reviewed_keeps_everything_else(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    settings = Settings(content_dir=tmp_path / "content")
    before = load_content(settings.content_dir).entry("shelter")
    mark_reviewed(settings, "shelter", "intl", "A. Reviewer", dt.date(2026, 11, 24))
    after = load_content(settings.content_dir).entry("shelter")
    assert (after.status, after.reviewer, after.reviewed_on) == ("reviewed", "A. Reviewer", dt.date(2026, 11, 24))
    assert after.text == before.text and after.sources == before.sources


def test_listing_filters_by_language_topic_and_status():
    rows = list(listing(Settings(), language="th", topic="shelter", jurisdiction="intl", status="draft"))
    assert len(rows) == 1 and rows[0].startswith("intl\tshelter\tdraft")
    assert "002_70ea837e95a4661c.txt:" in rows[0]


def test_tone_check_flags_pressure_but_not_reassurance(tmp_path):
    from lantern.content_check import tone_problems

    shutil.copytree(ROOT / "content", tmp_path / "content")
    settings = Settings(content_dir=tmp_path / "content")
    path = tmp_path / "content" / "jurisdictions" / "intl" / "report_crime.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('    next: "', '    next: "You must report it. ', 1))
    problems = tone_problems(settings, load_content(settings.content_dir))
    assert problems == ["intl/report_crime: en: tone: 'you must report'"]


def test_terminology_check_wants_one_caseworker_term_and_one_register(tmp_path):
    from lantern.content_check import terminology_problems

    shutil.copytree(ROOT / "content", tmp_path / "content")
    terms = tmp_path / "content" / "tone" / "terminology"
    (terms / "es.yml").write_text("caseworker: [gestora de casos]\navoid: [tú, puedes]\n", encoding="utf-8")
    (terms / "th.yml").write_text("caseworker: [เจ้าหน้าที่ดูแล]\navoid: [นักสังคม]\n", encoding="utf-8")
    for path in terms.glob("*.yml"):
        if path.stem not in ("es", "th"):
            path.unlink()
    locales = tmp_path / "locales"
    for code, text in (("es", "Una trabajadora social le escribe. Tú puedes esperar."),
                       ("th", "นักสังคมสงเคราะห์จะตอบคุณ")):  # fmt: skip
        folder = locales / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(
            f'msgid ""\nmsgstr ""\n\nmsgid "A caseworker will write."\nmsgstr "{text}"\n\n'
            'msgid "Puedes-free text"\nmsgstr "Apuesto por usted"\n',
            encoding="utf-8",
        )
    settings = Settings(content_dir=tmp_path / "content", locales_dir=locales)
    content = load_content(settings.content_dir)
    catalog = [p for p in terminology_problems(settings, content) if "catalog" in p]
    assert catalog == [
        "es: catalog 'A caseworker will write.': says caseworker without the agreed term",
        "es: catalog 'A caseworker will write.': register: 'tú'",
        "es: catalog 'A caseworker will write.': register: 'puedes'",
        "th: catalog 'A caseworker will write.': says caseworker without the agreed term",
        "th: catalog 'A caseworker will write.': register: 'นักสังคม'",
    ]


def test_content_reviewed_too_long_ago_fails_the_check():
    from lantern.content_check import check

    assert not [p for p in check(Settings()) if "last reviewed" in p]
    stale = [p for p in check(Settings(content_review_max_age_days=-1)) if "last reviewed" in p]
    assert any(p.startswith("intl/shelter: last reviewed") and p.endswith("(max -1)") for p in stale)


def test_every_country_answers_every_topic_with_its_own_entry_or_the_general_one(tmp_path):
    from lantern.content import TOPIC_INTENTS
    from lantern.content_check import check
    from lantern.languages import LanguageRegistry
    from lantern.responses import GENERAL_ONLY_NOTE, RenderContext, render

    content = load_content(ROOT / "content")
    countries = [j for j in content.jurisdictions if j != "intl"]
    assert sorted(countries) == ["gb", "kh", "la", "mm", "th", "vn"]
    for country in countries:
        for topic in TOPIC_INTENTS:
            entry = content.entries[(country, topic)]
            assert entry.general_only or entry.text != content.entries[("intl", topic)].text, (country, topic)
    registry = LanguageRegistry(ROOT / "locales")
    general = next(t for (j, t), e in content.entries.items() if j == "th" and e.general_only)
    said = render(f"utter_answer_{general}", RenderContext("en", "sms", "th", content, ROOT / "locales", registry))
    assert GENERAL_ONLY_NOTE.format(country="Thailand") in said.text
    baseline = render(
        f"utter_answer_{general}", RenderContext("en", "sms", "intl", content, ROOT / "locales", registry)
    )
    assert "no checked details" not in baseline.text

    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "jurisdictions" / "th" / f"{general}.yml").unlink()
    problems = check(Settings(content_dir=tmp_path / "content"))
    assert problems == [f"th/{general}: missing (write the entry, or a file with general_only: true)"]
