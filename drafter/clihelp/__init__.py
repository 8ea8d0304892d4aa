"""Help pages and usage errors in the user's language, laid out for Chinese text.

typer builds the click command tree; ``root.DrafterGroup.main`` (the root command) picks the
language, gives every command of the tree the help layout of ``pages`` (``pages.adopt``), and
turns a usage error (unknown option, missing argument, bad value) into one translated line
with exit code 2 (``usage``). Help texts are English msgids marked ``N_()``; they are
translated when shown, so ``--lang`` given anywhere on the line applies.

* ``layout``: display width (two columns per Chinese character), wrapping, paragraphs and
  two-column definitions — plain text, no typer;
* ``pages``: a command's help page (``用法：drafter lint [选项] FILE...``, the description,
  参数, 选项, 命令) with plain metavars (``FILE``, ``N``, ``TEXT``, never typer's
  ``<list[Path]>``/``<int range>`` or ``{TEXT}``), and the command classes that show it;
* ``usage``: one line for a usage error, in the user's language;
* ``root``: ``DrafterGroup``, the root command class (``cli.py`` builds the app with it).

Nothing is imported here: ``from drafter.clihelp.layout import width_of`` does not import typer.
"""
