"""One line for a usage error (unknown option, missing argument, bad value), in the user's
language, with where to get help: ``drafter: 没有这个选项：--nope（…）（用法见 drafter lint --help）``.
click's and pydantic's English messages are matched and said again in our own words.
"""

from __future__ import annotations

import re

from typer._click import exceptions as ce

from drafter.clihelp.pages import is_cjk, metavar
from drafter.i18n import N_, _

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
        text = f"{text}（{hint}）" if is_cjk() else f"{text} ({hint})"
    return text

