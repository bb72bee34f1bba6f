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

// The big screen shows the whole grid at once, on any screen and for any number of rooms and
// slots: the largest type at which the page needs no scrolling, found by halving the interval
// (a dozen layouts, well under a frame's time on a 10 x 12 grid). Below MIN_FONT_PX the text
// would be unreadable from the back of a room, so a huge grid scrolls instead.
const MIN_FONT_PX = 9;
const MAX_FONT_PX = 96;

function fits() {
  const page = document.scrollingElement || document.documentElement;
  return page.scrollHeight <= window.innerHeight && page.scrollWidth <= window.innerWidth;
}

function fitBoard() {
  const board = document.querySelector(".ot-board");
  if (!board) return;
  let low = MIN_FONT_PX;
  let high = MAX_FONT_PX;
  while (high - low > 0.25) {
    const middle = (low + high) / 2;
    board.style.setProperty("--board-font-size", `${middle}px`);
    if (fits()) low = middle;
    else high = middle;
  }
  board.style.setProperty("--board-font-size", `${low}px`);
}

let fitRequest = null;
function fitSoon() {
  if (fitRequest !== null) window.cancelAnimationFrame(fitRequest);
  fitRequest = window.requestAnimationFrame(() => {
    fitRequest = null;
    fitBoard();
  });
}

document.addEventListener("htmx:afterSettle", arm);
document.addEventListener("htmx:afterSettle", fitBoard);
window.addEventListener("resize", fitSoon);
if (document.fonts) document.fonts.ready.then(fitBoard);
document.addEventListener("htmx:sendError", retryLater);
document.addEventListener("htmx:responseError", retryLater);
arm();
startClock();
fitBoard();
