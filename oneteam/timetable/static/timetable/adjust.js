// The adjust page, enhanced: drag a session card onto a room and time (or onto another card to
// swap them), or pick it up with the keyboard, and see what the change does for people in a
// panel before saving it. Everything here can be done without this file, with each card's "Move or
// swap" link and plain forms; this file asks the same views for the same fragments (with an
// HX-Request header) and announces each outcome in the page's status region.

const panel = document.getElementById("adjust-panel");
const statusRegion = document.getElementById("adjust-status");
const CARD = ".ot-adjust__card";
const CELL = ".ot-adjust__cell";
const UNPLACED = ".ot-adjust__unplaced";
const TARGET = "ot-adjust__target";
const LIFTED = "ot-adjust__card--lifted";

let dragged = null; // the card being dragged with a pointer
let lifted = null; // {card, row, col} while a card is picked up with the keyboard
let lastCardId = null; // where focus returns when the panel closes

// What the status region says, translated by the page (adjust.html); {name} fills in.
const WORDS = JSON.parse(document.getElementById("adjust-words").textContent);
function say(key, values = {}) {
  return WORDS[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

const board = () => document.getElementById("adjust-board");

function announce(text) {
  // Cleared first so that the same words twice are announced twice.
  statusRegion.textContent = "";
  window.setTimeout(() => {
    statusRegion.textContent = text;
  }, 50);
}

function clearTargets() {
  document.querySelectorAll(`.${TARGET}`).forEach((el) => el.classList.remove(TARGET));
}

function closePanel(words) {
  panel.hidden = true;
  panel.replaceChildren();
  const card = lastCardId && document.getElementById(lastCardId);
  if (card) card.focus();
  if (words) announce(words);
}

function panelSummary() {
  const title = panel.querySelector("#adjust-effect-title");
  const parts = [title ? title.textContent.trim() : ""];
  const refusals = [...panel.querySelectorAll(".govuk-error-summary__list li")];
  if (refusals.length) {
    parts.push(refusals.map((li) => li.textContent.trim()).join(" "));
  } else {
    // What the change does for people, as the panel words it (never the engine's numbers).
    const lines = [...panel.querySelectorAll("[data-effect-for-people] li")];
    if (lines.length) parts.push(lines.map((li) => `${li.textContent.trim()}.`).join(" "));
    if (panel.querySelector("form[data-adjust-save]")) parts.push(say("saveOrCancel"));
  }
  return parts.filter(Boolean).join(" ");
}

async function showPanel(url) {
  let response;
  try {
    response = await fetch(url, { headers: { "HX-Request": "true" } });
  } catch {
    announce(say("noPreview"));
    return;
  }
  if (!response.ok) {
    announce(say("noPreview"));
    return;
  }
  panel.innerHTML = await response.text();
  panel.hidden = false;
  panel.focus();
  announce(panelSummary());
}

function preview(card, params) {
  lastCardId = card.id;
  const url = new URL(card.dataset.changeUrl, window.location.href);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return showPanel(url);
}

function changeFor(card, target) {
  // Onto another card: swap. Onto a cell: move there (the server refuses a taken cell and offers
  // the swap). Onto the list of sessions not in the grid: take it out.
  const other = target.closest(CARD);
  if (other && other !== card) return { action: "swap", other: other.dataset.session };
  const cell = target.closest(CELL);
  if (cell) {
    if (cell.contains(card)) return null;
    return { action: "move", room: cell.dataset.room, slot: cell.dataset.slot };
  }
  if (target.closest(UNPLACED) && card.closest(CELL)) return { action: "unplace" };
  return null;
}

// ---- Drag and drop with a pointer ----

document.addEventListener("dragstart", (event) => {
  const card = event.target.closest && event.target.closest(CARD);
  if (!card) return;
  dragged = card;
  card.classList.add(LIFTED);
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", card.dataset.session);
});

document.addEventListener("dragover", (event) => {
  if (!dragged) return;
  const target = event.target.closest && event.target.closest(`${CARD}, ${CELL}, ${UNPLACED}`);
  if (!target || target === dragged) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "move";
  if (!target.classList.contains(TARGET)) {
    clearTargets();
    target.classList.add(TARGET);
  }
});

document.addEventListener("drop", (event) => {
  if (!dragged) return;
  event.preventDefault();
  const card = dragged;
  const change = changeFor(card, event.target);
  clearTargets();
  card.classList.remove(LIFTED);
  dragged = null;
  if (change) preview(card, change);
});

document.addEventListener("dragend", () => {
  if (dragged) dragged.classList.remove(LIFTED);
  dragged = null;
  clearTargets();
});

// ---- Picking a card up with the keyboard ----

function gridCells() {
  return [...board().querySelectorAll("tbody tr")]
    .map((row) => [...row.querySelectorAll(CELL)])
    .filter((cells) => cells.length);
}

function describeTarget() {
  const cell = gridCells()[lifted.row][lifted.col];
  clearTargets();
  cell.classList.add(TARGET);
  const other = cell.querySelector(CARD);
  const where = cell.dataset.label;
  if (other === lifted.card) return say("here", { where });
  if (other) return say("taken", { where, other: other.dataset.title });
  return say("free", { where });
}

function lift(card) {
  const cells = gridCells();
  let row = 0;
  let col = 0;
  cells.forEach((cellsOfRow, r) => {
    const c = cellsOfRow.findIndex((cell) => cell.contains(card));
    if (c >= 0) [row, col] = [r, c];
  });
  if (!cells.length) return;
  lifted = { card, row, col };
  card.classList.add(LIFTED);
  announce(`${say("pickedUp", { title: card.dataset.title })} ${describeTarget()}`);
}

function putBack(words) {
  if (!lifted) return;
  lifted.card.classList.remove(LIFTED);
  lifted = null;
  clearTargets();
  if (words) announce(words);
}

function drop() {
  const { card, row, col } = lifted;
  const cell = gridCells()[row][col];
  const other = cell.querySelector(CARD);
  putBack();
  if (cell.contains(card)) {
    announce(say("stays", { title: card.dataset.title }));
    return;
  }
  preview(card, other ? { action: "swap", other: other.dataset.session } : changeFor(card, cell));
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) {
    closePanel(say("cancelled"));
    return;
  }
  const card = event.target.matches && event.target.matches(CARD) ? event.target : null;
  if (!card) return;
  if (!lifted) {
    if (event.key === " ") {
      event.preventDefault();
      lift(card);
    }
    return;
  }
  const cells = gridCells();
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (event.key in moves) {
    event.preventDefault();
    const [dr, dc] = moves[event.key];
    lifted.row = Math.min(Math.max(lifted.row + dr, 0), cells.length - 1);
    lifted.col = Math.min(Math.max(lifted.col + dc, 0), cells[lifted.row].length - 1);
    announce(describeTarget());
  } else if (event.key === " " || event.key === "Enter") {
    event.preventDefault();
    drop();
  } else if (event.key === "Escape") {
    event.preventDefault();
    putBack(say("putBack", { title: card.dataset.title }));
  }
});

document.addEventListener("focusout", (event) => {
  if (lifted && event.target === lifted.card) putBack();
});

// ---- The panel: save, swap instead, cancel ----

panel.addEventListener("click", (event) => {
  if (event.target.closest("[data-adjust-cancel]")) {
    event.preventDefault();
    closePanel(say("cancelled"));
  }
});

panel.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.matches("[data-adjust-preview]")) {
    event.preventDefault();
    // Not form.action: the form's field named "action" hides that property.
    const url = new URL(form.getAttribute("action"), window.location.href);
    for (const [key, value] of new FormData(form)) url.searchParams.set(key, value);
    showPanel(url);
    return;
  }
  if (!form.matches("[data-adjust-save]")) return;
  event.preventDefault();
  let response;
  try {
    response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { "HX-Request": "true" },
    });
  } catch {
    announce(say("noSave"));
    return;
  }
  const html = await response.text();
  if (!response.ok || response.headers.get("X-Adjust-Refused") === "true") {
    panel.innerHTML = html;
    panel.focus();
    announce(panelSummary());
    return;
  }
  const url = response.headers.get("X-Adjust-Url");
  if (url && url !== board().dataset.adjustUrl) {
    // Saved in a new draft: its own page (the message waits there).
    window.location.assign(url);
    return;
  }
  board().outerHTML = html;
  const saved = board().querySelector("[data-adjust-announcement]");
  closePanel(saved ? saved.textContent.trim() : say("saved"));
});
