"""drafter/i18n.py's message objects: English where a program reads them, the user's language where a
person does; the language chosen by --lang, DRAFTER_LANG and the locale in that order."""

from __future__ import annotations

import json
import pickle

import pytest

from drafter import i18n
from drafter.i18n import M_, N_, Joined, Message, catalog, ngettext, normalize_language, translate


@pytest.fixture
def chinese():
    i18n.set_language("zh")
    yield
    i18n.set_language(None)


@pytest.mark.parametrize("value, lang", [("en", "en"), ("en_US.UTF-8", "en"), (" EN_gb ", "en"), ("zh", "zh"),
                                         ("zh_TW.Big5", "zh"), ("C", None), ("POSIX", None), ("C.UTF-8", None),
                                         ("fr_FR", None), ("", None), (None, None)])
def test_normalize_language(value, lang):
    assert normalize_language(value) == lang


def test_an_unknown_drafter_lang_falls_through_to_the_locale():
    assert i18n.language({"DRAFTER_LANG": "fr", "LANG": "en_US.UTF-8"}) == "en"
    assert i18n.language({"LC_ALL": "POSIX", "LC_MESSAGES": "", "LANG": "en_US"}) == "en"


def test_english_is_the_identity_catalog():
    assert catalog("en").gettext("interrupted") == "interrupted"
    assert catalog("zh").gettext("interrupted") != "interrupted"
    assert catalog("zh") is catalog("zh")  # loaded once


def test_m_is_english_text_with_its_parameters():
    m = M_("{n} runs in their style's size", n=3)
    assert isinstance(m, str) and m == "3 runs in their style's size"
    assert m.msgid == "{n} runs in their style's size" and m.params == {"n": 3}
    assert json.dumps({"found": m}) == '{"found": "3 runs in their style\'s size"}'


def test_a_message_is_shown_translated_with_translated_parameters(chinese):
    inner = M_("bold")
    outer = M_("{para} run {i}: {got} (want {want})", para="¶1", i=1, got=inner, want=M_("regular"))
    assert outer == "¶1 run 1: bold (want regular)"  # still English as text
    shown = outer.translated()
    assert "bold" not in shown and "¶1" in shown and translate(outer) == shown
    assert translate(inner) == catalog("zh").gettext("bold") != "bold"


def test_joined_is_english_joined_and_each_part_translated(chinese):
    j = Joined("; ", [M_("bold"), "plain", M_("regular")])
    assert j == "bold; plain; regular"
    parts = j.translated().split("; ")
    assert parts[1] == "plain" and parts[0] == catalog("zh").gettext("bold") and parts[0] != "bold"


def test_messages_survive_pickling_for_worker_processes():
    m = M_("{n} runs in their style's size", n=2)
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Message) and back == m and back.params == {"n": 2}
    j = Joined(", ", [m, "x"])
    back = pickle.loads(pickle.dumps(j))
    assert isinstance(back, Joined) and back.items == [m, "x"] and back == j


def test_translate_of_plain_text_and_empty_text(chinese):
    assert translate("") == ""
    assert translate("not a msgid at all") == "not a msgid at all"
    assert translate("interrupted") == catalog("zh").gettext("interrupted")


def test_ngettext_picks_the_english_form_by_number():
    assert ngettext("{n} file", "{n} files", 1) == "{n} file"
    assert ngettext("{n} file", "{n} files", 2) == "{n} files"


def test_n_marks_without_translating(chinese):
    assert N_("interrupted") == "interrupted"
    assert i18n._("interrupted") != "interrupted"
