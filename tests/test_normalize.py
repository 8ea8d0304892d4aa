"""The normaliser: hard wraps, punctuation width, noise, spaces; idempotent."""

from __future__ import annotations

from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.normalize import normalize, paragraphs


def test_hard_wrapped_pdf_text_is_rejoined_into_paragraphs():
    text = (CORPUS / "004_ef91c739f53611d8.txt").read_text(encoding="utf-8")
    paras = paragraphs(text)
    assert paras[3].text == "同志们："
    assert paras[4].text.startswith("在全面贯彻落实党的二十届三中全会精神的关键之年、全面推进建设")
    assert paras[4].text.endswith("借此机会，我谈几点体会。")
    # the 二、 heading spans two lines in the file and is one paragraph here
    assert "二、联系实际，切实把习近平总书记重要讲话精神转化为推动XX发展的生动实践" in [p.text for p in paras]
    # a heading marker at a line start opens a new paragraph even after a full line
    assert paras[5].text == "一、深刻领会，准确把握习近平总书记重要讲话的思想精髓"
    assert paras[6].text.startswith("（一）在领悟核心要义中坚定政治方向。")


def test_unwrapped_text_keeps_its_lines():
    text = (CORPUS / "000_270d42a2c73d1346.txt").read_text(encoding="utf-8")
    assert len(paragraphs(text)) == len([line for line in text.splitlines() if line.strip()])


def test_half_width_punctuation_next_to_chinese_becomes_full_width():
    assert normalize("同志们:") == "同志们："
    assert normalize("今天,我们召开会议;大家好?很好!") == "今天，我们召开会议；大家好？很好！"
    assert normalize("(一)在领悟核心要义中坚定政治方向") == "（一）在领悟核心要义中坚定政治方向"
    assert normalize("重要之年,2025年全国两会") == "重要之年，2025年全国两会"


def test_digits_percentages_times_and_latin_stay_intact():
    s = "投入3,000万元，增长12.5%，会议10:30开始，访问https://example.org/a,b (see p. 3) OK."
    assert normalize(s) == s


def test_scraping_markers_disappear():
    assert normalize("##paidbegin##（三）确保长治久安。\n##paidend##") == "（三）确保长治久安。"


def test_indentation_and_stray_spaces_go_but_a_speaker_line_keeps_its_space():
    assert normalize("　　我们要 坚持 以学促干，推动发展。") == "我们要坚持以学促干，推动发展。"
    assert normalize("  XX区委副书记   张三  ") == "XX区委副书记 张三"


def test_paragraphs_keep_raw_text_and_line_numbers():
    paras = paragraphs("标题\n\n同志们:\n正文,第一段。\n")
    assert [(p.line, p.raw, p.text) for p in paras] == [
        (1, "标题", "标题"), (3, "同志们:", "同志们："), (4, "正文,第一段。", "正文，第一段。")]


speechy = st.lists(
    st.one_of(
        st.sampled_from(["一、", "（一）", "(一)", "1.", "（1）", "一是", "二是", "同志们:", "。", "，", ",",
                         ":", ";", "(", ")", "?", "!", "\n", "\n\n", "  ", "\u3000", "XX", "**",
                         "##paidbegin##", "3,000", "10:30", "发言完毕，谢谢大家！"]),
        st.text(alphabet="高质量发展是首要任务我们要坚持以学促干在学思践悟中把牢方向一二三十。；abcXYZ019 ", max_size=40),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(speechy)
def test_normalising_twice_equals_normalising_once(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_normalising_any_unicode_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_corpus_normalises_idempotently():
    for path in sorted(CORPUS.glob("*.txt")):
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once, path.name


def test_ascii_full_stops_and_straight_quotes_in_chinese_text():
    assert normalize('我完全赞同.下面,我表态.作为"一把手"工程') == "我完全赞同。下面，我表态。作为“一把手”工程"
    assert normalize("增长1.5个百分点，见example.org。") == "增长1.5个百分点，见example.org。"
    assert normalize('He said "hello".') == 'He said "hello".'


def test_an_item_after_a_sentence_end_starts_a_paragraph_in_wrapped_text():
    lines = ["我们将认真贯彻落实会议精神，扎实推进各项工作落", "地见效，确保取得实实在在的成效，向组织交出答卷。",
             "一是提高思想认识，把作风建设摆在突出位置，切实", "抓紧抓好各项工作。"] * 2
    paras = paragraphs("\n".join(lines))
    assert [p.text[:4] for p in paras] == ["我们将认", "一是提高", "我们将认", "一是提高"]


def test_page_furniture_and_web_chrome_lines_disappear():
    wrapped = ["我们要认真贯彻落实会议精神，扎实推进各项工作落地", "见效，确保取得实实在在的成效，向组织和人民交出",
               "满意答卷。同时要加强统筹协调，形成上下联动、左", "右协同的强大合力，推动各项任务落地落细落实，真"]
    text = ("在全市工作会议上的讲话\n来源：市政府网站\n发布时间：2024-03-05 10:20\n【字体：大 中 小】\n同志们：\n"
            + "\n".join(wrapped[:2]) + "\n— 3 —\n" + "\n".join(wrapped[2:]) + "\n正抓出成效。\n"
            "第 2 页 共 5 页\n打印本页\n关闭窗口\n")
    assert [p.text for p in paragraphs(text)] == ["在全市工作会议上的讲话", "同志们：", "".join(wrapped) + "正抓出成效。"]


def test_numbers_that_are_content_stay():
    assert normalize("1.坚决整治形式主义\n2023年是开局之年。") == "1.坚决整治形式主义\n2023年是开局之年。"


def test_a_paragraph_a_web_page_broke_mid_sentence_is_joined_again():
    first = "今天召开全县农村工作会议，主要任务是总结去年工作，分析当前形势，主要目的是深入学习贯"
    second = "彻习近平总书记关于三农工作的重要论述，安排部署今年工作。"
    text = f"在全县农村工作会议上的讲话\n\n同志们：\n\n{first}\n\n{second}\n\n一、提高政治站位\n\n正文。\n"
    assert [p.text for p in paragraphs(text)] == [
        "在全县农村工作会议上的讲话", "同志们：", first + second, "一、提高政治站位", "正文。"]


def test_a_paywall_notice_line_disappears():
    assert normalize("正文第一段。\n【本文内容为付费内容，购买后可查看全文】\n正文第二段。") == "正文第一段。\n正文第二段。"


def test_a_standalone_numbered_heading_is_never_joined_to_the_next_line():
    """Headings on lines of their own, near one length, are not the cut of a hard-wrapped text."""
    body = "这是我们必须答好的一道必答题，也是衡量各级领导干部担当作为的一把尺子。" * 6
    text = "\n".join(["在全市优化营商环境工作交流会上的发言", "同志们：", "按照会议安排，我就滨江区优化营商环境工作作简要交流发言。",
                      "一、聚焦企业所需，深化放管服改革", body, "二、聚焦人才引育，厚植创新发展优势", body,
                      "三、聚焦作风转变，当好服务企业店小二", body])
    texts = [p.text for p in paragraphs(text)]
    assert "一、聚焦企业所需，深化放管服改革" in texts and "三、聚焦作风转变，当好服务企业店小二" in texts
