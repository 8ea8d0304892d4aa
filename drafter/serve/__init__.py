"""``drafter serve``: a local web page for writers who never open a terminal.

The page edits an outline (a form and its YAML, in step), drafts it in a print-like view,
lets the writer choose sentence by sentence from the bank, downloads .docx/.md/.txt/溯源,
and curates and mines the phrase bank. Everything it needs ships in this package
(``static/``: plain HTML, CSS and JavaScript, no CDN, no network).

Modules: ``config`` (what the server may touch: the bank, the templates, one outline folder,
and the paths inside them), ``guard`` (Host/Origin checks and body size limits),
``outline_api``, ``draft_api``, ``bank_api`` and ``mine_jobs`` (the routes), ``view`` (a drafted
speech as the blocks and sentences the page shows), ``app`` (the Starlette app).
"""

from drafter.serve.app import make_app
from drafter.serve.config import ServeConfig

__all__ = ["ServeConfig", "make_app"]
