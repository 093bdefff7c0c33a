/**
 * Raw UltraChat at its real size for the server's benchmark: ten JSON Lines files `train_0.jsonl` …
 * `train_9.jsonl` of `{"id", "data": [turns]}`, about 1.47 M dialogues and 9.3 GB in all, from fixed
 * seeds (one per file), written two files at a time in child processes; existing files are kept.
 *   tsx scripts/bench/ultrachat-raw.ts [--scale 1]          (all ten files)
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { seeded } from "../lib/synthetic-text";
import { BENCH_ROOT } from "./generate";
import { BenchText } from "./text";
import { arg } from "../lib/cli";

/** Dialogues in all, and the ten files' share of them. */
const DIALOGUES = 1_468_348;
const FILES = 10;

export const rawUltrachatDir = (scale: number) =>
  join(scale === 1 ? BENCH_ROOT : join(BENCH_ROOT, `scale-${scale}`), "ultrachat_raw");

async function writeFile(dir: string, k: number, scale: number) {
  const path = join(dir, `train_${k}.jsonl`);
  if (existsSync(path)) return;
  const rows = Math.max(10, Math.round((DIALOGUES / FILES) * scale));
  const r = seeded(1_000_000 + k);
  const t = new BenchText(r);
  const out = createWriteStream(`${path}.part`);
  let buffer = "";
  for (let i = 0; i < rows; i++) {
    // exchanges as in UltraChat: one to ten, most of them few; answers longer than questions
    const exchanges = 1 + Math.min(9, Math.floor(-Math.log(1 - r() * 0.999) * 2.4));
    const ja = r() < 0.01;
    const data: string[] = [];
    for (let e = 0; e < exchanges; e++) {
      data.push(t.text(t.length(445, 30), ja ? 1 : 0), t.text(t.length(1_645, 80), ja ? 1 : 0));
    }
    buffer += `${JSON.stringify({ id: String(k * 1_000_000 + i), data })}\n`;
    if (buffer.length > 4_000_000) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      buffer = "";
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(`${path}.part`, path);
  console.log(`${path} ${rows} dialogues ${(statSync(path).size / 1e9).toFixed(2)} GB`);
}

/** Writes the ten files (two at a time, one child process each) and answers their folder. */
export async function generateUltrachatRaw(scale: number): Promise<string> {
  const dir = rawUltrachatDir(scale);
  mkdirSync(dir, { recursive: true });
  const todo = Array.from({ length: FILES }, (_, k) => k).filter((k) => !existsSync(join(dir, `train_${k}.jsonl`)));
  const one = (k: number) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("npx", ["tsx", import.meta.filename, "--file", String(k), "--scale", String(scale)], {
        stdio: "inherit",
      });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`train_${k}.jsonl: exit ${code}`))));
    });
  const lanes = [0, 1].map(async () => {
    for (let k = todo.shift(); k !== undefined; k = todo.shift()) await one(k);
  });
  await Promise.all(lanes);
  return dir;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const scale = Number(arg("--scale") ?? 1);
  const file = arg("--file");
  if (file !== undefined) await writeFile(rawUltrachatDir(scale), Number(file), scale);
  else await generateUltrachatRaw(scale);
}
