// Assembles the web assets the autocut binary embeds, into the directory given (default: dist/): the API reference
// page (Swagger UI from npm, pinned in package-lock.json) around the service's /openapi.json.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const here = dirname(new URL(import.meta.url).pathname);
const dist = process.argv[2] ?? join(here, "dist");
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "docs"), { recursive: true });
cpSync(join(here, "src/docs"), join(dist, "docs"), { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) cpSync(join(swaggerUi, file), join(dist, "docs", file));
console.log(`web: assets assembled in ${dist}`);
