// The phrase bank page: browse by category and tag, search, add, edit, delete; mine with progress.

import { el, get, post, upload, toast } from "./api.js";
import { state } from "./state.js";
import { sourcesTitle } from "./draft.js";

const PAGE = 50;
let offset = 0;
let info = null;
let searches = 0;

export async function loadBank() {
  info = await get("/api/bank");
  const box = document.getElementById("bank-info");
  const stats = info.stats || { phrases: 0, categories: {}, tags: {} };
  box.replaceChildren(
    el("div", { text: `词库：${info.dir}` }),
    el("div", { id: "bank-total", text: `共 ${stats.phrases} 条${info.writable ? "" : "（内置词库，只读）"}` }));
  if (!info.writable) {
    box.append(el("button", { type: "button", id: "bank-copy", text: "复制一份可编辑的词库",
      title: "复制到提纲文件夹下的 phrasebank/，以后就用它",
      onclick: async () => {
        try { const r = await post("/api/bank/copy"); toast(`已复制到 ${r.dir}，以后用它`); await loadBank(); await search(true); }
        catch (err) { toast(err.message, true); }
      } }));
  }
  const cats = document.getElementById("bank-categories");
  cats.replaceChildren(...Object.entries(stats.categories).map(([name, n]) =>
    el("li", {}, el("button", { type: "button", title: info.categories[name] || "", text: `${name} ${n}`,
      onclick: () => { document.getElementById("bank-category").value = name; search(true); } }))));
  const tags = document.getElementById("bank-tags");
  tags.replaceChildren(...Object.entries(stats.tags).map(([name, n]) =>
    el("li", {}, el("button", { type: "button", text: `#${name} ${n}`,
      onclick: () => { document.getElementById("bank-tag").value = name; search(true); } }))));
  const names = Object.keys(info.categories).sort();
  const filter = document.getElementById("bank-category");
  const keep = filter.value;
  filter.replaceChildren(el("option", { value: "", text: "全部分类" }), ...names.map((n) => el("option", { value: n, text: n })));
  filter.value = keep;
  document.getElementById("add-category").replaceChildren(...names.map((n) => el("option", { value: n, text: n })));
  for (const id of ["add-phrase", "mine-start", "mine-upload"]) document.getElementById(id).disabled = !info.writable;
}

function tagsOf(text) { return text.split(/[\s,，、]+/).map((t) => t.trim()).filter(Boolean); }

function phraseRow(p) {
  const actions = el("td", { class: "actions" });
  const tr = el("tr", { dataset: { id: p.id } },
    el("td", { class: "text", text: p.text }),
    el("td", { text: p.category }),
    el("td", { text: p.tags.join(" ") }),
    el("td", { text: String(p.count) }),
    el("td", { class: "src", text: (p.sources || []).map((s) => `${s.file}:${s.para}`).join(" "), title: sourcesTitle([{ phrase: p.id, sources: p.sources }]) }),
    actions);
  if (info && info.writable) {
    actions.append(
      el("button", { type: "button", class: "edit", text: "编辑", onclick: () => editRow(tr, p) }),
      el("button", { type: "button", class: "delete", text: "删除", onclick: async () => {
        if (!confirm(`删除“${p.text}”？再次提取时也不会再加回来。`)) return;
        try { await post("/api/bank/delete", { id: p.id }); tr.remove(); toast("已删除"); loadBank(); }
        catch (err) { toast(err.message, true); }
      } }));
  }
  return tr;
}

function editRow(tr, p) {
  const text = el("textarea", { "aria-label": "词句" });
  text.value = p.text;
  const category = el("select", { "aria-label": "分类" }, ...Object.keys(info.categories).sort().map((n) =>
    el("option", { value: n, text: n, selected: n === p.category })));
  const tags = el("input", { value: p.tags.join(" "), "aria-label": "标签" });
  const save = el("button", { type: "button", class: "save", text: "保存", onclick: async () => {
    try {
      const r = await post("/api/bank/edit", { id: p.id, text: text.value, category: category.value,
        tags: tagsOf(tags.value), was_tags: p.tags });
      tr.replaceWith(phraseRow(r.phrase));
      toast("已保存");
    } catch (err) { toast(err.message, true); }
  } });
  const cancel = el("button", { type: "button", text: "取消", onclick: () => tr.replaceWith(phraseRow(p)) });
  tr.replaceChildren(el("td", {}, text), el("td", {}, category), el("td", {}, tags), el("td", { text: String(p.count) }),
    el("td", { class: "src", text: (p.sources || []).map((s) => `${s.file}:${s.para}`).join(" ") }), el("td", {}, save, cancel));
}

export async function search(fresh) {
  if (fresh) offset = 0;
  const params = { q: document.getElementById("bank-q").value, category: document.getElementById("bank-category").value,
    tag: document.getElementById("bank-tag").value, limit: PAGE, offset };
  try {
    const r = await get("/api/bank/phrases", params);
    const body = document.querySelector("#bank-table tbody");
    if (fresh) body.replaceChildren();
    body.append(...r.phrases.map(phraseRow));
    if (fresh && !r.phrases.length) body.append(el("tr", {}, el("td", { colspan: "6", text: "没有找到" })));
    offset += r.phrases.length;
    document.getElementById("bank-more").hidden = !r.more;
    document.getElementById("bank-table").dataset.searched = String(++searches);
  } catch (err) { toast(err.message, true); }
}

async function addPhrase() {
  try {
    const r = await post("/api/bank/add", { text: document.getElementById("add-text").value,
      category: document.getElementById("add-category").value, tags: tagsOf(document.getElementById("add-tags").value) });
    toast(`已添加 ${r.phrase.id}`);
    document.getElementById("add-text").value = "";
    await loadBank();
    document.querySelector("#bank-table tbody").prepend(phraseRow(r.phrase));
  } catch (err) { toast(err.message, true); }
}

async function follow(job) {
  const bar = document.getElementById("mine-progress");
  const status = document.getElementById("mine-status");
  bar.hidden = false;
  for (;;) {
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    status.textContent = job.state === "running" ? `正在提取 ${job.label}：${job.done} / ${job.total || "?"} 篇` : job.message;
    if (job.state !== "running") break;
    await new Promise((r) => setTimeout(r, 400));
    try { job = await get("/api/mine/status", { id: job.id }); } catch (err) { status.textContent = err.message; return; }
  }
  status.dataset.state = job.state;
  if (job.state === "done") { await loadBank(); await search(true); }
}

export function setupBank() {
  document.getElementById("bank-search").addEventListener("click", () => search(true));
  document.getElementById("bank-q").addEventListener("keydown", (e) => { if (e.key === "Enter") search(true); });
  document.getElementById("bank-category").addEventListener("change", () => search(true));
  document.getElementById("bank-more").addEventListener("click", () => search(false));
  document.getElementById("add-phrase").addEventListener("click", addPhrase);
  document.getElementById("mine-start").addEventListener("click", async () => {
    try { await follow(await post("/api/mine/folder", { folder: document.getElementById("mine-folder").value })); }
    catch (err) { toast(err.message, true); }
  });
  document.getElementById("mine-upload").addEventListener("click", async () => {
    const files = document.getElementById("mine-files").files;
    if (!files.length) { toast("先选择文件", true); return; }
    const data = new FormData();
    for (const f of files) data.append("files", f, f.name);
    try { await follow(await upload("/api/mine/upload", data)); } catch (err) { toast(err.message, true); }
  });
  void state;
}
