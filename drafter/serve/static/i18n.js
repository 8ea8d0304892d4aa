// The page's words in the writer's language: the server puts its catalog for the page (English
// message ids → the language drafter speaks, drafter/serve/strings.py) in index.html; t() looks a
// message up and fills its {placeholders}. A message the catalog lacks shows as written.

const element = document.getElementById("drafter-strings");
const catalog = element ? JSON.parse(element.textContent) : {};

export function t(msgid, params) {
  const text = Object.prototype.hasOwnProperty.call(catalog, msgid) ? catalog[msgid] : msgid;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
