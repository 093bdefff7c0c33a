import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { DerivedTables } from "../datasets/derived";
import { NativeEngine } from "../engine/native";
import { resultOf } from "../engine/plain";
import { loadFilesSql } from "../ingest/sql-stage";
import type { ServerConfig } from "../server/config";
import { DataServer } from "../server/database";
import { handleQuery } from "../server/http";
import { sampleFile } from "./fixtures";

/** The Host a test server answers to. */
export const HOST = "127.0.0.1:3999";

/** Copies of the bundled samples in a folder of their own, where a server may write its cache beside them. */
export function servedFiles() {
  const dir = mkdtempSync(join(tmpdir(), "served-"));
  const copy = (p: string) => {
    const to = join(dir, p.split("/").pop()!);
    copyFileSync(sampleFile(p), to);
    return to;
  };
  return {
    dir,
    uf: ["ultrafeedback/sharegpt.jsonl", "ultrafeedback/false_qa.jsonl"].map(copy),
    chat: [0, 1].map((i) => copy(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`)),
  };
}

/** A server of those files: UltraFeedback and test_sft, answering to `HOST`, with test limits. */
export const servedConfig = (
  files: { uf: string[]; chat: string[] },
  over: Partial<ServerConfig> = {},
): ServerConfig => ({
  datasets: [
    { name: "ultrafeedback", paths: files.uf },
    { name: "test_sft", paths: files.chat },
  ],
  token: null,
  hosts: [HOST],
  limits: { body: 64 * 1024, queryMs: 30_000, answer: 64 << 20 },
  ...over,
});

/** A statement posted to the route as a page posts it. */
export const postTo = (server: DataServer, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  handleQuery(
    new Request(`http://${HOST}/api/db`, {
      method: "POST",
      headers: { host: HOST, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal,
    }),
    server,
  );

/**
 * A started server of those files, and native DuckDB holding the same files in-process (`uf`, `chat`)
 * for the answers to equal; `rows` posts a statement as a page does and reads its answer.
 */
export async function startServed(files = servedFiles()) {
  const config = (over: Partial<ServerConfig> = {}) => servedConfig(files, over);
  const server = new DataServer(config());
  await server.start();
  const native = await NativeEngine.open();
  const derived = new DerivedTables("n");
  await loadFilesSql(native, {
    table: "uf",
    layout: "ultrafeedback",
    paths: files.uf,
    derived,
    sqlName: "ultrafeedback",
  });
  await loadFilesSql(native, {
    table: "chat",
    layout: "ultrachat_200k",
    paths: files.chat,
    derived,
    sqlName: "test_sft",
  });
  const post = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    postTo(server, body, headers, signal);
  async function rows(sql: string, session = "a", type = "read", params: unknown[] = []) {
    const res = await post({ session, type, sql, params });
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(await res.json())}`);
    return resultOf(tableFromIPC(new Uint8Array(await res.arrayBuffer()))).rows;
  }
  return { files, config, server, native, post, rows };
}
