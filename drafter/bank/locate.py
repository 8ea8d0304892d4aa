"""Which phrase bank a command uses: one rule for every command (docs/bank-format.md).

1. ``--bank DIR``;
2. else the environment variable ``DRAFTER_BANK``;
3. else the project's bank: going up from the current folder (to the home folder or the
   filesystem root), the first folder that holds ``drafter.toml`` with a ``bank = "DIR"``
   key (relative to that file), or a ``phrasebank/`` bank folder — so drafting from a
   subfolder of a project uses the project's bank, as ``git`` finds its repository;
4. else the user's default: ``bank = "DIR"`` in ``$XDG_CONFIG_HOME/drafter/drafter.toml``
   (``~/.config/drafter/drafter.toml``);
5. else the bank that ships with drafter (read-only).

Commands that read a bank say which one they used (``announce``): one line on stderr when
the command has finished (``flush_announcements``, called by the CLI), so that a failing
command still prints its one error line and nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from drafter.console import echo
from drafter.errors import BankError
from drafter.i18n import _

CONFIG_NAME = "drafter.toml"
BANK_FOLDER = "phrasebank"
ENV = "DRAFTER_BANK"


@dataclass(frozen=True)
class BankChoice:
    path: Path
    how: str        # "option", "env", "project-config", "project", "user-config", "builtin", "new"
    origin: str = ""  # the config file or folder that chose it, where there is one

    @property
    def builtin(self) -> bool:
        return self.how == "builtin"

    def describe(self) -> str:
        """Why this bank, in the user's language."""
        if self.how == "option":
            return _("from --bank")
        if self.how == "env":
            return _("from DRAFTER_BANK")
        if self.how == "project-config":
            return _("set in {file}").format(file=_show(Path(self.origin)))
        if self.how == "project":
            return _("the project's bank, found from the current folder")
        if self.how == "user-config":
            return _("your default, set in {file}").format(file=_show(Path(self.origin)))
        if self.how == "new":
            return _("a new bank in the current folder")
        return _("the bank shipped with drafter")


def packaged_bank_dir() -> Path:
    """The bank mined from corpus/ that ships inside the package."""
    return Path(__file__).resolve().parent.parent / "data" / "phrasebank"


def looks_like_bank(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "phrases").is_dir() or (folder / "categories.yaml").is_file()
                                or (folder / "skeletons.yaml").is_file())


def _config_bank(path: Path) -> Path | None:
    """The ``bank`` of a drafter.toml (relative to the file), None if it sets none."""
    import tomllib  # noqa: PLC0415 - only where a drafter.toml exists: 8-10 ms CPU of every command's start-up (measured 2026-12-02)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BankError(_("cannot read the configuration: {error}").format(error=err), path=path) from None
    except tomllib.TOMLDecodeError as err:
        raise BankError(_("not valid TOML: {error}").format(error=err), path=path) from None
    value = data.get("bank")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BankError(_("bank must be a folder name in quotes, e.g. bank = \"phrasebank\""),
                        path=path, key="bank")
    bank = Path(os.path.expanduser(value))
    return bank if bank.is_absolute() else path.parent / bank


def _user_config() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "drafter" / CONFIG_NAME


def resolve_bank(explicit: str | Path | None = None, cwd: str | Path | None = None) -> BankChoice:
    """The bank to use under the rule above (the folder is not checked to exist here)."""
    if explicit is not None:
        return BankChoice(Path(explicit), "option")
    env = os.environ.get(ENV, "").strip()
    if env:
        return BankChoice(Path(os.path.expanduser(env)), "env")
    here = Path(cwd or os.getcwd()).resolve()
    home = Path(os.path.expanduser("~")).resolve()
    for folder in (here, *here.parents):
        config = folder / CONFIG_NAME
        if config.is_file():
            bank = _config_bank(config)
            if bank is not None:
                return BankChoice(_relative(bank), "project-config", str(config))
        if looks_like_bank(folder / BANK_FOLDER):
            return BankChoice(_relative(folder / BANK_FOLDER), "project", str(folder))
        if folder == home:
            break
    user = _user_config()
    if user.is_file():
        bank = _config_bank(user)
        if bank is not None:
            return BankChoice(bank, "user-config", str(user))
    return BankChoice(packaged_bank_dir(), "builtin")


def resolve_output_bank(explicit: str | Path | None = None) -> BankChoice:
    """The bank ``drafter mine`` writes to: the same rule, except that the shipped bank is never
    written — without any other choice it is ./phrasebank."""
    choice = resolve_bank(explicit)
    if choice.builtin:
        return BankChoice(Path(BANK_FOLDER), "new")
    return choice


def _relative(path: Path) -> Path:
    """A path under the current folder as a relative one (``phrasebank``), else absolute."""
    try:
        return Path(os.path.relpath(path)) if not os.path.relpath(path).startswith("..") else path
    except ValueError:
        return path


def _show(path: Path) -> str:
    """As the user would type it from here: ``phrasebank``, ``../phrasebank``, else absolute."""
    try:
        rel = Path(os.path.relpath(path))
    except ValueError:
        return str(path)
    ups = rel.parts.count("..")
    return str(rel) if ups == 0 or (ups == 1 and len(rel.parts) == 2) else str(Path(path).resolve())


_pending: list[BankChoice] = []


def announce(choice: BankChoice) -> None:
    """Note the bank a command uses; the CLI prints it when the command has finished."""
    if choice not in _pending:
        _pending.append(choice)


def announcement(choice: BankChoice) -> str:
    return "drafter: " + _("used bank {path} ({why})").format(path=_show(choice.path), why=choice.describe())


def flush_announcements(show: bool = True) -> None:
    """Print (or with ``show=False`` forget) the banks noted since the last flush."""
    choices = list(_pending)
    _pending.clear()
    if show:
        for choice in choices:
            echo(announcement(choice), err=True)
