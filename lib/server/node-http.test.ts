import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultOf } from "../engine/plain";
import { HOST, servedConfig, servedFiles } from "../test/served";
import { DataServer } from "./database";
import { answerDb, isDbRequest } from "./node-http";

/**
 * `npm run serve` answers the data server's requests from Node's HTTP server directly: the same
 * checks and answers as the route handler, over a real socket.
 */

let data: DataServer;
let http: Server;
let port = 0;

beforeAll(async () => {
  data = new DataServer(servedConfig(servedFiles()));
  await data.start();
  http = createServer((req, res) => {
    if (isDbRequest(req)) void answerDb(data, req, res);
    else res.writeHead(404).end("not the data server");
  });
  await new Promise<void>((ok) => http.listen(0, "127.0.0.1", ok));
  port = (http.address() as AddressInfo).port;
}, 60_000);
afterAll(() => new Promise<void>((ok) => http.close(() => ok())));

/** A request as a page sends it (Host: the server's), over the socket. */
function send(
  method: string,
  path: string,
  body: string | null,
  headers: Record<string, string> = {},
  destroyAfterMs?: number,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: { host: HOST, "content-type": "application/json", ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(parts) }),
        );
      },
    );
    req.on("error", reject);
    if (destroyAfterMs !== undefined) setTimeout(() => req.destroy(), destroyAfterMs);
    req.end(body ?? undefined);
  });
}
const query = (sql: string, session = "n", headers: Record<string, string> = {}) =>
  send("POST", "/api/db", JSON.stringify({ session, type: "read", sql, params: [] }), headers);
const rowsOf = (bytes: Buffer) => resultOf(tableFromIPC(new Uint8Array(bytes))).rows;

describe("the data server straight from Node's HTTP server", () => {
  it("answers a statement as Arrow, and lists its datasets", async () => {
    const res = await query("SELECT count(*) AS n FROM test_sft");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.apache.arrow.stream");
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    const [n] = await data.sessions.get("check").then(async (s) => {
      const a = await s.run("read", "SELECT count(*) AS n FROM test_sft", [], new AbortController().signal);
      return rowsOf(Buffer.concat(a.head));
    });
    expect(rowsOf(res.bytes)).toEqual([n]);
    const catalog = await send("GET", "/api/db", null);
    expect(catalog.status).toBe(200);
    const names = (JSON.parse(catalog.bytes.toString()) as { datasets: { id: string; state: string }[] }).datasets;
    expect(names.map((d) => [d.id, d.state])).toEqual([
      ["server:ultrafeedback", "ready"],
      ["server:test_sft", "ready"],
    ]);
  });

  it("refuses as the route does: a wrong Host, text/plain, a large body, bad JSON", async () => {
    const wrongHost = await query("SELECT 1", "n", { host: "evil.example:3999" });
    expect(wrongHost.status).toBe(421);
    const plain = await query("SELECT 1", "n", { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.bytes.toString())).toEqual({
      error: "The server takes JSON only (Content-Type: application/json).",
    });
    const large = await query(`SELECT '${"x".repeat(70_000)}'`);
    expect(large.status).toBe(413);
    // Sent in chunks, its size said nowhere: refused once past the limit, and the answer still arrives.
    const chunked = await query(`SELECT '${"x".repeat(200_000)}'`, "n", { "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.bytes.toString())).toEqual({
      error: "The request is larger than the server takes (65536 bytes).",
    });
    expect((await send("POST", "/api/db", "{not json")).status).toBe(400);
    const write = await query("CREATE TABLE t AS SELECT 1");
    expect(write.status).toBe(403);
  });

  it("streams an answer larger than its first piece, every row", async () => {
    const res = await query("SELECT range AS x, repeat('y', 100) AS pad FROM range(30000)");
    expect(res.status).toBe(200);
    const rows = rowsOf(res.bytes);
    expect(rows).toHaveLength(30000);
    expect(rows[29999]).toEqual({ x: 29999, pad: "y".repeat(100) });
  });

  it("a page that goes away stops its statement: the session's next one is answered", async () => {
    // the asker closes the socket of a statement that would run for hours
    const socketGone = send(
      "POST",
      "/api/db",
      JSON.stringify({ session: "gone2", type: "read", sql: "SELECT count(*) FROM range(10000000000000) t(x)" }),
      {},
      300,
    ).catch((e: Error) => e);
    expect(await socketGone).toBeInstanceOf(Error);
    const next = await query("SELECT 42 AS x", "gone2");
    expect(next.status).toBe(200);
    expect(rowsOf(next.bytes)).toEqual([{ x: 42 }]);
  });
});
