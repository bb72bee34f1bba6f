// The big screen and the phone's "what's on now" move "now" and "next" on by themselves: at the
// next slot start or end the server named, the live fragment is fetched again (htmx, through its
// hx-trigger "board:tick"). A publish refetches it at once through live.js. Progressive
// enhancement only: without JavaScript the board reloads each minute and the phone page on demand.

// A roomful of phones should not ask at the same millisecond.
const JITTER_MS = 1500;
// Long waits (the day before) are cut into pieces: timers drift while a laptop sleeps.
const MAX_WAIT_MS = 60 * 60 * 1000;
// After a failed fetch (the venue's wifi), try again in a while rather than stop for the day.
const RETRY_MS = 30 * 1000;

let timer = null;

function tick(frame) {
  frame.dispatchEvent(new CustomEvent("board:tick"));
}

function arm() {
  if (timer !== null) window.clearTimeout(timer);
  timer = null;
  const frame = document.querySelector("[data-board-rendered-at]");
  if (!frame || !frame.dataset.boardChangesAt) return;
  // Measured on the server's clock (both times are the server's): a phone whose clock is wrong
  // still refetches at the right moment.
  const wait = Date.parse(frame.dataset.boardChangesAt) - Date.parse(frame.dataset.boardRenderedAt);
  if (Number.isNaN(wait)) return;
  const delay = Math.min(MAX_WAIT_MS, Math.max(0, wait)) + 250 + Math.random() * JITTER_MS;
  timer = window.setTimeout(() => tick(frame), delay);
}

function retryLater(event) {
  const frame = event.target.closest ? event.target.closest("[data-board-rendered-at]") : null;
  if (!frame) return;
  if (timer !== null) window.clearTimeout(timer);
  timer = window.setTimeout(() => tick(frame), RETRY_MS + Math.random() * JITTER_MS);
}

// The wall clock on the big screen, in the event's time zone.
function startClock() {
  const clock = document.querySelector("[data-board-wall-clock]");
  if (!clock) return;
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: clock.dataset.timeZone || undefined,
  });
  const show = () => {
    const current = new Date();
    clock.textContent = format.format(current);
    clock.setAttribute("datetime", current.toISOString());
  };
  show();
  clock.hidden = false;
  window.setInterval(show, 1000);
}

document.addEventListener("htmx:afterSettle", arm);
document.addEventListener("htmx:sendError", retryLater);
document.addEventListener("htmx:responseError", retryLater);
arm();
startClock();
