"""When a line says again what a printed line said (state.DraftState.echoes).

Lines from the 2019–2024 government work reports (corpus-public/gwr), as the shipped bank
holds them, under the point 提升防灾减灾救灾能力 of a speech on 安全生产 (bench/panel4/s4).
"""

from types import SimpleNamespace

from drafter.compose.state import DraftState
from drafter.compose.units import Unit
from drafter.words import compounds, content_words

PLACE = content_words("提升防灾减灾救灾能力") | content_words("安全生产")


def unit(text: str, uid: str) -> Unit:
    return Unit(id=uid, text=text, role="举措", category="举措", words=content_words(text),
                compounds=compounds(text))


def state_after(*texts: str) -> DraftState:
    st = DraftState(SimpleNamespace(units=[]), 0, lambda text, slots, where: text)
    for i, text in enumerate(texts):
        st.take(unit(text, f"p{i}"), text, "sections[0]", f"1#{i}")
    return st


def test_a_line_that_says_more_than_its_place_is_no_echo_of_another_on_it():
    st = state_after("强化安全生产监管和防灾减灾救灾。")
    other = unit("着力夯实安全生产和防灾减灾救灾基层基础，增强风险防范、应急处置和支撑保障能力。", "q")
    assert not st.echoes(other, PLACE)
    assert st.echoes(other)  # by all its words it shares most of the printed line's


def test_the_same_task_in_other_words_is_still_an_echo():
    st = state_after("提高防灾减灾救灾和应急救援能力，做好洪涝干旱、森林草原火灾、地质灾害、地震等防御和气象服务。")
    again = unit("加强应急救援力量建设，提高防灾减灾抗灾救灾能力，切实做好洪涝干旱、森林草原火灾、地质灾害、"
                 "地震等防御和气象服务。", "q")
    assert st.echoes(again, PLACE)


def test_a_line_that_says_only_its_place_is_compared_by_all_its_words():
    st = state_after("强化安全生产监管和防灾减灾救灾。")
    assert st.echoes(unit("提高防灾减灾救灾能力。", "q"), PLACE)
