// Compiles the stylesheet and copies the front-end packages the pages use into oneteam/static.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
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
writeFileSync(join(out, "oneteam", "oneteam.css"), css.css);

// The script only, not GOV.UK's assets: the GDS Transport font, the crown, the crest and the
// favicons are GOV.UK's own and not ours to use. Our favicon is oneteam/static/oneteam/favicon.svg.
cpSync(join(govuk, "govuk-frontend.min.js"), join(vendor, "govuk", "govuk-frontend.min.js"));
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(vendor, "htmx.min.js"));
console.log(`front-end built into ${out}`);
