"""compose/units.py: what a prepared line knows of its sources."""

from drafter.bank.phrase import Phrase, Source
from drafter.compose.analysis import AnalysisCache
from drafter.compose.units import prepare

CPC = "cpc/cpc_congress_reports_013_坚定不移沿着中国特色社会主义道路前进为全面建成小.txt"


def _newest(sources, years):
    p = Phrase(id="论述-0001", text="要推动义务教育优质均衡发展，办好人民满意的教育。", category="要求", sources=sources)
    (line,) = prepare([p], AnalysisCache(None), years)
    return line[8]  # the newest year, after id, text, role, category, tags, slots, level, ties (units.Prepared)


def test_a_bank_source_takes_its_year_from_the_sources_table():
    """A congress report's file name has no year, only its title in SOURCES-cpc.tsv (十八大 → 2012):
    a bank's ``Source`` must be looked up by its file, not by its repr (``Source(file=…)``),
    else every cpc line reads as undated and the age rules never apply to it."""
    assert _newest([Source(CPC, 3)], {CPC: 2012}) == 2012
    assert _newest([{"file": CPC, "para": 3}], {CPC: 2012}) == 2012


def test_a_line_is_as_new_as_its_newest_source_and_undated_when_one_is():
    gwr = "gwr/government_work_reports_002_2024年中华人民共和国国务院政府工作报告.txt"
    assert _newest([Source(CPC, 3), Source(gwr, 9)], {CPC: 2012}) == 2024
    assert _newest([Source(gwr, 9), Source("mine/讲话.txt", 1)], {CPC: 2012}) is None
