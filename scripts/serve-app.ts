/**
 * The process `npm run serve` starts: the data server's requests (`/api/db`) answered by Node's HTTP
 * server directly, with the native DuckDB the datasets were loaded into; every other request (the
 * app's pages) passed to Next in a child process (`scripts/serve-pages.ts`). Its configuration comes
 * from the environment `scripts/serve.ts` sets.
 */
import { fork } from "node:child_process";
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const socket = join(tmpdir(), `explorer-pages-${process.pid}.sock`);
// The pages know the app serves data (the picker lists it); they load none themselves.
const env: NodeJS.ProcessEnv = { ...process.env, EXPLORER_SERVING: "1" };
delete env.EXPLORER_DATA;
const pages = fork(join(import.meta.dirname, "serve-pages.ts"), [socket, host, String(port)], {
  execArgv: ["--import", "tsx"],
  env,
});
pages.on("exit", (code) => {
  console.error(`The app's pages stopped (exit ${code}).`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    pages.removeAllListeners("exit");
    pages.kill(signal);
    process.exit(0);
  });
}
await new Promise<void>((ready) => pages.once("message", () => ready()));

/** Headers of one connection, not of the answer: never passed on. */
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);
const agent = new Agent({ keepAlive: true });

/** A request for a page, passed to Next and its answer streamed back. */
function toPages(req: IncomingMessage, res: ServerResponse) {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k)));
  const upstream = request({ socketPath: socket, agent, method: req.method, path: req.url, headers }, (answer) => {
    const back = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP.has(k)));
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, back);
    answer.pipe(res);
  });
  upstream.on("error", (e: NodeJS.ErrnoException) => {
    console.error(`The app's pages did not answer ${req.method} ${req.url}: ${e.code ?? e.message}`);
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" }).end("The app's pages did not answer.\n");
  });
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

createServer((req, res) => {
  if (isDbRequest(req)) void answerDb(data, req, res);
  else toPages(req, res);
})
  .on("error", (e) => {
    console.error(`Could not listen on ${host}:${port}: ${e.message}`);
    pages.kill();
    process.exit(1);
  })
  .listen(port, host);
