/**
 * The process `npm run serve` starts: the app's pages through Next, and the data server's requests
 * (`/api/db`) answered by Node's HTTP server directly, with the native DuckDB the datasets were
 * loaded into. Its configuration comes from the environment `scripts/serve.ts` sets.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import next from "next";
import { serverConfig } from "../lib/server/config";
import { dataServer } from "../lib/server/database";
import { answerDb, isDbRequest } from "../lib/server/node-http";

const args = process.argv.slice(2);
const option = (names: string[], fallback: string) => {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const host = option(["-H", "--hostname"], "127.0.0.1");
const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));

const config = serverConfig();
if (!config) {
  console.error("No datasets to serve: start this with npm run serve -- <files>.");
  process.exit(1);
}
// The loads start now, not at the page's first request.
const data = dataServer(config);
const app = next({ dev: false, dir: join(import.meta.dirname, ".."), hostname: host, port });
await app.prepare();
const pages = app.getRequestHandler();
createServer((req, res) => {
  if (isDbRequest(req)) void answerDb(data, req, res);
  else void pages(req, res);
})
  .on("error", (e) => {
    console.error(`Could not listen on ${host}:${port}: ${e.message}`);
    process.exit(1);
  })
  .listen(port, host);
