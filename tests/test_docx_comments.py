"""Lint findings as Word comments on the offending text (``drafter lint X.docx --comments OUT``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.check import check_docx
from drafter.lint import lint_file
from drafter.normalize import paragraphs
from drafter.parser import parse_text
from drafter.readers import read
from drafter.writers import write
from drafter.writers.docx_comments import add_lint_comments, comment_text

ROOT = Path(__file__).resolve().parent.parent
#: a speech with planted problems: placeholder, 规范表述 slips, an unpaired quote, a repeated
#: sentence, numbering that skips (the parser makes the half-width marks full-width)
PLANTED = """在专题研讨会上的发言

同志们：
今天，我们召开XX专题研讨会，认真学习贯彻党的二十大精神。
一、坚持理论武装
我们要深入学习贯彻二十大精神,在实践中再接再励.
要胸怀“国之大者，坚持以人民为中心的发展思想。
我们要把学习成效转化为推动发展的实际行动。这是这次学习的根本目的。
三、狠抓工作落实
围绕这个目标，各部门要拿出具体措施。我们要把学习成效转化为推动发展的实际行动。
以上发言，不当之处，请批评指正。
"""


def run(*args):
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    return write(parse_text(PLANTED, "planted.txt"), tmp_path_factory.mktemp("comments") / "planted.docx")


def comments_by_paragraph(path: Path) -> list[tuple[str, str, str]]:
    """(comment text, anchored text, paragraph text) for every comment, in document order."""
    document = docx.Document(str(path))
    texts = {c.comment_id: (c.text, c.author) for c in document.comments}
    out = []
    for p in document.element.body.iter(qn("w:p")):
        for start in p.iter(qn("w:commentRangeStart")):
            cid = int(start.get(qn("w:id")))
            anchored, on = [], False
            for el in p.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
                if el.tag == qn("w:commentRangeStart") and int(el.get(qn("w:id"))) == cid:
                    on = True
                elif el.tag == qn("w:commentRangeEnd") and int(el.get(qn("w:id"))) == cid:
                    on = False
                elif el.tag == qn("w:t") and on:
                    anchored.append(el.text or "")
            text, author = texts[cid]
            assert author == "drafter"
            paragraph = "".join(t.text or "" for t in p.iter(qn("w:t")))
            out.append((text, "".join(anchored), paragraph))
    return out


def test_every_finding_is_a_comment_on_its_paragraph(planted, tmp_path):
    report = lint_file(planted)
    rules = {f.rule for f in report.findings}
    assert {"placeholder", "miswritten", "party-congress-name", "unpaired", "repeated-sentence",
            "numbering-sequence"} <= rules, rules
    out = tmp_path / "reviewed.docx"
    assert add_lint_comments(planted, out, report.findings) == len(report.findings)
    comments = comments_by_paragraph(out)
    assert len(comments) == len(report.findings)
    raw = read(planted)
    paras = paragraphs(raw.text, rejoin=raw.rejoin)
    for finding in report.findings:
        hit = [c for c in comments if c[0] == comment_text(finding)]
        assert hit, finding
        _, anchored, paragraph = hit[0]
        assert paragraph.replace("\n", "") == paras[finding.paragraph - 1].raw.replace("\n", ""), finding
        if finding.excerpt and finding.excerpt in paragraph:
            assert anchored == finding.excerpt, (finding, anchored)


def test_the_commented_document_reads_the_same_and_still_passes_check(planted, tmp_path):
    out = tmp_path / "reviewed.docx"
    add_lint_comments(planted, out, lint_file(planted).findings)
    assert read(out).text == read(planted).text
    assert [r.rule for r in check_docx(out) if not r.ok] == []
    def seen(path):
        return [(f.paragraph, f.rule, f.message, f.excerpt) for f in lint_file(path).findings]
    assert seen(out) == seen(planted)


def test_the_lint_command_writes_comments(planted, tmp_path):
    out = tmp_path / "审阅.docx"
    result = run("lint", str(planted), "--comments", str(out))
    assert result.returncode == 1  # the planted errors are still reported
    assert out.is_file() and len(docx.Document(str(out)).comments) == len(lint_file(planted).findings)
    assert "comments" in result.stderr
    again = run("lint", str(planted), "--comments", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run("lint", str(planted), "--comments", str(planted), "--force").returncode == 2  # never the input


def test_comments_need_one_docx(tmp_path):
    assert run("lint", str(ROOT / "tests" / "fixtures" / "lint" / "terms.txt"), "--comments",
               str(tmp_path / "x.docx")).returncode == 2


def test_draft_with_lint_comments(tmp_path):
    out = tmp_path / "发言.docx"
    outline = tmp_path / "提纲.yaml"  # an opening with a slot vars do not fill: lint flags 〔待补充〕
    text = (ROOT / "examples" / "研讨发言.yaml").read_text(encoding="utf-8")
    outline.write_text(text + "opening: 我代表{单位}党组谈几点体会。\n", encoding="utf-8")
    result = run("draft", str(outline), "-o", str(out), "--lint-comments")
    assert result.returncode == 0, result.stderr
    comments = docx.Document(str(out)).comments
    assert len(comments) == len(lint_file(out).findings) > 0
    assert all(c.author == "drafter" for c in comments)
    assert [r.rule for r in check_docx(out) if not r.ok] == []


def test_libreoffice_shows_every_comment(planted, tmp_path):
    from tests.rendering import PDF_WITH_NOTES, convert, pdf_notes, require_tools

    require_tools()
    out = tmp_path / "reviewed.docx"
    findings = lint_file(planted).findings
    add_lint_comments(planted, out, findings)
    notes = pdf_notes(convert([out], tmp_path, to=PDF_WITH_NOTES)[0])
    assert len(notes) == len(findings)
    for finding in findings:
        assert any(author.startswith("drafter") and comment_text(finding) in text for author, text in notes), finding
