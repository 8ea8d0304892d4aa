"""Read a rendered template back as a Speech.

A template writes lines. Control lines start with ``@`` and are written by the template
itself (printed values can never start one: ``env.escape_value`` hides their ``@``)::

    @title 在……上的发言          @speaker XX区委副书记 张三      @date 2026-11-21
    @salutation 同志们：
    @opening                      (the lines that follow are opening paragraphs)
    @section 2|（一）|。|heading   (depth | marker | punctuation after the heading | heading)
    @closing                      (the lines that follow are closing paragraphs)

Any other non-empty line is a paragraph of whatever was opened last. Because the result
is a ``model.Speech``, every writer (txt, md, docx) and the round trip work unchanged.
"""

from __future__ import annotations

from drafter.compose.env import AT_ESCAPE, NL_ESCAPE
from drafter.errors import TemplateError
from drafter.i18n import _
from drafter.model import Section, Speech

FIELDS = ("title", "speaker", "date", "salutation")


def unescape(text: str) -> str:
    return text.replace(AT_ESCAPE, "@").replace(NL_ESCAPE, "")


def to_speech(rendered: str, template: str = "", source: str = "") -> Speech:
    speech = Speech(source=source)
    stack: list[tuple[int, Section]] = []
    target: list[str] = speech.opening
    for lineno, raw in enumerate(rendered.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("@"):
            target.append(unescape(line))
            continue
        command, _sep, rest = line[1:].partition(" ")
        rest = unescape(rest.strip())
        if command in FIELDS:
            setattr(speech, command, rest or None)
        elif command == "opening":
            target = speech.opening
        elif command == "closing":
            target = speech.closing
            stack.clear()
        elif command == "section":
            section, depth = _section(rest, template, lineno)
            while stack and stack[-1][0] >= depth:
                stack.pop()
            if len(stack) != depth - 1:
                raise TemplateError(_("output line {lineno}: section of depth {depth} has no parent").format(lineno=lineno, depth=depth),
                                    path=template or None)
            (stack[-1][1].sections if stack else speech.sections).append(section)
            stack.append((depth, section))
            target = section.body
        else:
            raise TemplateError(_("output line {lineno}: unknown control line @{command}").format(lineno=lineno, command=command),
                                path=template or None)
    speech.title = speech.title or ""
    return speech


def _section(rest: str, template: str, lineno: int) -> tuple[Section, int]:
    parts = rest.split("|", 3)
    if len(parts) != 4 or not parts[0].strip().isdigit() or not parts[3].strip():
        raise TemplateError(_("output line {lineno}: expected '@section depth|marker|punct|heading'").format(lineno=lineno),
                            path=template or None)
    depth = int(parts[0])
    return Section(marker=parts[1].strip(), heading=parts[3].strip(), punct=parts[2].strip()), depth
