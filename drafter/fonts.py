"""Which fonts a layout needs, which are installed, and what stands in for a missing one.

``needed_fonts(layout)`` lists every font the layout names (East Asian fonts by the styles
that use them, the Latin font, the page-number font). Where fontconfig is installed (Linux,
and the machines LibreOffice runs on), ``fc-list`` says which families are there and
``fc-match`` what a missing one will be replaced by; elsewhere the list of needs is all
drafter can tell.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from drafter.i18n import N_
from drafter.layouts import Layout

TIMEOUT = 30
#: role → how the user knows it (English in --json; `drafter fonts` shows each through gettext)
ROLE_NAMES = {"title": N_("title"), "speaker": N_("speaker"), "date": N_("date"), "salutation": N_("salutation"),
              "body": N_("body"), "closing": N_("closing"), "heading1": N_("heading 1"), "heading2": N_("heading 2"),
              "heading3": N_("heading 3"), "heading4": N_("heading 4")}


@dataclass
class FontNeed:
    font: str
    uses: list[str]
    installed: bool | None = None  # None: cannot tell (no fontconfig)
    replaced_by: str | None = None

    def to_dict(self) -> dict:
        return {"font": self.font, "uses": self.uses, "installed": self.installed,
                "replaced_by": self.replaced_by}


def needed_fonts(layout: Layout) -> list[FontNeed]:
    """Every font the layout names, in first-use order, with what uses it."""
    uses: dict[str, list[str]] = {}
    for role, style in layout.styles.items():
        uses.setdefault(style.font, []).append(ROLE_NAMES.get(role, role))
    uses.setdefault(layout.latin_font, []).append(N_("Latin letters and digits"))
    uses.setdefault(layout.page_number.font, []).append(N_("page numbers"))
    return [FontNeed(font, roles) for font, roles in uses.items()]


def has_fontconfig() -> bool:
    return shutil.which("fc-list") is not None and shutil.which("fc-match") is not None


def installed_families() -> set[str]:
    """Every family name fontconfig knows (each localised name too), folded to lower case."""
    out = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True,
                         timeout=TIMEOUT, check=False).stdout
    return {name.strip().lower() for line in out.splitlines() for name in line.split(",") if name.strip()}


def substitute(font: str) -> str | None:
    """The family fontconfig uses for ``font`` (its first name), or None."""
    out = subprocess.run(["fc-match", "--format", "%{family}", font], capture_output=True, text=True,
                         timeout=TIMEOUT, check=False).stdout.strip()
    return out.split(",")[0].strip() or None


def font_report(layout: Layout) -> list[FontNeed]:
    """``needed_fonts`` with installed/replaced_by filled in where fontconfig can tell."""
    needs = needed_fonts(layout)
    if not has_fontconfig():
        return needs
    families = installed_families()
    for need in needs:
        need.installed = need.font.lower() in families
        if not need.installed:
            found = substitute(need.font)
            # fontconfig maps a name to itself through an alias it cannot satisfy: say so
            need.replaced_by = found if found and found.lower() != need.font.lower() else None
    return needs
