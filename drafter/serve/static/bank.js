// The phrase bank page: browse by category and tag, search, add, edit, delete; mine with progress.

import { el, get, post, upload, toast } from "./api.js";
import { t } from "./i18n.js";
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
    el("div", { text: t("bank: {dir}", { dir: info.dir }) }),
    el("div", { id: "bank-total", text: info.writable ? t("{n} phrases", { n: stats.phrases }) : t("{n} phrases (the built-in bank, read-only)", { n: stats.phrases }) }));
  if (!info.writable) {
    box.append(el("button", { type: "button", id: "bank-copy", text: t("Make an editable copy of the bank"),
      title: t("copy it to phrasebank/ in the outline folder and use that from now on"),
      onclick: async () => {
        try { const r = await post("/api/bank/copy"); toast(t("copied to {dir}; it is used from now on", { dir: r.dir })); await loadBank(); await search(true); }
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
  filter.replaceChildren(el("option", { value: "", text: t("all categories") }), ...names.map((n) => el("option", { value: n, text: n })));
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
      el("button", { type: "button", class: "edit", text: t("Edit"), onclick: () => editRow(tr, p) }),
      el("button", { type: "button", class: "delete", text: t("Delete"), onclick: async () => {
        if (!confirm(t("Delete “{text}”? Mining again will not add it back.", { text: p.text }))) return;
        try { await post("/api/bank/delete", { id: p.id }); tr.remove(); toast(t("deleted")); loadBank(); }
        catch (err) { toast(err.message, true); }
      } }));
  }
  return tr;
}

function editRow(tr, p) {
  const text = el("textarea", { "aria-label": t("phrase") });
  text.value = p.text;
  const category = el("select", { "aria-label": t("category") }, ...Object.keys(info.categories).sort().map((n) =>
    el("option", { value: n, text: n, selected: n === p.category })));
  const tags = el("input", { value: p.tags.join(" "), "aria-label": t("tags") });
  const save = el("button", { type: "button", class: "save", text: t("Save"), onclick: async () => {
    try {
      const r = await post("/api/bank/edit", { id: p.id, text: text.value, category: category.value,
        tags: tagsOf(tags.value), was_tags: p.tags });
      tr.replaceWith(phraseRow(r.phrase));
      toast(t("saved"));
    } catch (err) { toast(err.message, true); }
  } });
  const cancel = el("button", { type: "button", text: t("Cancel"), onclick: () => tr.replaceWith(phraseRow(p)) });
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
    if (fresh && !r.phrases.length) body.append(el("tr", {}, el("td", { colspan: "6", text: t("nothing found") })));
    offset += r.phrases.length;
    document.getElementById("bank-more").hidden = !r.more;
    document.getElementById("bank-table").dataset.searched = String(++searches);
  } catch (err) { toast(err.message, true); }
}

async function addPhrase() {
  try {
    const r = await post("/api/bank/add", { text: document.getElementById("add-text").value,
      category: document.getElementById("add-category").value, tags: tagsOf(document.getElementById("add-tags").value) });
    toast(t("added {id}", { id: r.phrase.id }));
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
    status.textContent = job.state === "running" ? t("mining {label}: {done} / {total} speeches", { label: job.label, done: job.done, total: job.total || "?" }) : job.message;
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
    if (!files.length) { toast(t("choose files first"), true); return; }
    const data = new FormData();
    for (const f of files) data.append("files", f, f.name);
    try { await follow(await upload("/api/mine/upload", data)); } catch (err) { toast(err.message, true); }
  });
  void state;
}
