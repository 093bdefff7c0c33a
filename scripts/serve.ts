/**
 * `npm run serve -- <files, folders or globs> [-p PORT] [-H HOST] [--token TOKEN]`: the app on native
 * DuckDB, for data bigger than a tab. Each argument is one dataset: a file, the data files of a
 * folder, or the files a glob matches (quote it: 'data/train_sft-*.parquet'). The first start loads
 * each into a database file in `.explorer-cache/` beside its files; a later start on the same files
 * opens that file and serves at once.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { hostname, networkInterfaces } from "node:os";
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { ServedSpec } from "../lib/server/config";
import { serverNodeOptions } from "./lib/serve";

const root = join(import.meta.dirname, "..");
const DATA = /\.(parquet|jsonl|json|ndjson)(\.gz)?$/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

function usage(problem: string): never {
  console.error(`${problem}\n\nnpm run serve -- <files, folders or globs> [-p PORT] [-H HOST] [--token TOKEN]`);
  process.exit(1);
}

const args = process.argv.slice(2);
let port = Number(process.env.PORT ?? 3000);
let host = "127.0.0.1";
let token = process.env.EXPLORER_TOKEN ?? "";
const inputs: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "-p" || a === "--port") port = Number(args[++i]);
  else if (a === "-H" || a === "--hostname") host = args[++i] ?? host;
  else if (a === "--token") token = args[++i] ?? "";
  else inputs.push(a);
}
if (!Number.isInteger(port) || port <= 0) usage("The port must be a number.");
if (inputs.length === 0) usage("Name the data to serve.");

/** A dataset's name from what was given: a file's stem (without its shard numbers), a folder's name. */
const stem = (path: string) =>
  basename(path)
    .replace(/\.(parquet|jsonl|json|ndjson)(\.gz)?$/i, "")
    .replace(/-\d{5}-of-\d{5}(-[0-9a-f]+)?$/i, "")
    .replace(/[*?[\]{}]+.*$/, "") || "data";

const duck = await (await DuckDBInstance.create(":memory:")).connect();
async function glob(pattern: string): Promise<string[]> {
  const prepared = await duck.prepare("SELECT file FROM glob($1) ORDER BY file");
  prepared.bind([pattern]);
  return (await prepared.runAndReadAll()).getRowsJS().map((r) => String(r[0]));
}

const taken = new Set<string>();
const datasets: ServedSpec[] = [];
for (const input of inputs) {
  const path = resolve(input);
  let paths: string[];
  if (/[*?[]/.test(input)) paths = (await glob(path)).filter((p) => DATA.test(p));
  else if (!existsSync(path)) usage(`${input}: no such file or folder.`);
  else if (statSync(path).isDirectory()) {
    paths = readdirSync(path)
      .filter((f) => DATA.test(f))
      .sort()
      .map((f) => join(path, f));
  } else paths = [path];
  if (paths.length === 0) usage(`${input}: no .parquet, .jsonl or .json files there.`);
  let name = statSync(paths[0]!).isFile() && paths.length === 1 ? stem(paths[0]!) : stem(path);
  for (let k = 2; taken.has(name); k++) name = `${stem(path)}_${k}`;
  taken.add(name);
  datasets.push({ name, paths });
}

const loopback = LOOPBACK.has(host);
if (!loopback && !token) token = randomBytes(18).toString("base64url");
/** The names a request may reach this machine by: every address of its interfaces for a wildcard bind. */
function hostNames(): string[] {
  const local = ["127.0.0.1", "localhost", "[::1]"];
  if (loopback) return local;
  if (host !== "0.0.0.0" && host !== "::") return [host.includes(":") ? `[${host}]` : host];
  const own = Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i ? [i.family === "IPv6" ? `[${i.address}]` : i.address] : []));
  return [...new Set([...local, ...own, hostname()])];
}
const hosts = hostNames().map((h) => `${h}:${port}`);

if (!existsSync(join(root, ".next", "BUILD_ID"))) {
  console.log("Building the app once (npm run build)…");
  const built = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

for (const d of datasets) console.log(`  ${d.name}: ${d.paths.length} file${d.paths.length === 1 ? "" : "s"}`);
const shown =
  hosts
    .find((h) => !h.startsWith("127.") && !h.startsWith("localhost") && !h.startsWith("[::1]"))
    ?.replace(/:\d+$/, "") ?? (host.includes(":") ? `[${host}]` : host);
console.log(`Serving on http://${shown}:${port}/${token && !loopback ? `?token=${token}` : ""}`);
const server = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "scripts", "serve-app.ts"), "-H", host, "-p", String(port)],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: serverNodeOptions(),
      EXPLORER_DATA: JSON.stringify(datasets),
      EXPLORER_HOSTS: hosts.join(","),
      ...(token ? { EXPLORER_TOKEN: token } : {}),
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
