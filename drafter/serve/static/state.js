// What the page holds: the outline (the same mapping as the YAML file), the seed, the file name,
// and the last draft's view. Modules talk through small hooks rather than globals.

export const state = {
  outline: null,
  seed: 0,
  name: "",
  view: null,
  types: [],
  about: {},
  hooks: { outlineChanged: [], drafted: [] },
};

export function on(event, fn) { state.hooks[event].push(fn); }
export function emit(event, ...args) { for (const fn of state.hooks[event]) fn(...args); }

// Sections and points as the form edits them: {heading, text, points}; text is one string, a line a paragraph.
export function normalizeNode(node) {
  if (node === null || node === undefined) return { heading: "", text: "", points: [] };
  if (typeof node !== "object" || Array.isArray(node)) return { heading: String(node), text: "", points: [] };
  const text = Array.isArray(node.text) ? node.text.join("\n") : (node.text == null ? "" : String(node.text));
  const points = Array.isArray(node.points) ? node.points.map(normalizeNode) : [];
  return { ...node, heading: node.heading == null ? "" : String(node.heading), text, points };
}

export function normalizeOutline(outline) {
  const out = { ...(outline || {}) };
  out.sections = Array.isArray(out.sections) ? out.sections.map(normalizeNode) : [];
  for (const key of ["opening", "closing"]) {
    if (Array.isArray(out[key])) out[key] = out[key].join("\n");
  }
  if (Array.isArray(out.title)) out.title = out.title.join("\n");
  return out;
}
