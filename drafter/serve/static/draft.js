// The draft as it will print, sentence by sentence: hover for sources, click to choose,
// lock, edit by hand; redraw with another seed; download the files.

import { el, post, download, toast } from "./api.js";
import { state, emit } from "./state.js";
import { t } from "./i18n.js";

const paper = () => document.getElementById("paper");
const chooser = () => document.getElementById("chooser");
let drafts = 0;
let selectedKey = null;

function sourceLine(b) {
  const where = (b.sources || []).map((s) => t("{file} paragraph {para}", { file: s.file, para: s.para })).join(t(", ")) || t("source unknown");
  return t("{what}: {where}", { what: `${b.category ? b.category + " " : ""}${b.phrase || ""}`, where });
}

export function sourcesTitle(list) {
  return list && list.length ? t("sources: {list}", { list: list.map(sourceLine).join("\n") }) : "";
}

function withMarks(text, marks, findings) {
  if (!marks || !marks.length) return [text];
  const out = [];
  let pos = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < pos) continue;
    out.push(text.slice(pos, m.start));
    const f = findings[m.finding];
    out.push(el("mark", { class: `lint ${f.level}`, title: `${f.rule}：${f.message}`, dataset: { rule: f.rule } },
      text.slice(m.start, m.end)));
    pos = m.end;
  }
  out.push(text.slice(pos));
  return out;
}

function segmentNode(seg, findings) {
  const classes = ["s"];
  if (seg.sources && seg.sources.length) classes.push("borrowed");
  if (seg.key) classes.push("choosable");
  if (seg.locked) classes.push("locked");
  if (seg.hand) classes.push("hand");
  if (seg.key && seg.key === selectedKey) classes.push("selected");
  const span = el("span", { class: classes.join(" "), title: sourcesTitle(seg.sources) || null,
    dataset: seg.key ? { key: seg.key } : {} }, ...withMarks(seg.text, seg.marks, findings));
  if (seg.key) span.addEventListener("click", () => choose(seg));
  return span;
}

function blockNode(block) {
  const findings = block.lint || [];
  let node;
  if (block.segments) {
    node = el("p", { class: block.role, dataset: { para: block.para } });
    if (block.lead) node.append(el("span", { class: `lead level${block.level}` }, ...withMarks(block.lead, block.lead_marks, findings)));
    for (const seg of block.segments) node.append(segmentNode(seg, findings));
  } else {
    const cls = block.role === "heading" ? `heading h${block.level}` : block.role;
    node = el("p", { class: cls, dataset: { para: block.para } }, ...withMarks(block.text, block.marks, findings));
  }
  const unplaced = findings.filter((f, i) => !isMarked(block, i));
  if (!unplaced.length) return [node];
  return [node, ...unplaced.map((f) => el("p", { class: `para-lint ${f.level}`, dataset: { rule: f.rule },
    text: `⚠ ${f.rule}：${f.message}` }))];
}

function isMarked(block, i) {
  const all = [...(block.marks || []), ...(block.lead_marks || []), ...(block.segments || []).flatMap((s) => s.marks || [])];
  return all.some((m) => m.finding === i);
}

function paragraphText(block) {
  return block.segments ? (block.lead || "") + block.segments.map((s) => s.text).join("") : block.text;
}

// Findings onto the view: each on its paragraph, and where it quotes text, on that text.
function attachLint(view, findings) {
  view.lint = findings.filter((f) => f.paragraph === 0);
  for (const block of view.blocks) {
    block.lint = findings.filter((f) => f.paragraph === block.para);
    block.lint.forEach((f, i) => {
      if (!f.excerpt) return;
      const mark = (text, list) => {
        const at = text.indexOf(f.excerpt);
        if (at < 0) return false;
        list.push({ start: at, end: at + f.excerpt.length, finding: i });
        return true;
      };
      if (block.segments) {
        for (const seg of block.segments) if (mark(seg.text, (seg.marks = seg.marks || []))) return;
        if (block.lead) mark(block.lead, (block.lead_marks = block.lead_marks || []));
      } else {
        mark(block.text, (block.marks = block.marks || []));
      }
    });
  }
}

async function proofread(view) {
  try {
    const { findings } = await post("/api/lint", { paragraphs: view.blocks.map(paragraphText) });
    if (state.view !== view) return;
    attachLint(view, findings);
    render(view, true);
  } catch (err) { toast(err.message, true); }
}

export function render(view, linted = false) {
  state.view = view;
  view.lint = view.lint || [];
  const nodes = view.blocks.flatMap(blockNode);
  paper().replaceChildren(...nodes);
  const figures = document.getElementById("figures");
  figures.replaceChildren(
    t("characters "), el("b", { id: "fig-length", text: String(view.length) }),
    t(" (target {target}), speaking time ", { target: view.target }),
    el("b", { id: "fig-time", text: view.minutes }),
    view.choosable ? t(". Click a sentence to replace, lock or edit it.")
      : t(". (This composer cannot choose sentence by sentence yet.)"));
  const warnings = document.getElementById("warnings");
  warnings.replaceChildren(...view.warnings.map((w) => el("li", { text: w })),
    ...view.lint.map((f) => el("li", { class: "lint-doc", text: t("{what}: {where}", { what: f.rule, where: f.message }) })));
  if (linted) paper().dataset.linted = paper().dataset.drafted;
  else paper().dataset.drafted = String(++drafts);
  if (selectedKey) {
    const seg = findSegment(selectedKey);
    if (seg) showChooser(seg, false); else closeChooser();
  }
  if (!linted) {
    emit("drafted", view);
    proofread(view);
  }
}

function findSegment(key) {
  for (const b of (state.view ? state.view.blocks : [])) {
    for (const s of b.segments || []) if (s.key === key) return s;
  }
  return null;
}

export async function draft() {
  if (!state.outline) return;
  const started = performance.now();
  const button = document.getElementById("draft");
  button.disabled = true;
  try {
    const view = await post("/api/draft", { outline: state.outline, seed: state.seed });
    render(view);
    // request to rendered speech: the next frame has laid the new speech out
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    window.drafterLastDraftMs = performance.now() - started;
  } catch (err) {
    toast(err.message, true);
  } finally {
    button.disabled = false;
  }
}

function pins() {
  if (!state.outline.pins || typeof state.outline.pins !== "object") state.outline.pins = {};
  return state.outline.pins;
}

function pinChanged() {
  if (state.outline.pins && !Object.keys(state.outline.pins).length) delete state.outline.pins;
  emit("outlineChanged", "pins");
  return draft();
}

// -- choosing one sentence ----------------------------------------------------------------

function choose(seg) {
  selectedKey = seg.key;
  for (const node of paper().querySelectorAll(".s.selected")) node.classList.remove("selected");
  const node = paper().querySelector(`.s[data-key="${CSS.escape(seg.key)}"]`);
  if (node) node.classList.add("selected");
  showChooser(seg, true);
}

function closeChooser() {
  selectedKey = null;
  chooser().hidden = true;
  for (const node of paper().querySelectorAll(".s.selected")) node.classList.remove("selected");
}

function showChooser(seg, fetchAlternatives) {
  const box = chooser();
  box.hidden = false;
  const pin = (state.outline.pins || {})[seg.key];
  const lock = el("button", { type: "button", id: "lock-sentence", text: seg.locked ? t("unlock") : t("lock this sentence"),
    onclick: () => {
      if (seg.locked) delete pins()[seg.key];
      else pins()[seg.key] = seg.phrase ? seg.phrase : { text: seg.text };
      pinChanged();
    } });
  const editArea = el("textarea", { id: "hand-text", "aria-label": t("edit this sentence by hand"), hidden: true });
  editArea.value = (pin && typeof pin === "object" && pin.text) || seg.text;
  const saveEdit = el("button", { type: "button", id: "hand-save", text: t("use the edited sentence"), hidden: true,
    onclick: () => {
      const text = editArea.value.trim();
      if (!text) { toast(t("the sentence cannot be empty"), true); return; }
      pins()[seg.key] = { text };
      pinChanged();
    } });
  const edit = el("button", { type: "button", id: "hand-edit", text: t("edit"),
    onclick: () => { editArea.hidden = false; saveEdit.hidden = false; editArea.focus(); } });
  const list = el("ol", { id: "alternatives" }, el("li", { class: "loading", text: t("looking for alternatives …") }));
  box.replaceChildren(
    el("div", { class: "actions" }, el("h3", { text: t("this sentence ({where})", { where: seg.section || seg.key }) }),
      el("button", { type: "button", text: t("close"), onclick: closeChooser })),
    el("div", { class: "current", text: seg.text }),
    el("div", { class: "src", text: seg.hand ? t("a sentence edited by hand") : (sourcesTitle(seg.sources) || t("(a connecting sentence the composer wrote)")) }),
    el("div", { class: "actions" }, lock, edit), editArea, saveEdit,
    el("h3", { text: t("alternatives of the same role from the bank (ranked as the composer ranks them)") }), list);
  if (fetchAlternatives) loadAlternatives(seg, list);
  else if (lastAlternatives && lastAlternatives.key === seg.key) fillAlternatives(seg, list, lastAlternatives.items);
}

let lastAlternatives = null;
async function loadAlternatives(seg, list) {
  try {
    const result = await post("/api/alternatives", { outline: state.outline, seed: state.seed, key: seg.key });
    if (selectedKey !== seg.key) return;  // the writer has clicked another sentence meanwhile
    lastAlternatives = { key: seg.key, items: result.alternatives };
    // the chooser may have been drawn again meanwhile (the proofreading came back): fill the one shown
    fillAlternatives(seg, document.getElementById("alternatives") || list, result.alternatives);
  } catch (err) {
    if (selectedKey === seg.key) {
      (document.getElementById("alternatives") || list).replaceChildren(el("li", { class: "none", text: err.message }));
    }
  }
}

function fillAlternatives(seg, list, items) {
  if (!items.length) { list.replaceChildren(el("li", { class: "none", text: t("the bank has no other sentence of the same role") })); return; }
  list.replaceChildren(...items.map((a) => el("li", { dataset: { phrase: a.phrase || "" } },
    el("div", { class: "alt-text", text: a.text }),
    el("div", { class: "src", text: sourcesTitle([{ phrase: a.phrase, category: a.role, sources: a.sources }]) }),
    el("button", { type: "button", class: "use-alternative", text: a.phrase === seg.phrase ? t("this is the one in use") : t("use this one"),
      disabled: a.phrase === seg.phrase,
      onclick: () => { pins()[seg.key] = a.phrase; pinChanged(); } }))));
}

// -- toolbar -------------------------------------------------------------------------------

export function setupDraft() {
  const seedInput = document.getElementById("seed");
  seedInput.addEventListener("change", () => { state.seed = Math.max(0, parseInt(seedInput.value, 10) || 0); });
  document.getElementById("draft").addEventListener("click", draft);
  document.getElementById("redraw").addEventListener("click", () => {
    state.seed += 1;
    seedInput.value = String(state.seed);
    draft();
  });
  for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", async () => {
      try {
        const name = await download("/api/download", { outline: state.outline, seed: state.seed,
          format: button.dataset.download, name: state.name });
        toast(t("downloaded {name}", { name }));
      } catch (err) { toast(err.message, true); }
    });
  }
}
