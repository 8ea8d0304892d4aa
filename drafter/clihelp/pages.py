"""A command's help page, in the user's language and laid out for Chinese text.

``用法：drafter lint [选项] FILE...``, the description (paragraphs wrapped by display width,
clihelp/layout.py; indented lines, such as examples, kept as written), then 参数, 选项 and
命令, each parameter with a plain metavar (``FILE``, ``N``, ``TEXT``) — never typer's
``<list[Path]>``/``<int range>`` or ``{TEXT}``. ``adopt`` gives every command of a tree this
layout (typer built them as its own classes).
"""

from __future__ import annotations

import inspect
import re

from typer.core import TyperCommand, TyperGroup

from drafter.clihelp.layout import definitions, join_lines, paragraphs, width_of
from drafter.fastcli import help_width
from drafter.i18n import N_, _, language

# Strings of the framework we show in our own words (extracted by Babel from here).
HELP_OPTION = N_("Show this message and exit.")


# ---------------------------------------------------------------------------------------------
# parameters

def _annotation_label(param) -> str:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None:
        try:
            if desc.is_choice:
                return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
            if desc.is_path:
                return "PATH"
            ann = desc.annotation
            args = getattr(ann, "__args__", None)
            if desc.is_list and args:
                ann = args[0]
            if ann is int:
                return "N"
            if ann is float:
                return "NUM"
            if getattr(ann, "__name__", "") == "Path":
                return "PATH"
        except Exception:  # noqa: BLE001 - a typer without these attributes: the plain fallback
            pass
    name = getattr(getattr(param, "type", None), "name", "")
    return {"integer": "N", "float": "NUM", "path": "PATH"}.get(name, "TEXT")


def metavar(param) -> str:
    """The placeholder shown for a parameter's value (explicit metavar, else from its type)."""
    if getattr(param, "param_type_name", "") == "argument":
        name = param.metavar or (param.name or "ARG").upper()
        return name + ("..." if param.nargs != 1 and not name.endswith("...") else "")
    if param.metavar:
        return param.metavar
    return _annotation_label(param)


def _is_flag(param) -> bool:
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


def _extras(param) -> str:
    parts = []
    default = getattr(param, "default", None)
    show = getattr(param, "show_default", True)
    if (param.param_type_name == "option" and not _is_flag(param) and show is not False
            and default not in (None, "", (), []) and not callable(default)):
        value = show if isinstance(show, str) else (
            ", ".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default))
        parts.append(_("default: {value}").format(value=value))
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        parts.append(f"{low}–{high}")
    elif low is not None:
        parts.append(f"≥{low}")
    elif high is not None:
        parts.append(f"≤{high}")
    if param.required and param.param_type_name == "option":
        parts.append(_("required"))
    return f"[{'；'.join(parts) if is_cjk() else '; '.join(parts)}]" if parts else ""


def is_cjk() -> bool:
    return language() == "zh"


def _row(param) -> tuple[str, str]:
    help_text = _(param.help) if param.help else ""
    if param.param_type_name == "argument":
        term = metavar(param)
    else:
        term = ", ".join(sorted(param.opts, key=len))
        if param.secondary_opts:
            term += " / " + ", ".join(sorted(param.secondary_opts, key=len))
        if not _is_flag(param):
            term += " " + metavar(param)
    extra = _extras(param)
    if extra:
        help_text = f"{help_text}  {extra}" if help_text else extra
    return term, help_text


# ---------------------------------------------------------------------------------------------
# the page

def usage_pieces(command, ctx) -> list[str]:
    pieces = [_("[OPTIONS]")] if command.get_params(ctx) else []
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        shown = metavar(param)
        pieces.append(shown if param.required else f"[{shown}]")
    if isinstance(command, TyperGroup):
        pieces.append(_("COMMAND [ARGS]..."))
    return pieces


def short_help(command, width: int) -> str:
    """The first sentence of a command's help, cut to ``width`` columns."""
    if command.short_help:
        text = _(command.short_help)
    elif command.help:
        text = _(command.help)
    else:
        return ""
    text = join_lines(inspect.cleandoc(text).split("\n\n")[0].split("\n"))
    match = re.search(r"。|(?<=[a-z)])\.(\s|$)|；|;", text)
    if match:
        text = text[:match.start()]
    text = text.rstrip("。.")
    if width_of(text) > width:
        while text and width_of(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text


def render_help(command, ctx) -> str:
    width = help_width()
    lines = [_("Usage:") + ("" if is_cjk() else " ") + " ".join([ctx.command_path, *usage_pieces(command, ctx)])]
    if command.help:
        lines.append("")
        lines.extend(paragraphs(_(command.help), width))
    params = command.get_params(ctx)
    args = [_row(p) for p in params if p.param_type_name == "argument" and not getattr(p, "hidden", False)]
    opts = [_row(p) for p in params if p.param_type_name == "option" and not getattr(p, "hidden", False)]
    if args:
        lines += ["", _("Arguments:")] + definitions(args, width)
    if opts:
        lines += ["", _("Options:")] + definitions(opts, width)
    if isinstance(command, TyperGroup):
        rows = []
        found = [(n, command.get_command(ctx, n)) for n in command.list_commands(ctx)]
        names = [n for n, sub in found if sub is not None and not sub.hidden]
        col = max((width_of(n) for n in names), default=0) + 4
        for name in names:
            rows.append((name, short_help(command.get_command(ctx, name), width - col)))
        if rows:
            lines += ["", _("Commands:")] + definitions(rows, width, max_col=20)
    if command.epilog:
        lines.append("")
        lines.extend(paragraphs(_(command.epilog), width))
    return "\n".join(lines) + "\n"


#: help pages laid out in this process: cli.py keeps what a line with --help printed only when
#: it was a page (not a command that took "--help" as an option's value)
pages_laid_out = 0


def format_help_page(self, ctx, formatter) -> None:
    global pages_laid_out
    pages_laid_out += 1
    formatter.write(render_help(self, ctx))


def usage_of(self, ctx) -> str:
    return _("Usage:") + ("" if is_cjk() else " ") + " ".join([ctx.command_path, *usage_pieces(self, ctx)])


# Plain subclasses (no mixin, no new attributes), so ``adopt`` can switch typer's objects to them.
class DrafterCommand(TyperCommand):
    format_help = format_help_page
    get_usage = usage_of


class DrafterSubgroup(TyperGroup):
    format_help = format_help_page
    get_usage = usage_of


def adopt(command) -> None:
    """Give every command of the tree the layout above (typer built them as its own classes)."""
    for sub in getattr(command, "commands", {}).values():
        if type(sub) is TyperCommand:
            sub.__class__ = DrafterCommand
        elif type(sub) is TyperGroup:
            sub.__class__ = DrafterSubgroup
        adopt(sub)

