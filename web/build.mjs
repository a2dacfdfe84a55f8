// Assembles the web assets the autocut binary embeds, into the directory given (default: dist/): the dashboard
// (bundled by esbuild with uPlot) and the API reference page (Swagger UI), all from npm packages pinned in
// package-lock.json, so the page needs nothing from the internet.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const here = dirname(new URL(import.meta.url).pathname);
const out = process.argv[2] ?? join(here, "dist");
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "docs"), { recursive: true });

await build({
  entryPoints: [join(here, "src/dashboard/main.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  outfile: join(out, "app.js"),
  logLevel: "warning",
});
cpSync(join(here, "src/dashboard/index.html"), join(out, "index.html"));

cpSync(join(here, "src/docs"), join(out, "docs"), { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) cpSync(join(swaggerUi, file), join(out, "docs", file));
console.log(`web: assets assembled in ${out}`);
