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

from drafter.errors import DrafterError
from drafter.serve.config import SPEECH_SUFFIXES, Refused
from drafter.serve.web import Ctx, text_field

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
                raise Refused("已有一次提取正在进行，请等它完成", 409)
            job = Job(uuid.uuid4().hex[:12], label)
            self.jobs[job.id] = job
        thread = threading.Thread(target=self._run, args=(ctx.config, job, paths, cleanup),
                                  daemon=True, name=f"drafter-mine-{job.id}")
        thread.start()
        return job

    def _run(self, config, job: Job, paths: list[Path], cleanup: Path | None) -> None:
        from drafter.mining import mine

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            result = mine(paths, config.bank, jobs=1, on_progress=progress)
            report = result.report
            job.summary = {"files": result.files, "phrases": result.phrases,
                           "added": len(report.added), "updated": len(report.updated),
                           "kept": len(report.kept), "skipped": [str(e) for e in result.errors][:20]}
            job.message = (f"提取完成：{result.files} 篇，{result.phrases} 条；新增 {len(report.added)}，"
                           f"更新 {len(report.updated)}，保留手改 {len(report.kept)}")
            job.state = "done"
        except DrafterError as err:
            job.state, job.message = "failed", f"提取失败：{err}"
        except Exception as err:  # noqa: BLE001 - a bug must reach the page as a message
            job.state, job.message = "failed", f"提取失败（程序错误）：{type(err).__name__}: {err}"
        finally:
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise Refused("没有这次提取", 404)
        return job


def _writable_bank(ctx: Ctx) -> None:
    if not ctx.config.bank_writable():
        raise Refused("内置词库是只读的：先点“复制一份可编辑的词库”，或用 --bank 指定词库文件夹启动", 409)


def folder(ctx: Ctx, data: dict) -> dict:
    """Mine a folder (or one file) inside the outline folder; links leading out are refused."""
    _writable_bank(ctx)
    name = text_field(data, "folder", limit=500)
    path = ctx.config.in_root(name)
    if not path.exists():
        raise Refused(f"提纲文件夹里没有“{name}”", 404)
    if path.is_relative_to(ctx.config.bank):
        raise Refused("不能从词库文件夹本身提取")
    if path.is_dir():
        for item in path.rglob("*"):
            if not item.resolve().is_relative_to(ctx.config.root):
                raise Refused(f"“{item.relative_to(path)}”链接到提纲文件夹之外，不提取")
    job = ctx.state.start(ctx, [path], path.relative_to(ctx.config.root).as_posix() or ".")
    return job.to_dict()


async def upload(request):
    """Uploaded speech files (multipart), mined from a temporary folder that is then removed."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse

    from drafter.serve.guard import TooLarge
    from drafter.serve.web import error_response
    ctx = Ctx(request.app.state.config, request, request.app.state.shared)
    try:
        _writable_bank(ctx)
        form = await request.form(max_files=MAX_FILES, max_fields=10)
    except Refused as err:
        return error_response(err.message, err.status)
    except TooLarge as err:
        return error_response(str(err), 413)
    except Exception as err:  # noqa: BLE001 - a malformed multipart body
        return error_response(f"上传内容无法读取：{err}", 400)
    tmp = Path(tempfile.mkdtemp(prefix="drafter-upload-"))
    try:
        count = 0
        for _key, item in form.multi_items():
            if not hasattr(item, "filename"):
                continue
            name = Path((item.filename or "").replace("\\", "/")).name
            if not name or Path(name).suffix.lower() not in SPEECH_SUFFIXES:
                raise Refused(f"“{name or '（无名）'}”不是 .txt、.md 或 .docx 文件", 400)
            target = tmp / name
            n = 1
            while target.exists():
                n += 1
                target = tmp / f"{Path(name).stem}-{n}{Path(name).suffix}"
            target.write_bytes(await item.read())
            count += 1
        if not count:
            raise Refused("没有收到文件", 400)
        job = await run_in_threadpool(ctx.state.start, ctx, [tmp], f"上传的 {count} 个文件", tmp)
    except Refused as err:
        shutil.rmtree(tmp, ignore_errors=True)
        return error_response(err.message, err.status)
    finally:
        await form.close()
    return JSONResponse(job.to_dict())


def status(ctx: Ctx, data: dict) -> dict:
    return ctx.state.get(ctx.query("id")).to_dict()
