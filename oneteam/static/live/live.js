// Live updates for pages that opt in. Progressive enhancement only: every page works without it.
//
// Load it as a module, with the page's CSP nonce:
//   <script src="{% static 'live/live.js' %}" type="module" nonce="{{ csp_nonce }}"></script>
// and mark the live part of the page ({% live_attrs channel %} writes the first two attributes):
//   <div data-live-url="/live/event-x/stream" data-live-last-event-id="12"
//        data-live-events="session-moved board-changed">
//     <section hx-get="/…/board" hx-swap="outerHTML"
//              hx-trigger="live:board-changed from:closest [data-live-url]">…</section>
//   </div>
//
// Each event is dispatched on that element as a bubbling `live:<type>` CustomEvent with
// `detail = {id, data}`; htmx elements refetch their fragment with hx-trigger, so what a member
// sees is always rendered by the server for them. The last event id the page was rendered with
// goes with the first connection, so nothing published between render and connect is lost. On
// `reset` (too much missed) the page reloads, unless a `live:reset` listener calls preventDefault().

const MAX_BACKOFF_MS = 30000;

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function connect(root) {
  const types = (root.dataset.liveEvents || "").split(/\s+/).filter(Boolean);
  let lastId = root.dataset.liveLastEventId || "";
  let attempt = 0;
  let source = null;
  let timer = null;

  function deliver(type, message) {
    if (message.lastEventId) lastId = message.lastEventId;
    root.dispatchEvent(
      new CustomEvent(`live:${type}`, {
        bubbles: true,
        detail: { id: message.lastEventId, data: parse(message.data) },
      }),
    );
  }

  function open() {
    timer = null;
    const url = new URL(root.dataset.liveUrl, window.location.href);
    if (lastId) url.searchParams.set("last_event_id", lastId);
    source = new EventSource(url);
    source.addEventListener("open", () => {
      attempt = 0;
      root.dataset.liveState = "open";
    });
    for (const type of types) source.addEventListener(type, (message) => deliver(type, message));
    source.addEventListener("message", (message) => deliver("message", message));
    source.addEventListener("reset", (message) => {
      lastId = message.lastEventId;
      const event = new CustomEvent("live:reset", { bubbles: true, cancelable: true });
      if (root.dispatchEvent(event)) window.location.reload();
    });
    source.addEventListener("error", () => {
      // While the connection is retried the browser reconnects by itself, after the server's
      // jittered `retry:` delay and with a Last-Event-ID header.
      if (source.readyState !== EventSource.CLOSED) {
        root.dataset.liveState = "reconnecting";
        return;
      }
      // The browser gave up (an HTTP error, say): back off exponentially, with jitter, so a
      // crowd of pages does not return to a recovering server at the same moment.
      root.dataset.liveState = "closed";
      const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
      attempt += 1;
      timer = window.setTimeout(open, ceiling / 2 + (Math.random() * ceiling) / 2);
    });
  }

  function close() {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (source !== null) source.close();
    source = null;
  }

  // A page in the back/forward cache must not hold a connection open.
  window.addEventListener("pagehide", close);
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && source === null) open();
  });
  open();
}

for (const root of document.querySelectorAll("[data-live-url]")) connect(root);
