// Start the page: tabs, the first outline (``drafter new`` for 研讨发言), the bank on demand.

import { el, get, toast } from "./api.js";
import { t } from "./i18n.js";
import { state, on } from "./state.js";
import { setupOutline, newOutline, refreshFiles, check } from "./outline.js";
import { setupDraft } from "./draft.js";
import { setupBank, loadBank, search } from "./bank.js";

let bankLoaded = false;

function showTab(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === name);
  document.getElementById("page-write").hidden = name !== "write";
  document.getElementById("page-bank").hidden = name !== "bank";
  if (name === "bank" && !bankLoaded) {
    bankLoaded = true;
    loadBank().then(() => search(true)).catch((e) => toast(e.message, true));
  }
}

async function start() {
  setupOutline();
  setupDraft();
  setupBank();
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));
  on("outlineChanged", (why) => { if (why === "pins") check(); });
  try {
    state.about = await get("/api/about");
    document.getElementById("where").textContent = t("outline folder: {root}", { root: state.about.root });
    state.types = (await get("/api/types")).types;
    const select = document.getElementById("new-type");
    select.replaceChildren(...state.types.map((t) => el("option", { value: t.name, text: t.name, title: t.description })));
    await refreshFiles();
    const first = state.types.some((t) => t.name === "研讨发言") ? "研讨发言" : state.types[0].name;
    select.value = first;
    await newOutline(first, "");
    document.body.dataset.ready = "1";
  } catch (err) {
    toast(err.message, true);
  }
}

window.drafterState = state;  // for the README picture script and for debugging
start();
