"""Rendering named responses into messages in the conversation's language.

Rasa names a response (`utter_*`); the gateway's NLG endpoint calls `render`. Curated answers come
from `content/`; everything else is a catalog string. This is the only place replies are worded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lantern.content import TOPIC_INTENTS, ContentBase, country_code, country_name
from lantern.i18n import N_, translate
from lantern.languages import LanguageRegistry

ANSWER_PREFIX = "utter_answer_"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    text: str
    buttons: list[Button] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"text": self.text, "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons]}


@dataclass(frozen=True)
class RenderContext:
    language: str
    channel: str  # "web" | "sms"
    jurisdiction: str
    content: ContentBase
    locales_dir: Path
    languages: LanguageRegistry


TOPIC_TITLES: dict[str, str] = {
    "rights": N_("Your rights"),
    "shelter": N_("A safe place to stay"),
    "medical": N_("Health care"),
    "counselling": N_("Someone to talk to"),
    "legal_aid": N_("Legal help"),
    "compensation": N_("Compensation and unpaid wages"),
    "case_status": N_("My case or claim"),
    "immigration": N_("Visa and permission to stay"),
    "return_home": N_("Going home"),
    "work_training": N_("Work and training"),
    "documents": N_("Passport and documents"),
    "financial_support": N_("Money to live on"),
    "report_crime": N_("Reporting and the police"),
    "family": N_("Family and children"),
    "privacy": N_("Privacy and safety of this chat"),
}

TEXTS: dict[str, str] = {
    "utter_greet": N_(
        "Hello. I am Lantern, a free information service. I can tell you about your rights and the help "
        "you can get. What would you like to know?"
    ),
    "utter_goodbye": N_("Take care. You can write again at any time."),
    "utter_you_are_welcome": N_("You are welcome. Is there anything else you would like to know?"),
    "utter_menu": N_("I can give information on these topics. Choose one, or write your question in your own words."),
    "utter_clarify": N_(
        "Sorry, I am not sure I understood. You could say it another way, choose a topic, or talk to a person."
    ),
    "utter_offer_human": N_("I am sorry I could not help with that. Would you like to talk to a caseworker?"),
    "utter_handoff_requested": N_(
        "I have asked a caseworker to reply to you here. It may take some time. You can keep asking me "
        "questions while you wait."
    ),
    "utter_out_of_scope": N_(
        "Sorry, I can only give information about support, rights and services for people who have been "
        "exploited. You can choose a topic or ask for a person."
    ),
    "utter_anything_else": N_("Is there anything else you would like to know?"),
    "utter_choose_language": N_("Which language would you like me to use?"),
    "utter_language_changed": N_("OK. I will write in English from now on."),
    "utter_confirm_delete": N_(
        "Do you want me to delete everything this service holds about you? This cannot be undone."
    ),
    "utter_data_deleted": N_("Done. Everything this service held about you has been deleted."),
    "utter_delete_cancelled": N_("OK. Nothing has been deleted."),
    "utter_service_unavailable": N_(
        "Sorry, I cannot answer right now. Please try again in a few minutes. If you want a person, write HUMAN."
    ),
    "utter_content_missing": N_(
        "Sorry, this answer is not yet available in your language. Would you like it in English, or to talk "
        "to a person?"
    ),
}

FIRST_CONTACT_NOTICE = N_(
    "Lantern is a free information service run by {operator}. It is not the police or immigration. I do "
    "not keep your name, or your phone number unless you agree, and I delete this chat after {days} days "
    "at the latest. You can write DELETE at any time to erase it now."
)
GENERAL_ONLY_NOTE = N_(
    "This is general information: I have no checked details for {country} on this. A caseworker can tell "
    "you what applies there."
)
EMERGENCY_INTRO = N_("If you are in danger now, try to get to a safer place if you can.")
EMERGENCY_NO_CONTACTS = N_(
    "I do not have a checked emergency number for your area yet. If it is safe, you can call your local "
    "emergency number."
)
EMERGENCY_CONTACT_LINE = N_("{name}: {number}")
EMERGENCY_HANDOFF = N_("I have asked a caseworker to reply to you here as soon as possible.")

CRISIS_INTRO = N_(
    "Thank you for telling me. I am sorry you are feeling this much pain. You matter, and you do not have "
    "to face this alone."
)
CRISIS_NO_CONTACTS = N_(
    "I do not have a checked crisis line for your area yet. If you might act on these thoughts, and it "
    "is safe, please call your local emergency number."
)
CHILD_INTRO = N_(
    "Thank you for telling me. People under 18 have extra protection and special help, whatever happened. "
    "None of it is your fault."
)
CHILD_NO_CONTACTS = N_("I do not have a checked child helpline number for your area yet.")
CHILD_HANDOFF = N_(
    "I have asked a caseworker who helps young people to reply to you here. You can keep asking me questions."
)

BUTTON_HUMAN = N_("Talk to a person")
BUTTON_MENU = N_("Menu")
BUTTON_YES = N_("Yes")
BUTTON_NO = N_("No")
BUTTON_YES_DELETE = N_("Yes, delete")
BUTTON_NO_KEEP = N_("No, keep it")
BUTTON_ENGLISH = N_("In English")

SMS_OPTION_LINE = N_("{number} {title}")

MENU_TOPICS = list(TOPIC_TITLES)
CLARIFY_TOPICS = ["rights", "shelter", "medical", "legal_aid"]


def _t(ctx: RenderContext, message: str, **params: object) -> str:
    return translate(ctx.locales_dir, ctx.language, message, **params)


def _topic_button(ctx: RenderContext, topic: str) -> Button:
    return Button(_t(ctx, TOPIC_TITLES[topic]), f"/{TOPIC_INTENTS[topic]}")


def _human_button(ctx: RenderContext) -> Button:
    return Button(_t(ctx, BUTTON_HUMAN), "/request_human")


def _menu_button(ctx: RenderContext) -> Button:
    return Button(_t(ctx, BUTTON_MENU), "/ask_help_menu")


def _yes_no(ctx: RenderContext, yes: str = BUTTON_YES, no: str = BUTTON_NO) -> list[Button]:
    return [Button(_t(ctx, yes), "/affirm"), Button(_t(ctx, no), "/deny")]


def _language_payload(code: str) -> str:
    return "/change_language" + json.dumps({"language": code}, separators=(",", ":"))


def _language_buttons(ctx: RenderContext) -> list[Button]:
    return [Button(lang.name, _language_payload(lang.code)) for lang in ctx.languages.languages]


def _answer(ctx: RenderContext, topic: str) -> Message:
    text = ctx.content.text(topic, ctx.language, ctx.jurisdiction)
    if text is None:
        missing_buttons = [
            Button(_t(ctx, BUTTON_ENGLISH), _language_payload("en")),
            _human_button(ctx),
        ]
        return Message(_t(ctx, TEXTS["utter_content_missing"]), missing_buttons)
    body = text.sms if ctx.channel == "sms" else text.web
    entry = ctx.content.entry(topic, ctx.jurisdiction)
    country = country_code(ctx.jurisdiction)
    if entry is not None and entry.general_only and country:
        body = f"{body}\n\n{_t(ctx, GENERAL_ONLY_NOTE, country=country_name(country, ctx.language))}"
    return Message(f"{body}\n\n{text.next}", [_human_button(ctx), _menu_button(ctx)])


def _contact_lines(ctx: RenderContext, kinds: tuple[str, ...], none_known: str) -> list[str]:
    """The jurisdiction's numbers of these kinds, or the honest line that none is known."""
    numbered = [c for c in ctx.content.contacts_for(ctx.jurisdiction) if c.number and c.kind in kinds]
    if not numbered:
        return [_t(ctx, none_known)]
    return [_t(ctx, EMERGENCY_CONTACT_LINE, name=c.name, number=c.number) for c in numbered]


def _emergency(ctx: RenderContext) -> Message:
    lines = [_t(ctx, EMERGENCY_INTRO)]
    lines += _contact_lines(ctx, ("emergency", "hotline", "helpline"), EMERGENCY_NO_CONTACTS)
    lines.append(_t(ctx, EMERGENCY_HANDOFF))
    return Message("\n".join(lines), [])


def _crisis_support(ctx: RenderContext) -> Message:
    lines = [_t(ctx, CRISIS_INTRO)]
    lines += _contact_lines(ctx, ("crisis", "emergency"), CRISIS_NO_CONTACTS)
    lines.append(_t(ctx, EMERGENCY_HANDOFF))
    return Message("\n".join(lines), [])


def _child_protection(ctx: RenderContext) -> Message:
    lines = [_t(ctx, CHILD_INTRO)]
    lines += _contact_lines(ctx, ("child_helpline",), CHILD_NO_CONTACTS)
    lines.append(_t(ctx, CHILD_HANDOFF))
    return Message("\n".join(lines), [_menu_button(ctx)])


SPECIAL_RENDERERS = {
    "utter_emergency": _emergency,
    "utter_crisis_support": _crisis_support,
    "utter_child_protection": _child_protection,
}


BUTTONS_FOR: dict[str, object] = {
    "utter_greet": lambda ctx: [_topic_button(ctx, t) for t in CLARIFY_TOPICS] + [_menu_button(ctx)],
    "utter_menu": lambda ctx: [_topic_button(ctx, t) for t in MENU_TOPICS] + [_human_button(ctx)],
    "utter_clarify": lambda ctx: (
        [_topic_button(ctx, t) for t in CLARIFY_TOPICS] + [_menu_button(ctx), _human_button(ctx)]
    ),
    "utter_offer_human": lambda ctx: _yes_no(ctx),
    "utter_out_of_scope": lambda ctx: [_menu_button(ctx), _human_button(ctx)],
    "utter_anything_else": lambda ctx: [_menu_button(ctx), _human_button(ctx)],
    "utter_choose_language": _language_buttons,
    "utter_confirm_delete": lambda ctx: _yes_no(ctx, BUTTON_YES_DELETE, BUTTON_NO_KEEP),
    "utter_service_unavailable": lambda ctx: [],
}


def known_responses() -> list[str]:
    return sorted([*TEXTS, *SPECIAL_RENDERERS, *(ANSWER_PREFIX + topic for topic in TOPIC_INTENTS)])


def render(name: str, ctx: RenderContext) -> Message:
    if name.startswith(ANSWER_PREFIX) and name.removeprefix(ANSWER_PREFIX) in TOPIC_INTENTS:
        return _answer(ctx, name.removeprefix(ANSWER_PREFIX))
    if name in SPECIAL_RENDERERS:
        return SPECIAL_RENDERERS[name](ctx)
    if name not in TEXTS:
        raise KeyError(name)
    buttons = BUTTONS_FOR.get(name)
    return Message(_t(ctx, TEXTS[name]), buttons(ctx) if callable(buttons) else [])
