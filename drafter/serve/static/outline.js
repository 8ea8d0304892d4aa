// The outline form and its YAML view, kept in step through the server (one YAML, one validator).

import { el, post, get, toast } from "./api.js";
import { state, emit, normalizeOutline } from "./state.js";

const form = () => document.getElementById("outline-form");
const yamlText = () => document.getElementById("yaml-text");

//: field names as the writer knows them, for messages
const LABELS = {
  type: "类型", numbering: "编号方式", title: "标题", speaker: "发言人", date: "日期", theme: "主题",
  length: "字数", minutes: "分钟", rate: "语速", vars: "槽位", opening: "开头", closing: "结尾",
  sections: "各部分", heading: "标题", points: "要点", text: "原文", pins: "选定的句子",
};
const MAX_DEPTH = 3;

export function fieldLabel(key) {
  if (!key) return "提纲";
  const parts = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m;
  while ((m = re.exec(key))) {
    if (m[1]) parts.push(LABELS[m[1]] || m[1]);
    else parts.push(`第${m[2]}项`);
  }
  return parts.join(" · ");
}

// -- keeping YAML and form in step ---------------------------------------------------------

let checkTimer = null;
let checkSeq = 0;
export function changed() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, 250);
  emit("outlineChanged");
}

export async function check() {
  const seq = ++checkSeq;
  try {
    const result = await post("/api/outline/check", { outline: state.outline });
    if (seq !== checkSeq) return;
    if (document.activeElement !== yamlText()) yamlText().value = result.yaml;
    showProblem(result.problem);
  } catch (err) { toast(err.message, true); }
}

let parseTimer = null;
function yamlEdited() {
  clearTimeout(parseTimer);
  parseTimer = setTimeout(async () => {
    try {
      const result = await post("/api/outline/parse", { yaml: yamlText().value });
      const box = document.getElementById("yaml-problem");
      if (!result.outline) {
        const p = result.problem;
        box.textContent = `第 ${p.line || "?"} 行第 ${p.column || "?"} 列：${p.message}`;
        box.hidden = false;
        return;
      }
      box.hidden = true;
      state.outline = normalizeOutline(result.outline);
      renderForm();
      showProblem(result.problem);
      emit("outlineChanged");
    } catch (err) { toast(err.message, true); }
  }, 400);
}

export function showProblem(problem) {
  for (const node of form().querySelectorAll(".field-error")) node.remove();
  for (const node of form().querySelectorAll(".bad-field")) node.classList.remove("bad-field");
  const summary = document.getElementById("outline-problem");
  if (!problem) { summary.hidden = true; summary.textContent = ""; return; }
  const message = `${fieldLabel(problem.key)}：${problem.message}`;
  summary.textContent = message;
  summary.hidden = false;
  const target = fieldFor(problem.key);
  if (target) {
    target.classList.add("bad-field");
    target.after(el("div", { class: "field-error", role: "alert", dataset: { for: problem.key }, text: message }));
  }
}

function fieldFor(key) {
  let k = key || "";
  while (k) {
    const found = form().querySelector(`[data-key="${CSS.escape(k)}"]`)
      || form().querySelector(`[data-key="${CSS.escape(k + ".heading")}"]`);
    if (found) return found;
    const cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
    if (cut <= 0) break;
    k = k.slice(0, cut);
  }
  return null;
}

// -- the form ----------------------------------------------------------------------------

function row(label, field) { return el("div", { class: "row" }, el("label", { text: label }), field); }

function textInput(key, value, set, attrs = {}) {
  return el("input", { ...attrs, value: value ?? "", dataset: { key }, "aria-label": attrs["aria-label"] || LABELS[key] || key,
    oninput: (e) => { set(e.target.value); changed(); } });
}

function textArea(key, value, set, attrs = {}) {
  const area = el("textarea", { ...attrs, dataset: { key }, "aria-label": attrs["aria-label"] || LABELS[key] || key,
    oninput: (e) => { set(e.target.value); changed(); } });
  area.value = value ?? "";
  return area;
}

function setTop(key) {
  return (value) => {
    if (value === "" || value === null) delete state.outline[key];
    else state.outline[key] = value;
  };
}

export function renderForm() {
  const o = state.outline;
  const f = form();
  f.replaceChildren();
  if (!o) return;
  const typeSelect = el("select", { dataset: { key: "type" }, "aria-label": "类型",
    onchange: (e) => { o.type = e.target.value; changed(); } });
  const names = state.types.map((t) => t.name);
  if (o.type && !names.includes(o.type)) names.push(o.type);
  for (const name of names) typeSelect.append(el("option", { value: name, text: name, selected: name === (o.type || "研讨发言") }));
  const numbering = el("select", { dataset: { key: "numbering" }, "aria-label": "编号方式",
    onchange: (e) => { setTop("numbering")(e.target.value); changed(); } },
    el("option", { value: "", text: "按类型默认", selected: !o.numbering }),
    el("option", { value: "lead", text: "不编号的段首句", selected: o.numbering === "lead" }),
    el("option", { value: "numbered", text: "一、（一）一是", selected: o.numbering === "numbered" }));
  f.append(
    row("类型", el("div", { class: "inline" }, typeSelect, numbering)),
    row("标题", textArea("title", o.title, (v) => { o.title = v; }, { rows: 2, placeholder: "讲话标题（可分行）" })),
    row("发言人", textInput("speaker", o.speaker, setTop("speaker"), { placeholder: "单位 职务 姓名" })),
    row("日期", textInput("date", o.date, setTop("date"), { placeholder: "2026-11-21" })),
    row("主题", textInput("theme", o.theme, setTop("theme"), { placeholder: "如 以学促干" })),
    row("篇幅", lengthFields(o)),
    row("槽位", varsFields(o)),
    row("开头", textArea("opening", o.opening, setTop("opening"), { rows: 2, placeholder: "可选：照录的开头，每行一段；不填则从词库起草" })),
  );
  const sections = el("fieldset", { dataset: { key: "sections" } }, el("legend", { text: "各部分" }));
  o.sections.forEach((node, i) => sections.append(nodeFields(o.sections, i, `sections[${i + 1}]`, String(i + 1), 1)));
  sections.append(el("button", { type: "button", id: "add-section", text: "＋ 添加一部分",
    onclick: () => { o.sections.push({ heading: "", text: "", points: [] }); renderForm(); changed(); } }));
  f.append(sections);
  f.append(row("结尾", textArea("closing", o.closing, setTop("closing"), { rows: 2, placeholder: "可选：照录的结尾，每行一段" })));
}

function lengthFields(o) {
  const unit = o.minutes !== undefined && o.minutes !== null ? "minutes" : "length";
  const number = el("input", { type: "number", min: "1", step: unit === "minutes" ? "0.5" : "100",
    value: o[unit] ?? "", dataset: { key: unit }, "aria-label": unit === "minutes" ? "分钟" : "字数",
    oninput: (e) => {
      const v = e.target.value === "" ? null : Number(e.target.value);
      delete o.length; delete o.minutes;
      if (v !== null && !Number.isNaN(v)) o[select.value] = select.value === "length" ? Math.round(v) : v;
      changed();
    } });
  const select = el("select", { "aria-label": "篇幅单位", onchange: () => {
      const v = number.value === "" ? null : Number(number.value);
      delete o.length; delete o.minutes;
      if (v !== null) o[select.value] = select.value === "length" ? Math.round(v) : v;
      renderForm(); changed();
    } },
    el("option", { value: "length", text: "字", selected: unit === "length" }),
    el("option", { value: "minutes", text: "分钟", selected: unit === "minutes" }));
  const rate = el("input", { type: "number", min: "60", step: "10", value: o.rate ?? "", placeholder: "220",
    dataset: { key: "rate" }, "aria-label": "语速",
    oninput: (e) => { if (e.target.value === "") delete o.rate; else o.rate = Math.round(Number(e.target.value)); changed(); } });
  return el("div", { class: "inline" }, number, select, el("span", { text: "语速" }), rate, el("span", { text: "字/分" }));
}

function varsFields(o) {
  const box = el("div", { dataset: { key: "vars" } });
  const entries = Object.entries(o.vars || {});
  const write = (list) => { o.vars = Object.fromEntries(list.filter(([k]) => k !== "")); if (!Object.keys(o.vars).length) delete o.vars; };
  entries.forEach(([name, value], i) => {
    const nameInput = el("input", { value: name, placeholder: "槽位名，如 地名", "aria-label": "槽位名",
      oninput: (e) => { entries[i][0] = e.target.value.trim(); write(entries); changed(); } });
    const valueInput = el("input", { value: value ?? "", placeholder: "值，如 滨江区", "aria-label": "槽位值",
      dataset: { key: `vars.${name}` }, oninput: (e) => { entries[i][1] = e.target.value; write(entries); changed(); } });
    box.append(el("div", { class: "var-row" }, nameInput, valueInput,
      el("button", { type: "button", text: "删", title: "删除这个槽位", onclick: () => { entries.splice(i, 1); write(entries); renderForm(); changed(); } })));
  });
  box.append(el("button", { type: "button", text: "＋ 槽位", onclick: () => { o.vars = { ...(o.vars || {}), "": "" }; renderForm(); } }));
  return box;
}

function nodeFields(list, i, key, path, depth) {
  const node = list[i];
  const move = (to) => {
    if (to < 0 || to >= list.length) return;
    const [item] = list.splice(i, 1);
    list.splice(to, 0, item);
    // the two swapped places trade their choices (old 1-based number → new)
    renumberPins(parentPath(path), { [i + 1]: to + 1, [to + 1]: i + 1 });
    renderForm(); changed();
  };
  const remove = () => {
    list.splice(i, 1);
    const mapping = { [i + 1]: null };
    for (let j = i + 2; j <= list.length + 1; j++) mapping[j] = j - 1;
    renumberPins(parentPath(path), mapping);
    renderForm(); changed();
  };
  const what = depth === 1 ? "部分" : "要点";
  const head = el("div", { class: "head" },
    el("span", { class: "num", text: path }),
    textInput(`${key}.heading`, node.heading, (v) => { node.heading = v; }, { placeholder: depth === 1 ? "这一部分的标题" : "要点", "aria-label": `${what}${path}标题` }),
    el("button", { type: "button", text: "↑", title: "上移", onclick: () => move(i - 1) }),
    el("button", { type: "button", text: "↓", title: "下移", onclick: () => move(i + 1) }),
    el("button", { type: "button", text: "✕", title: `删除这个${what}`, onclick: remove }));
  const box = el("div", { class: "node", dataset: { key } }, head);
  const text = textArea(`${key}.text`, node.text, (v) => { node.text = v; }, { rows: 1, placeholder: "可选：照录的正文，每行一段", "aria-label": `${what}${path}原文` });
  box.append(text);
  const points = el("div", { class: "points", dataset: { key: `${key}.points` } });
  node.points.forEach((_, j) => points.append(nodeFields(node.points, j, `${key}.points[${j + 1}]`, `${path}.${j + 1}`, depth + 1)));
  if (depth < MAX_DEPTH) {
    points.append(el("button", { type: "button", class: "add-point", text: "＋ 要点",
      onclick: () => { node.points.push({ heading: "", text: "", points: [] }); renderForm(); changed(); } }));
  }
  box.append(points);
  return box;
}

function parentPath(path) { const cut = path.lastIndexOf("."); return cut < 0 ? "" : path.slice(0, cut); }

// Sentence choices are keyed by section path ("2.1#3"): moving or removing a section moves its choices.
function renumberPins(parent, mapping) {
  const pins = state.outline.pins;
  if (!pins) return;
  const prefix = parent ? parent + "." : "";
  const out = {};
  for (const [key, value] of Object.entries(pins)) {
    const m = key.startsWith(prefix) ? /^(\d+)(.*)$/.exec(key.slice(prefix.length)) : null;
    if (!m || !(m[1] in mapping)) { out[key] = value; continue; }
    const to = mapping[m[1]];
    if (to !== null) out[prefix + to + m[2]] = value;
  }
  state.outline.pins = out;
}

// -- files and starting points ---------------------------------------------------------------

export async function newOutline(type, theme) {
  const result = await post("/api/outline/new", { type, theme });
  state.outline = normalizeOutline(result.outline);
  state.name = "";
  document.getElementById("save-name").value = "";
  renderForm();
  yamlText().value = result.yaml;
  await check();
  emit("outlineChanged");
}

export async function refreshFiles() {
  const { files } = await get("/api/files");
  const select = document.getElementById("open-file");
  select.replaceChildren(el("option", { value: "", text: "（提纲文件夹里的 .yaml）" }),
    ...files.map((name) => el("option", { value: name, text: name, selected: name === state.name })));
}

export async function openOutline(name) {
  const result = await get("/api/outline/open", { name });
  if (!result.outline) {
    yamlText().value = result.yaml;
    showYaml(true);
    yamlEdited();
    return;
  }
  state.outline = normalizeOutline(result.outline);
  state.name = result.name;
  if (Number.isInteger(result.outline.seed) && result.outline.seed >= 0) {  // the seed it was saved with
    state.seed = result.outline.seed;
    document.getElementById("seed").value = String(state.seed);
  }
  document.getElementById("save-name").value = result.name;
  renderForm();
  yamlText().value = result.yaml;
  showProblem(result.problem);
  emit("outlineChanged");
}

export async function saveOutline() {
  const name = document.getElementById("save-name").value.trim() || state.name;
  if (!name) { toast("先写一个文件名", true); return; }
  const result = await post("/api/outline/save", { name, outline: state.outline, seed: state.seed });
  state.name = result.name;
  document.getElementById("save-name").value = result.name;
  toast(`已保存 ${result.name}`);
  await refreshFiles();
}

export function showYaml(yes) {
  document.getElementById("yaml-view").hidden = !yes;
  form().hidden = yes;
  document.getElementById("show-yaml").classList.toggle("active", yes);
  document.getElementById("show-form").classList.toggle("active", !yes);
}

export function setupOutline() {
  yamlText().addEventListener("input", yamlEdited);
  document.getElementById("show-form").addEventListener("click", () => showYaml(false));
  document.getElementById("show-yaml").addEventListener("click", () => showYaml(true));
  document.getElementById("new-outline").addEventListener("click", () =>
    newOutline(document.getElementById("new-type").value, document.getElementById("new-theme").value).catch((e) => toast(e.message, true)));
  document.getElementById("open-outline").addEventListener("click", () => {
    const name = document.getElementById("open-file").value;
    if (name) openOutline(name).catch((e) => toast(e.message, true));
  });
  document.getElementById("save-outline").addEventListener("click", () => saveOutline().catch((e) => toast(e.message, true)));
  form().addEventListener("submit", (e) => e.preventDefault());
}
