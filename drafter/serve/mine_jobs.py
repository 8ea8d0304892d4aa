"""Mining from the page: a folder inside the outline folder, or uploaded files, with progress.

A mining run takes seconds to minutes, longer than a request should; it runs in a thread
and the page polls its progress (files done of files found). One run at a time: the bank
lock would serialise them anyway, and two at once would only halve each one's speed.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.serve.bank_api import READ_ONLY
from drafter.serve.config import SPEECH_SUFFIXES, Refused
from drafter.serve.guard import TooLarge
from drafter.serve.web import Ctx, error_response, text_field

MAX_FILES = 2000


@dataclass
class Job:
    id: str
    label: str
    state: str = "running"     # running | done | failed
    done: int = 0
    total: int = 0
    message: str = ""
    summary: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "state": self.state, "done": self.done,
                "total": self.total, "message": self.message, "summary": self.summary}


class Jobs:
    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, ctx: Ctx, paths: list[Path], label: str, cleanup: Path | None = None) -> Job:
        with self.lock:
            if any(j.state == "running" for j in self.jobs.values()):
                if cleanup is not None:
                    shutil.rmtree(cleanup, ignore_errors=True)
                raise Refused(_("mining is under way already: wait until it has finished"), 409)
            job = Job(uuid.uuid4().hex[:12], label)
            self.jobs[job.id] = job
        thread = threading.Thread(target=self._run, args=(ctx.config, job, paths, cleanup),
                                  daemon=True, name=f"drafter-mine-{job.id}")
        thread.start()
        return job

    def _run(self, config, job: Job, paths: list[Path], cleanup: Path | None) -> None:
        from drafter.mining import mine  # noqa: PLC0415 - +230 ms CPU at server start (measured): on the first mine

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            result = mine(paths, config.bank, jobs=1, on_progress=progress)
            report = result.report
            job.summary = {"files": result.files, "phrases": result.phrases,
                           "added": len(report.added), "updated": len(report.updated),
                           "kept": len(report.kept), "skipped": [str(e) for e in result.errors][:20]}
            job.message = _("mined {files} speeches, {phrases} phrases: {added} new, {updated} updated, "
                            "{kept} edited by hand kept").format(
                files=result.files, phrases=result.phrases, added=len(report.added),
                updated=len(report.updated), kept=len(report.kept))
            job.state = "done"
        except DrafterError as err:
            job.state, job.message = "failed", _("mining failed: {error}").format(error=err)
        except Exception as err:  # noqa: BLE001 - a bug must reach the page as a message
            job.state, job.message = "failed", _("mining failed (a bug in drafter): {error}").format(
                error=f"{type(err).__name__}: {err}")
        finally:
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise Refused(_("no such mining run"), 404)
        return job


def _writable_bank(ctx: Ctx) -> None:
    if not ctx.config.bank_writable():
        raise Refused(_(READ_ONLY), 409)


def folder(ctx: Ctx, data: dict) -> dict:
    """Mine a folder (or one file) inside the outline folder; links leading out are refused."""
    _writable_bank(ctx)
    name = text_field(data, "folder", limit=500)
    path = ctx.config.in_root(name)
    if not path.exists():
        raise Refused(_("there is no “{name}” in the outline folder").format(name=name), 404)
    if path.is_relative_to(ctx.config.bank):
        raise Refused(_("the bank folder itself cannot be mined"))
    if path.is_dir():
        for item in path.rglob("*"):
            if not item.resolve().is_relative_to(ctx.config.root):
                raise Refused(_("“{name}” links outside the outline folder: not mined").format(name=item.relative_to(path)))
    job = ctx.state.start(ctx, [path], path.relative_to(ctx.config.root).as_posix() or ".")
    return job.to_dict()


async def upload(request):
    """Uploaded speech files (multipart), mined from a temporary folder that is then removed."""
    ctx = Ctx(request.app.state.config, request, request.app.state.shared)
    try:
        _writable_bank(ctx)
        form = await request.form(max_files=MAX_FILES, max_fields=10)
    except Refused as err:
        return error_response(err.message, err.status)
    except TooLarge as err:
        return error_response(str(err), 413)
    except Exception as err:  # noqa: BLE001 - a malformed multipart body
        return error_response(_("the upload cannot be read: {error}").format(error=err), 400)
    tmp = Path(tempfile.mkdtemp(prefix="drafter-upload-"))
    try:
        count = 0
        for _key, item in form.multi_items():
            if not hasattr(item, "filename"):
                continue
            name = Path((item.filename or "").replace("\\", "/")).name
            if not name or Path(name).suffix.lower() not in SPEECH_SUFFIXES:
                raise Refused(_("“{name}” is not a .txt, .md or .docx file").format(name=name or _("(no name)")), 400)
            target = tmp / name
            n = 1
            while target.exists():
                n += 1
                target = tmp / f"{Path(name).stem}-{n}{Path(name).suffix}"
            target.write_bytes(await item.read())
            count += 1
        if not count:
            raise Refused(_("no file was received"), 400)
        job = await run_in_threadpool(ctx.state.start, ctx, [tmp], _("{n} uploaded files").format(n=count), tmp)
    except Refused as err:
        shutil.rmtree(tmp, ignore_errors=True)
        return error_response(err.message, err.status)
    finally:
        await form.close()
    return JSONResponse(job.to_dict())


def status(ctx: Ctx, data: dict) -> dict:
    return ctx.state.get(ctx.query("id")).to_dict()
