import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerConfig } from "../server/config";
import type { DataServer } from "../server/database";
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
