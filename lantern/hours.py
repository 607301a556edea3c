"""Opening hours written once, shown in every language: `Mo-Fr 09:00-17:00; Sa 10:00-14:00`, or `24/7`.

Day names come from CLDR (Babel), so the directory needs no translation of its hours.
"""

from __future__ import annotations

import re

from babel.dates import get_day_names
from babel.lists import format_list

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")  # Babel numbers days from Monday = 0
ALWAYS = "24/7"
TIME = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)"
DAY = "(?:" + "|".join(DAYS) + ")"
DAY_SPEC = rf"{DAY}(?:-{DAY})?"
RULE = re.compile(rf"^(?P<days>{DAY_SPEC}(?:,{DAY_SPEC})*) (?P<times>{TIME}(?:,{TIME})*)$")
EXAMPLE = "Mo-Fr 09:00-17:00; Sa 10:00-14:00 (or 24/7)"


def _rules(value: str) -> list[str]:
    return [rule.strip() for rule in value.split(";") if rule.strip()]


def hours_problem(value: str) -> str | None:
    """None when `value` is opening hours this module can show; otherwise what is wrong."""
    if value.strip() == ALWAYS:
        return None
    rules = _rules(value)
    bad = [rule for rule in rules if not RULE.match(rule)]
    if not rules or bad:
        shown = bad[0] if bad else value
        return f"{shown!r} is not opening hours like {EXAMPLE}"
    return None


def _day_span(spec: str, names: dict[int, str]) -> str:
    first, _, last = spec.partition("-")
    start = names[DAYS.index(first)]
    return f"{start}–{names[DAYS.index(last)]}" if last else start


def show_hours(value: str, language: str) -> str:
    """Opening hours in the person's language, e.g. `lundi–vendredi 09:00–17:00`."""
    names = dict(get_day_names("wide", locale=language))
    if value.strip() == ALWAYS:
        return f"{names[0]}–{names[6]} 00:00–24:00"
    shown = []
    for rule in _rules(value):
        match = RULE.match(rule)
        if match is None:  # validated on import; shown as written if it ever is not
            shown.append(rule)
            continue
        days = format_list([_day_span(s, names) for s in match["days"].split(",")], locale=language)
        shown.append(f"{days} {match['times'].replace('-', '–').replace(',', ', ')}")
    return "; ".join(shown)
