import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { CATALOG } from "../../lib/datasets/catalog";
import { CONVERTED } from "../hub-server";
import { conversionDir } from "./generate";
import type { LayoutId } from "../../lib/types";
import { serverNodeOptions } from "../lib/serve";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface ShardSet {
  key: string;
  repo: string;
  split: string;
  layout: LayoutId;
  /** local files, in catalog order */
  files: string[];
}

export function shardSets(dir: string): ShardSet[] {
  const local = (sub: string) =>
    readdirSync(join(dir, sub))
      // Data files only: not a file still being written, nor the server's database cache beside them.
      .filter((f) => /\.(parquet|jsonl|json)$/.test(f))
      .sort()
      .map((f) => join(dir, sub, f));
  const chat = local("ultrachat_200k");
  return [
    {
      key: "ultrachat_200k test_sft",
      repo: "HuggingFaceH4/ultrachat_200k",
      split: "test_sft",
      layout: "ultrachat_200k",
      files: chat.filter((f) => f.includes("test_sft")),
    },
    {
      key: "ultrafeedback_binarized train_prefs",
      repo: "HuggingFaceH4/ultrafeedback_binarized",
      split: "train_prefs",
      layout: "ultrafeedback_binarized",
      files: local("ultrafeedback_binarized").filter((f) => f.includes("train_prefs")),
    },
    {
      key: "ultrafeedback_binarized test_prefs",
      repo: "HuggingFaceH4/ultrafeedback_binarized",
      split: "test_prefs",
      layout: "ultrafeedback_binarized",
      files: local("ultrafeedback_binarized").filter((f) => f.includes("test_prefs")),
    },
    {
      key: "UltraFeedback raw (6 files)",
      repo: "openbmb/UltraFeedback",
      split: "train",
      layout: "ultrafeedback",
      files: local("ultrafeedback"),
    },
    {
      key: "ultrachat_200k train_sft (3 shards)",
      repo: "HuggingFaceH4/ultrachat_200k",
      split: "train_sft",
      layout: "ultrachat_200k",
      files: chat.filter((f) => f.includes("train_sft")),
    },
  ];
}

/** The hub serves the benchmark files under the catalog's paths. */
export function hubFiles(sets: ShardSet[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const set of sets) {
    const split = CATALOG.find((d) => d.repo === set.repo)!.splits.find((s) => s.name === set.split)!;
    split.files.forEach((f, i) => {
      const file = set.layout === "ultrafeedback" ? set.files.find((p) => p.endsWith(`/${f.path}`)) : set.files[i];
      if (file) map.set(`${set.repo}/${f.path}`, file);
    });
    if (set.layout === "ultrafeedback") {
      const dir = conversionDir(dirname(dirname(set.files[0]!)));
      for (const name of readdirSync(dir).filter((f) => f.endsWith(".parquet")))
        map.set(`${set.repo}${CONVERTED}default/train/${name}`, join(dir, name));
    }
  }
  return map;
}

export async function startNext(port: number, hubUrl: string): Promise<ChildProcess> {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  // Another server on the port would be measured in this one's place.
  if (
    await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`port ${port} already answers: stop what runs there, or pass --port`);
  }
  const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, HF_BASE_URL: hubUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: serverNodeOptions() },
    stdio: "ignore",
    detached: true,
  });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () =>
      fetch(`http://127.0.0.1:${port}/`)
        .then(() => resolve(child))
        .catch(() =>
          Date.now() - started > 60_000 ? reject(new Error("next start did not answer")) : setTimeout(poll, 300),
        );
    poll();
  });
}
