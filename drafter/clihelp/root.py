"""The root command class: picks the language (``--lang`` anywhere on the line), gives every
command of the tree the help layout (clihelp/pages.py), and reports a usage error on one
line with exit code 2 (clihelp/usage.py), a ``UsageError`` of a command the same way.
"""

from __future__ import annotations

import sys

import typer
from typer._click import exceptions as ce
from typer.core import TyperGroup
from typer.exceptions import Abort

from drafter import i18n
from drafter.bank.locate import flush_announcements
from drafter.clihelp.pages import adopt, format_help_page, usage_of
from drafter.clihelp.usage import usage_error_line
from drafter.errors import UsageError
from drafter.fastcli import split_lang
from drafter.i18n import _


class DrafterGroup(TyperGroup):
    """The root command: picks the language, lays help out, reports usage errors on one line."""

    format_help = format_help_page
    get_usage = usage_of

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
