// Talking to the server: every write carries X-Drafter: 1 (the guard refuses writes without it).

import { t } from "./i18n.js";

export class ApiError extends Error {
  constructor(message, status, data) { super(message); this.status = status; this.data = data || {}; }
}

async function reply(response) {
  let data = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) data = await response.json();
  if (!response.ok) {
    const message = (data && data.error) || t("server error ({status})", { status: response.status });
    throw new ApiError(message, response.status, data);
  }
  return data;
}

export async function get(path, params) {
  const query = params ? "?" + new URLSearchParams(params).toString() : "";
  return reply(await fetch(path + query, { headers: { "Accept": "application/json" } }));
}

export async function post(path, body) {
  return reply(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Drafter": "1" },
    body: JSON.stringify(body || {}),
  }));
}

export async function upload(path, formData) {
  return reply(await fetch(path, { method: "POST", headers: { "X-Drafter": "1" }, body: formData }));
}

// A file from a POST: the name from Content-Disposition (filename*=UTF-8''...), saved by a click.
export async function download(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Drafter": "1" },
    body: JSON.stringify(body),
  });
  if (!response.ok) await reply(response);
  const disposition = response.headers.get("content-disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : t("speech");
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

let toastTimer = null;
export function toast(message, bad = false) {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.classList.toggle("bad", bad);
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, bad ? 8000 : 3000);
}

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
