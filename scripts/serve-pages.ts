/**
 * The app's pages for `npm run serve`, in a process of their own: `scripts/serve-app.ts` answers the
 * data server's requests itself and passes every other request here, over a local socket. Next's
 * request tracking (async hooks on every promise) then costs the data server's statements nothing.
 *   node --import tsx scripts/serve-pages.ts <socket path> <host> <port>
 */
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import next from "next";

const [socket, hostname, port] = process.argv.slice(2);
if (!socket || !hostname || !port) {
  console.error("serve-pages: give the socket path, and the host and port the app is served on.");
  process.exit(1);
}
const app = next({ dev: false, dir: join(import.meta.dirname, ".."), hostname, port: Number(port) });
await app.prepare();
const handle = app.getRequestHandler();
rmSync(socket, { force: true });
createServer((req, res) => {
  // A request that fails (a browser that went away mid-answer, say) is that request's failure, never the process's:
  // an unhandled rejection would stop the pages, and the app with them.
  handle(req, res).catch((e: unknown) => {
    console.error(`The app's pages failed on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end();
  });
}).listen(socket, () => process.send?.("ready"));
// Gone with the process that started it.
process.on("disconnect", () => process.exit(0));
