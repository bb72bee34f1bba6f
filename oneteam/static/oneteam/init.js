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
