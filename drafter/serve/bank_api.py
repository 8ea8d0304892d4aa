"""Phrase bank routes: browse by category and tag, search, add, edit, delete.

Every change goes through the same functions as ``drafter phrases`` (``drafter.bank.edit``:
validation, the bank lock, atomic writes of only the files touched), so an edit in the
page and one on the command line at the same moment both land. The shipped bank is
read-only, as on the command line; the page offers to copy it into the outline folder.
"""

from __future__ import annotations

import threading

from drafter.bank.edit import add_phrase, edit_phrase, remove_phrases
from drafter.bank.export import bank_stats, copy_packaged_bank
from drafter.bank.search import Query, search
from drafter.bank.store import load_categories
from drafter.i18n import N_, _
from drafter.serve.config import Refused
from drafter.serve.web import Ctx, text_field

MAX_LIMIT = 200
_switching = threading.Lock()


def phrase_dict(p) -> dict:
    return {"id": p.id, "text": p.text, "category": p.category, "tags": list(p.tags),
            "slots": list(p.slots), "count": p.count, "origin": p.origin,
            "sources": [s.to_dict() for s in p.sources]}


def info(ctx: Ctx, data: dict) -> dict:
    bank = ctx.config.bank
    if not bank.is_dir():
        return {"dir": str(bank), "writable": ctx.config.bank_writable(), "exists": False,
                "stats": None, "categories": {}}
    stats = bank_stats(bank, top=30)
    categories = load_categories(bank)
    return {"dir": str(bank), "writable": ctx.config.bank_writable(), "exists": True,
            "stats": stats, "categories": {name: categories.get(name, "")
                                           for name in {**categories, **stats["categories"]}}}


def phrases(ctx: Ctx, data: dict) -> dict:
    limit = _int(ctx.query("limit", "50"), 1, MAX_LIMIT)
    offset = _int(ctx.query("offset", "0"), 0, 10**7)
    text = ctx.query("q").strip()[:200]
    category = ctx.query("category").strip()
    tag = ctx.query("tag").strip()
    query = Query(text=text, categories=[category] if category else [], tags=[tag] if tag else [],
                  limit=offset + limit + 1)
    found = search(ctx.config.bank, query, ranked=bool(text))
    page = found[offset:offset + limit]
    return {"phrases": [phrase_dict(p) for p in page], "offset": offset,
            "more": len(found) > offset + limit}


def _int(text: str, low: int, high: int) -> int:
    if not text.isdigit():
        raise Refused(_("“{text}” is not a number").format(text=text), 400)
    return max(low, min(high, int(text)))


def _tags(data: dict, name: str) -> list[str]:
    tags = data.get(name) or []
    if isinstance(tags, str):
        tags = [t for t in tags.replace("，", " ").replace(",", " ").split()]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags) or len(tags) > 50:
        raise Refused(_("tags should be a list of words"), 400)
    return [t.strip() for t in tags if t.strip()]


#: the page's answer to an edit of the built-in bank
READ_ONLY = N_("the built-in bank is read-only: click “Make an editable copy of the bank” first, or start with "
               "--bank naming a bank folder")


def _writable(ctx: Ctx):
    if not ctx.config.bank_writable():
        raise Refused(_(READ_ONLY), 409)
    return ctx.config.bank


def add(ctx: Ctx, data: dict) -> dict:
    bank = _writable(ctx)
    text = text_field(data, "text", limit=2000)
    category = text_field(data, "category", limit=50).strip()
    p = add_phrase(bank, text, category, _tags(data, "tags"),
                   create_category=bool(data.get("new_category")))
    return {"phrase": phrase_dict(p)}


def edit(ctx: Ctx, data: dict) -> dict:
    """Change text, category and tags; tags are what the page showed (``was``) versus now."""
    bank = _writable(ctx)
    pid = text_field(data, "id", limit=100)
    text = data.get("text")
    if text is not None:
        text = text_field(data, "text", limit=2000)
    category = data.get("category")
    if category is not None:
        category = text_field(data, "category", limit=50).strip()
    now, was = _tags(data, "tags"), _tags(data, "was_tags")
    p = edit_phrase(bank, pid, text=text, category=category,
                    add_tags=[t for t in now if t not in was],
                    remove_tags=[t for t in was if t not in now],
                    create_category=bool(data.get("new_category")))
    return {"phrase": phrase_dict(p)}


def delete(ctx: Ctx, data: dict) -> dict:
    bank = _writable(ctx)
    pid = text_field(data, "id", limit=100)
    gone = remove_phrases(bank, [pid])
    return {"removed": [p.id for p in gone]}


def copy(ctx: Ctx, data: dict) -> dict:
    """Copy the shipped bank to <outline folder>/phrasebank and use it from now on."""
    if ctx.config.bank_writable():
        raise Refused(_("the bank in use can be edited already"), 409)
    target = ctx.config.in_root("phrasebank")
    with _switching:
        if not target.exists():
            copy_packaged_bank(target)
        ctx.config.bank = target.resolve()
    return {"dir": str(ctx.config.bank)}
