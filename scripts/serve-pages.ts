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
createServer((req, res) => void handle(req, res)).listen(socket, () => process.send?.("ready"));
// Gone with the process that started it.
process.on("disconnect", () => process.exit(0));
