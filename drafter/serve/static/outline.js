// The outline form and its YAML view, kept in step through the server (one YAML, one validator).

import { el, post, get, toast } from "./api.js";
import { t } from "./i18n.js";
import { state, emit, normalizeOutline } from "./state.js";

const form = () => document.getElementById("outline-form");
const yamlText = () => document.getElementById("yaml-text");

//: field names as the writer knows them, for messages
const LABELS = {
  type: "type", numbering: "numbering", title: "title", speaker: "speaker", date: "date", theme: "theme",
  length: "length", minutes: "minutes", rate: "speaking rate", vars: "slots", opening: "opening", closing: "closing",
  sections: "sections", heading: "heading", points: "points", text: "own text", pins: "chosen sentences",
};
const MAX_DEPTH = 3;

export function fieldLabel(key) {
  if (!key) return t("outline");
  const parts = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m;
  while ((m = re.exec(key))) {
    if (m[1]) parts.push(LABELS[m[1]] ? t(LABELS[m[1]]) : m[1]);
    else parts.push(t("item {n}", { n: m[2] }));
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
        box.textContent = t("line {line}, column {column}: {message}", { line: p.line || "?", column: p.column || "?", message: p.message });
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
  return el("input", { ...attrs, value: value ?? "", dataset: { key }, "aria-label": attrs["aria-label"] || (LABELS[key] ? t(LABELS[key]) : key),
    oninput: (e) => { set(e.target.value); changed(); } });
}

function textArea(key, value, set, attrs = {}) {
  const area = el("textarea", { ...attrs, dataset: { key }, "aria-label": attrs["aria-label"] || (LABELS[key] ? t(LABELS[key]) : key),
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
  const typeSelect = el("select", { dataset: { key: "type" }, "aria-label": t("type"),
    onchange: (e) => { o.type = e.target.value; changed(); } });
  const names = state.types.map((t) => t.name);
  if (o.type && !names.includes(o.type)) names.push(o.type);
  for (const name of names) typeSelect.append(el("option", { value: name, text: name, selected: name === (o.type || "研讨发言") }));
  const numbering = el("select", { dataset: { key: "numbering" }, "aria-label": t("numbering"),
    onchange: (e) => { setTop("numbering")(e.target.value); changed(); } },
    el("option", { value: "", text: t("the type's default"), selected: !o.numbering }),
    el("option", { value: "lead", text: t("unnumbered lead sentences"), selected: o.numbering === "lead" }),
    el("option", { value: "numbered", text: "一、（一）一是", selected: o.numbering === "numbered" }));
  f.append(
    row(t("type"), el("div", { class: "inline" }, typeSelect, numbering)),
    row(t("title"), textArea("title", o.title, (v) => { o.title = v; }, { rows: 2, placeholder: t("title of the speech (may run over lines)") })),
    row(t("speaker"), textInput("speaker", o.speaker, setTop("speaker"), { placeholder: t("unit, post, name") })),
    row(t("date"), textInput("date", o.date, setTop("date"), { placeholder: "2026-11-21" })),
    row(t("theme"), textInput("theme", o.theme, setTop("theme"), { placeholder: t("e.g. {example}", { example: "以学促干" }) })),
    row(t("length"), lengthFields(o)),
    row(t("slots"), varsFields(o)),
    row(t("opening"), textArea("opening", o.opening, setTop("opening"), { rows: 2, placeholder: t("optional: an opening printed as written, a line a paragraph; if empty, drafted from the bank") })),
  );
  const sections = el("fieldset", { dataset: { key: "sections" } }, el("legend", { text: t("sections") }));
  o.sections.forEach((node, i) => sections.append(nodeFields(o.sections, i, `sections[${i + 1}]`, String(i + 1), 1)));
  sections.append(el("button", { type: "button", id: "add-section", text: t("＋ add a section"),
    onclick: () => { o.sections.push({ heading: "", text: "", points: [] }); renderForm(); changed(); } }));
  f.append(sections);
  f.append(row(t("closing"), textArea("closing", o.closing, setTop("closing"), { rows: 2, placeholder: t("optional: a closing printed as written, a line a paragraph") })));
}

function lengthFields(o) {
  const unit = o.minutes !== undefined && o.minutes !== null ? "minutes" : "length";
  const number = el("input", { type: "number", min: "1", step: unit === "minutes" ? "0.5" : "100",
    value: o[unit] ?? "", dataset: { key: unit }, "aria-label": unit === "minutes" ? t("minutes") : t("length"),
    oninput: (e) => {
      const v = e.target.value === "" ? null : Number(e.target.value);
      delete o.length; delete o.minutes;
      if (v !== null && !Number.isNaN(v)) o[select.value] = select.value === "length" ? Math.round(v) : v;
      changed();
    } });
  const select = el("select", { "aria-label": t("unit of length"), onchange: () => {
      const v = number.value === "" ? null : Number(number.value);
      delete o.length; delete o.minutes;
      if (v !== null) o[select.value] = select.value === "length" ? Math.round(v) : v;
      renderForm(); changed();
    } },
    el("option", { value: "length", text: t("characters"), selected: unit === "length" }),
    el("option", { value: "minutes", text: t("minutes"), selected: unit === "minutes" }));
  const rate = el("input", { type: "number", min: "60", step: "10", value: o.rate ?? "", placeholder: "220",
    dataset: { key: "rate" }, "aria-label": t("speaking rate"),
    oninput: (e) => { if (e.target.value === "") delete o.rate; else o.rate = Math.round(Number(e.target.value)); changed(); } });
  return el("div", { class: "inline" }, number, select, el("span", { text: t("speaking rate") }), rate, el("span", { text: t("characters/min") }));
}

function varsFields(o) {
  const box = el("div", { dataset: { key: "vars" } });
  const entries = Object.entries(o.vars || {});
  const write = (list) => { o.vars = Object.fromEntries(list.filter(([k]) => k !== "")); if (!Object.keys(o.vars).length) delete o.vars; };
  entries.forEach(([name, value], i) => {
    const nameInput = el("input", { value: name, placeholder: t("slot name, e.g. {example}", { example: "地名" }), "aria-label": t("slot name"),
      oninput: (e) => { entries[i][0] = e.target.value.trim(); write(entries); changed(); } });
    const valueInput = el("input", { value: value ?? "", placeholder: t("value, e.g. {example}", { example: "滨江区" }), "aria-label": t("slot value"),
      dataset: { key: `vars.${name}` }, oninput: (e) => { entries[i][1] = e.target.value; write(entries); changed(); } });
    box.append(el("div", { class: "var-row" }, nameInput, valueInput,
      el("button", { type: "button", text: t("remove"), title: t("remove this slot"), onclick: () => { entries.splice(i, 1); write(entries); renderForm(); changed(); } })));
  });
  box.append(el("button", { type: "button", text: t("＋ slot"), onclick: () => { o.vars = { ...(o.vars || {}), "": "" }; renderForm(); } }));
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
  const section = depth === 1;
  const head = el("div", { class: "head" },
    el("span", { class: "num", text: path }),
    textInput(`${key}.heading`, node.heading, (v) => { node.heading = v; }, { placeholder: section ? t("heading of this section") : t("point"), "aria-label": section ? t("section {path} heading", { path }) : t("point {path} heading", { path }) }),
    el("button", { type: "button", text: "↑", title: t("move up"), onclick: () => move(i - 1) }),
    el("button", { type: "button", text: "↓", title: t("move down"), onclick: () => move(i + 1) }),
    el("button", { type: "button", text: "✕", title: section ? t("remove this section") : t("remove this point"), onclick: remove }));
  const box = el("div", { class: "node", dataset: { key } }, head);
  const text = textArea(`${key}.text`, node.text, (v) => { node.text = v; }, { rows: 1, placeholder: t("optional: body text printed as written, a line a paragraph"), "aria-label": section ? t("section {path} own text", { path }) : t("point {path} own text", { path }) });
  box.append(text);
  const points = el("div", { class: "points", dataset: { key: `${key}.points` } });
  node.points.forEach((_, j) => points.append(nodeFields(node.points, j, `${key}.points[${j + 1}]`, `${path}.${j + 1}`, depth + 1)));
  if (depth < MAX_DEPTH) {
    points.append(el("button", { type: "button", class: "add-point", text: t("＋ point"),
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
  select.replaceChildren(el("option", { value: "", text: t("(the .yaml files of the outline folder)") }),
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
  if (!name) { toast(t("write a file name first"), true); return; }
  const result = await post("/api/outline/save", { name, outline: state.outline, seed: state.seed });
  state.name = result.name;
  document.getElementById("save-name").value = result.name;
  toast(t("saved {name}", { name: result.name }));
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
