import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpConnector, newSession } from "../engine/http";
import { HOST, postTo, servedConfig, servedFiles } from "../test/served";
import { DataServer } from "./database";
import { handleQuery } from "./http";

const files = servedFiles();
const config = (over = {}) => servedConfig(files, over);
let server: DataServer;

beforeAll(async () => {
  server = new DataServer(config());
  await server.start();
}, 60_000);

const post = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  postTo(server, body, headers, signal);

describe("what the page's connector makes of the server's answers", () => {
  /** The page's connector, its requests answered by `serving()` as the route answers them. */
  function connectorTo(serving: () => DataServer, onNew = () => undefined) {
    vi.stubGlobal("fetch", (url: string, init: RequestInit) =>
      handleQuery(
        new Request(`http://${HOST}${url}`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), host: HOST },
        }),
        serving(),
      ),
    );
    return new HttpConnector("/api/db", newSession(), undefined, onNew);
  }
  afterEach(() => vi.unstubAllGlobals());

  it("an answer past the size limit is said to be too large, not a server that stopped", async () => {
    const small = new DataServer(config({ limits: { body: 65536, queryMs: 30_000, answer: 3 << 20 } }));
    await small.start();
    const db = connectorTo(() => small);
    expect((await db.query("SELECT repeat('x', 1000) AS t FROM range(2000)")).rows).toHaveLength(2000);
    await expect(db.query("SELECT repeat('x', 1000) AS t FROM range(8000)")).rejects.toThrow(
      "The answer is larger than the server sends (3 MB): ask for fewer rows or columns.",
    );
  });

  it("a restarted server is noticed: the page is told its tables there are gone", async () => {
    let current = server;
    const renewed = vi.fn();
    const db = connectorTo(() => current, renewed);
    await db.query("CREATE TEMP TABLE mine AS SELECT 1 AS x", [], { write: true });
    await db.query("SELECT x FROM mine");
    expect(renewed).not.toHaveBeenCalled();
    current = new DataServer(config());
    await current.start();
    await expect(db.query("SELECT x FROM mine")).rejects.toThrow(/mine/);
    expect(renewed).toHaveBeenCalledTimes(1);
    await db.query("SELECT 1");
    expect(renewed).toHaveBeenCalledTimes(1);
  });

  it("a statement left while it waits its turn never runs", async () => {
    const c = new AbortController();
    const slow = post(
      { session: "queue", type: "read", sql: "SELECT count(*) FROM range(10000000000000) t(x) WHERE x % 7 = 3" },
      {},
      c.signal,
    );
    const queued = new AbortController();
    const waiting = post(
      { session: "queue", type: "write", sql: "CREATE TEMP TABLE ran AS SELECT 1 AS x" },
      {},
      queued.signal,
    );
    queued.abort();
    await new Promise((r) => setTimeout(r, 200));
    c.abort();
    expect((await slow).status).toBe(400);
    expect(await (await waiting).json()).toEqual({
      error: "The statement was stopped: the page no longer waits for it.",
    });
    expect((await post({ session: "queue", type: "read", sql: "SELECT x FROM ran" })).status).toBe(400);
  });
});
