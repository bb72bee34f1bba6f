// Progressive enhancement only: every page works without this file.
import { initAll } from "govuk-frontend"; // mapped to the static file in base.html

// A component that fails to start is a bug: report it as an error (GOV.UK Frontend would only
// log it), so that the browser tests, which fail on any console error, catch it.
initAll({ onError: (error) => console.error(error) });

// Content that htmx swaps in gets its components started too: an error summary takes focus, a
// button guards against a double submission. Searching from the parent also finds the new
// element itself; the components already running there refuse to start twice, which is fine.
document.addEventListener("htmx:load", (event) => {
  const scope = event.detail.elt.parentElement;
  if (event.detail.elt === document.body || !scope) return;
  initAll({
    scope,
    onError: (error) => {
      if (error.name !== "InitError") console.error(error);
    },
  });
});

// A swap replaces the control that asked for it ("I'm interested" becomes "Remove my interest").
// htmx keeps focus on an element whose id the new content has too, but the button is disabled
// while the request runs (hx-disabled-elt), and a disabled button drops focus to the page body,
// so someone using a keyboard would have to find their place again. Give focus back to the
// control with the same id once the new content has settled, unless focus has moved elsewhere.
let focusedBeforeRequest = null;

document.addEventListener("htmx:beforeRequest", (event) => {
  const submitter = event.detail.requestConfig?.triggeringEvent?.submitter;
  const active = document.activeElement;
  const control = submitter || (active && active !== document.body ? active : null);
  focusedBeforeRequest = control && control.id ? control.id : null;
});

document.addEventListener("htmx:afterSettle", () => {
  const id = focusedBeforeRequest;
  focusedBeforeRequest = null;
  if (!id) return;
  const active = document.activeElement;
  if (active && active !== document.body && active.id !== id) return;
  const control = document.getElementById(id);
  if (control && control !== active) control.focus({ preventScroll: true });
});
