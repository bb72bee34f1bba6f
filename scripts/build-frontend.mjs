// Compiles the stylesheet and copies the front-end packages the pages use into oneteam/static.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "oneteam", "static");
const vendor = join(out, "vendor");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(vendor, { recursive: true, force: true });
mkdirSync(join(vendor, "govuk"), { recursive: true });
mkdirSync(join(out, "oneteam"), { recursive: true });

const css = sass.compile(join(root, "frontend", "oneteam.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});

// The script only, not GOV.UK's assets: the GDS Transport font, the crown, the crest and the
// favicons are GOV.UK's own and not ours to use. Our favicon is oneteam/static/oneteam/favicon.svg.
cpSync(join(govuk, "govuk-frontend.min.js"), join(vendor, "govuk", "govuk-frontend.min.js"));
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(vendor, "htmx.min.js"));
// Every file the stylesheet points at must ship with it: Django's manifest storage refuses to
// collect a stylesheet whose url() names a missing file, and then every page answers 500. The
// stylesheet is written only when it passes, so a failed build never leaves one behind.
const missing = [];
for (const [, doubleQuoted, singleQuoted, bare] of css.css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/g)) {
  const ref = (doubleQuoted ?? singleQuoted ?? bare ?? "").trim();
  if (!ref || /^(data:|#|[a-z]+:\/\/)/i.test(ref)) continue;
  if (!ref.startsWith("/static/")) {
    missing.push(`${ref} (not under /static/)`);
    continue;
  }
  const file = join(out, ref.slice("/static/".length).split(/[?#]/)[0]);
  if (!existsSync(file)) missing.push(`${ref} (no ${file})`);
}
if (missing.length) {
  console.error(`oneteam.css points at files the build does not ship:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
writeFileSync(join(out, "oneteam", "oneteam.css"), css.css);
console.log(`front-end built into ${out}`);
