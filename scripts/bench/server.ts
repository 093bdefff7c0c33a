/**
 * The benchmark's server column: `npm run serve` on the benchmark's files, and the page's statements
 * timed over HTTP as the page sends them (JSON in, Arrow IPC out and decoded), beside the tab and
 * native DuckDB in-process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { resultOf } from "../../lib/engine/plain";
import type { Query } from "../../lib/engine/types";
import type { Served } from "../../lib/server/protocol";
import { ROOT, type ShardSet } from "./servers";

export interface Serving {
  url: string;
  process: ChildProcess;
  /** From the start of `npm run serve` until every dataset was ready. */
  readyMs: number;
  datasets: Served[];
  stop(): void;
}

/** One argument of `npm run serve` per shard set, so each set is one dataset: its file, its folder, or a glob of its shards. */
export function serveArgs(sets: readonly ShardSet[]): string[] {
  return sets.map((s) => {
    if (s.files.length === 1) return s.files[0]!;
    const dir = dirname(s.files[0]!);
    const all = readdirSync(dir).filter((f) => /\.(parquet|jsonl|json)$/.test(f));
    if (all.length === s.files.length) return dir;
    return s.files[0]!.replace(/-\d{5}-of-(\d{5})/, "-*-of-$1");
  });
}

export async function catalog(url: string): Promise<Served[] | null> {
  try {
    const res = await fetch(`${url}/api/db`);
    return res.ok ? ((await res.json()) as { datasets: Served[] }).datasets : null;
  } catch {
    return null;
  }
}

/** Starts `npm run serve` and waits until every dataset is loaded (or opened from the cache). */
export async function startServe(inputs: readonly string[], port: number, timeoutMs = 30 * 60_000): Promise<Serving> {
  const url = `http://127.0.0.1:${port}`;
  // Another server on the port would answer for this one, with its own data.
  if (
    await fetch(url).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`port ${port} already answers: stop what runs there, or pass --port`);
  }
  const t0 = performance.now();
  const child = spawn("npm", ["run", "serve", "--", ...inputs, "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  };
  for (;;) {
    const datasets = await catalog(url);
    if (datasets?.every((d) => d.state === "ready" || d.state === "failed")) {
      const failed = datasets.find((d) => d.state === "failed");
      if (failed) {
        stop();
        throw new Error(`the server could not load ${failed.name}: ${failed.message}`);
      }
      return { url, process: child, readyMs: performance.now() - t0, datasets, stop };
    }
    if (performance.now() - t0 > timeoutMs) {
      stop();
      throw new Error("npm run serve did not get ready in time");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until the server has moved what search text it holds into memory (it starts serving from the
 * files at once, then copies): how long that took from now, and where each dataset's search reads.
 */
export async function waitHeld(serving: Serving, timeoutMs = 30 * 60_000) {
  const t0 = performance.now();
  for (;;) {
    const datasets = (await catalog(serving.url)) ?? [];
    if (!datasets.some((d) => d.searchIn === "copying" || d.tableIn === "reading")) {
      return { ms: performance.now() - t0, searchIn: datasets.map((d) => d.searchIn ?? null) };
    }
    if (performance.now() - t0 > timeoutMs)
      throw new Error("the server did not finish holding its search text in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs statements over HTTP under one session, as the page does, decoding each answer. The requests
 * go over one kept-alive connection, as a browser keeps its connection to the server (Node's `fetch`
 * adds about a millisecond of its own to each request, which no page pays).
 */
export class HttpSession {
  private readonly session = randomUUID().replaceAll("-", "");
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  constructor(private readonly url: string) {}

  private post(body: string): Promise<{ status: number; bytes: Buffer }> {
    const { hostname, port } = new URL(this.url);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          path: "/api/db",
          method: "POST",
          agent: this.agent,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (piece: Buffer) => parts.push(piece));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(parts) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** A statement that makes or drops a table (a kept search) is sent as a write, as the page sends it. */
  async run(q: Query, type: "read" | "write" = /^\s*(CREATE|DROP)\s/i.test(q.sql) ? "write" : "read") {
    const res = await this.post(JSON.stringify({ session: this.session, type, sql: q.sql, params: q.params }));
    if (res.status !== 200) {
      throw new Error(`${res.status}: ${(JSON.parse(res.bytes.toString()) as { error: string }).error}`);
    }
    return resultOf(tableFromIPC(new Uint8Array(res.bytes)));
  }

  /** Each of `n` runs of the steps, in milliseconds. */
  async time(steps: readonly Query[], n: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      for (const s of steps) await this.run(s);
      times.push(performance.now() - t0);
    }
    return times;
  }
}
