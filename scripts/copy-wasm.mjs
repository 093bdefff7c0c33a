// Self-hosts the engine's wasm and workers so the app never reaches a CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const copies = [
  ["@duckdb/duckdb-wasm/dist/duckdb-eh.wasm", "duckdb/duckdb-eh.wasm"],
  ["@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm", "duckdb/duckdb-mvp.wasm"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js", "duckdb/duckdb-browser-eh.worker.js"],
  ["@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js", "duckdb/duckdb-browser-mvp.worker.js"],
  ["parquet-wasm/esm/parquet_wasm_bg.wasm", "parquet/parquet_wasm_bg.wasm"],
];
for (const [from, to] of copies) {
  const target = join(root, "public", to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, "node_modules", from), target);
}
console.log(`copied ${copies.length} engine files into public/`);
