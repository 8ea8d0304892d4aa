"""Help pages and usage errors in the user's language, laid out for Chinese text.

typer builds the click command tree; ``DrafterGroup.main`` (the root command) picks the
language, gives every command of the tree the help layout below (``adopt``), and turns a
usage error (unknown option, missing argument, bad value) into one translated line with
exit code 2. Help texts are English msgids marked ``N_()``; they are translated here, when
shown, so ``--lang`` given anywhere on the line applies.

The layout: ``用法：drafter lint [选项] FILE...``, the description (paragraphs wrapped by
display width, two columns per Chinese character; indented lines, such as examples, kept
as written), then 参数 and 选项 with a plain metavar (``FILE``, ``N``, ``TEXT``) — never
typer's ``<list[Path]>``/``<int range>`` or ``{TEXT}``.
"""

from __future__ import annotations

import inspect
import re
import sys
import unicodedata

import typer
from typer._click import exceptions as ce
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from drafter import i18n
from drafter.bank.locate import flush_announcements
from drafter.errors import UsageError
from drafter.fastcli import help_width, split_lang
from drafter.i18n import N_, _, language

# Strings of the framework we show in our own words (extracted by Babel from here).
HELP_OPTION = N_("Show this message and exit.")

_CLOSING = set("，。、；：？！）》」』”’…—%,.;:?!)]}")
_OPENING = set("（《「『“‘([{")


# ---------------------------------------------------------------------------------------------
# text layout

def width_of(text: str) -> int:
    """Display columns: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    raw = re.findall(r"\[[^\]\n]{1,40}\]|\s+|[\x21-\x7e]+|.", text)
    out: list[str] = []
    for tok in raw:
        if out and not tok.isspace() and tok[0] in _CLOSING and not out[-1].isspace():
            out[-1] += tok  # never start a line with closing punctuation
        elif out and out[-1] and out[-1][-1] in _OPENING and not tok.isspace():
            out[-1] += tok  # never end a line with opening punctuation
        else:
            out.append(tok)
    return out


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, breaking at spaces or between Chinese characters."""
    lines, line, used = [], "", 0  # used: width_of(line), kept as the line grows
    for tok in _tokens(text):
        if tok.isspace():
            if line:
                line += " "
                used += 1
            continue
        tok_width = width_of(tok)
        if line and used + tok_width > width:
            lines.append(line.rstrip())
            line, used = tok, tok_width
        else:
            line += tok
            used += tok_width
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _join(lines: list[str]) -> str:
    """Join the lines of a paragraph: a space between Latin words, none between Chinese."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if text and width_of(text[-1]) == 1 and width_of(line[:1]) == 1:
            text += " "
        text += line
    return text


def paragraphs(text: str, width: int, indent: int = 2) -> list[str]:
    """A help text laid out: plain paragraphs re-wrapped, indented lines (examples) kept."""
    out: list[str] = []
    blocks = re.split(r"\n\s*\n", inspect.cleandoc(text).partition("\f")[0])
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip() != "\b"]
        if not lines:
            continue
        if out:
            out.append("")
        plain: list[str] = []
        verbatim = False
        for ln in lines:
            if ln.startswith((" ", "\t")) or verbatim and not ln.strip():
                if plain:
                    out.extend(" " * indent + w for w in wrap(_join(plain), width - indent))
                    plain = []
                out.append(" " * indent + ln.rstrip())
            else:
                plain.append(ln)
        if plain:
            out.extend(" " * indent + w for w in wrap(_join(plain), width - indent))
    return out


def definitions(rows: list[tuple[str, str]], width: int, indent: int = 2, max_col: int = 26) -> list[str]:
    """Two columns: the term, then its help wrapped in the rest of the line."""
    if not rows:
        return []
    col = min(max(width_of(term) for term, _help in rows), max_col) + 2
    out = []
    for term, text in rows:
        body = wrap(text, max(width - indent - col, 20)) if text else [""]
        if width_of(term) + 2 > col:
            out.append(" " * indent + term)
            out.extend(" " * (indent + col) + ln for ln in body if ln)
        else:
            out.append(" " * indent + term + " " * (col - width_of(term)) + body[0])
            out.extend(" " * (indent + col) + ln for ln in body[1:])
    return out


def _width() -> int:
    return help_width()


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
    return f"[{'；'.join(parts) if _is_cjk() else '; '.join(parts)}]" if parts else ""


def _is_cjk() -> bool:
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
    text = _join(inspect.cleandoc(text).split("\n\n")[0].split("\n"))
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
    width = _width()
    lines = [_("Usage:") + ("" if _is_cjk() else " ") + " ".join([ctx.command_path, *usage_pieces(command, ctx)])]
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


def _format_help(self, ctx, formatter) -> None:
    global pages_laid_out
    pages_laid_out += 1
    formatter.write(render_help(self, ctx))


def _get_usage(self, ctx) -> str:
    return _("Usage:") + ("" if _is_cjk() else " ") + " ".join([ctx.command_path, *usage_pieces(self, ctx)])


# Plain subclasses (no mixin, no new attributes), so ``adopt`` can switch typer's objects to them.
class DrafterCommand(TyperCommand):
    format_help = _format_help
    get_usage = _get_usage


class DrafterSubgroup(TyperGroup):
    format_help = _format_help
    get_usage = _get_usage


def adopt(command) -> None:
    """Give every command of the tree the layout above (typer built them as its own classes)."""
    for sub in getattr(command, "commands", {}).values():
        if type(sub) is TyperCommand:
            sub.__class__ = DrafterCommand
        elif type(sub) is TyperGroup:
            sub.__class__ = DrafterSubgroup
        adopt(sub)


# ---------------------------------------------------------------------------------------------
# usage errors

_DETAILS = [
    (re.compile(r"Input should be a valid integer.*"), N_("not a whole number")),
    (re.compile(r"Input should be a valid number.*"), N_("not a number")),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), N_("must be at least {n}")),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), N_("must be more than {n}")),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), N_("must be at most {n}")),
    (re.compile(r"Input should be less than (?P<n>\S+)"), N_("must be less than {n}")),
    # the same from click's own checks (typer < 0.29 has no pydantic; pyproject pins it)
    (re.compile(r".* is not a valid (?:integer|int|integer range|int range)\.?$"), N_("not a whole number")),
    (re.compile(r".* is not a valid (?:float|float range)\.?$"), N_("not a number")),
    (re.compile(r".* is not in the range x>=(?P<n>[^\s.]+(?:\.\d+)?)\.?$"), N_("must be at least {n}")),
    (re.compile(r".* is not in the range x>(?P<n>[^\s.]+(?:\.\d+)?)\.?$"), N_("must be more than {n}")),
    (re.compile(r".* is not in the range x<=(?P<n>[^\s.]+(?:\.\d+)?)\.?$"), N_("must be at most {n}")),
    (re.compile(r".* is not in the range x<(?P<n>[^\s.]+(?:\.\d+)?)\.?$"), N_("must be less than {n}")),
    (re.compile(r"(?:'|\")?(?P<value>.*?)(?:'|\")? is not one of (?P<choices>.*?)\.?$"),
     N_("{value!r} is not one of {choices}")),
    (re.compile(r"\w+ '(?P<path>.*)' does not exist\."), N_("{path} does not exist")),
    (re.compile(r"\w+ '(?P<path>.*)' is a directory\."), N_("{path} is a directory")),
    (re.compile(r"\w+ '(?P<path>.*)' is a file\."), N_("{path} is a file")),
]


def _detail(message: str) -> str:
    for pattern, msgid in _DETAILS:
        match = pattern.match(message.strip())
        if match:
            return _(msgid).format(**match.groupdict())
    return message


def _param_name(param, hint=None) -> str:
    if hint:
        return hint if isinstance(hint, str) else " / ".join(hint)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return metavar(param).rstrip(".")
    return max(param.opts, key=len)


def usage_error_line(err) -> str:
    """One line for a usage error, in the current language, with where to get help."""

    if isinstance(err, ce.NoSuchOption):
        text = _("no such option: {option}").format(option=err.option_name)
        if err.possibilities:
            text += _(" (did you mean {options}?)").format(options=", ".join(sorted(err.possibilities)))
    elif isinstance(err, ce.MissingParameter):
        name = _param_name(err.param, err.param_hint)
        kind = err.param_type or (err.param.param_type_name if err.param is not None else "")
        text = (_("missing argument {name}") if kind == "argument" else _("missing option {name}")).format(
            name=name)
    elif isinstance(err, ce.BadParameter):
        text = _("invalid value for {name}: {detail}").format(
            name=_param_name(err.param, err.param_hint), detail=_detail(err.message))
    else:
        message = err.format_message()
        for pattern, msgid in (
                (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)", N_("unexpected extra argument: {args}")),
                (r"Option '(?P<option>.*)' requires an argument\.", N_("option {option} needs a value")),
                (r"Option '(?P<option>.*)' requires (?P<n>\d+) arguments\.",
                 N_("option {option} needs {n} values")),
                (r"Option '(?P<option>.*)' does not take a value\.", N_("option {option} takes no value")),
                (r"No such command '(?P<name>.*)'\.", N_("no such command: {name}")),
                (r"Missing command\.", N_("missing command"))):
            match = re.match(pattern, message)
            if match:
                message = _(msgid).format(**match.groupdict())
                break
        text = message
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        hint = _("see: {command} --help").format(command=ctx.command_path)
        text = f"{text}（{hint}）" if _is_cjk() else f"{text} ({hint})"
    return text


class DrafterGroup(TyperGroup):
    """The root command: picks the language, lays help out, reports usage errors on one line."""

    format_help = _format_help
    get_usage = _get_usage

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):


        args = list(sys.argv[1:] if args is None else args)
        lang, args = split_lang(args)
        saved = i18n._override
        if lang is not None:
            try:
                i18n.set_language(lang)
            except ValueError:
                typer.echo("drafter: " + _("--lang {lang}: en | zh").format(lang=lang), err=True)
                sys.exit(2)
        adopt(self)
        flush_announcements(show=False)
        try:
            try:
                rv = super().main(args, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
                # exit 0 or 1 (a result: found nothing, lint errors): say which bank was used;
                # exit 2 (the command failed): its one error line only
                flush_announcements(show=rv in (None, 0, 1))
            except ce.NoArgsIsHelpError as err:
                if not standalone_mode:
                    raise
                typer.echo(err.ctx.get_help(), err=True)
                sys.exit(err.exit_code)
            except ce.ClickException as err:
                if not standalone_mode:
                    raise
                if isinstance(err, ce.UsageError):
                    typer.echo(f"drafter: {usage_error_line(err)}", err=True)
                else:
                    typer.echo(f"drafter: {err.format_message()}", err=True)
                sys.exit(err.exit_code)
            except Abort:
                if not standalone_mode:
                    raise
                typer.echo("drafter: " + _("aborted"), err=True)
                sys.exit(1)
            except UsageError as err:
                if not standalone_mode:
                    raise
                typer.echo(f"drafter: {err}", err=True)
                sys.exit(err.exit_code)
            if not standalone_mode:
                return rv
            sys.exit(rv if isinstance(rv, int) else 0)
        finally:
            flush_announcements(show=False)
            i18n._override = saved
