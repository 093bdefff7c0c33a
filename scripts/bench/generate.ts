/**
 * Writes benchmark shards of the real layouts, row counts and sizes (../shared/DATA-FORMATS.md) into
 * bench-data/ (git-ignored), from fixed seeds; existing files are kept. `--scale 0.01` writes
 * proportionally smaller versions (for CI), into bench-data/scale-0.01/.
 *   tsx scripts/bench/generate.ts [--scale 1] [--only ultrachat_200k,ultrafeedback,binarized]
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { Table as ArrowTable, tableFromIPC, tableToIPC } from "apache-arrow";
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm";
import { recordsToIPC } from "../../lib/formats/arrow-schema";
import { layoutFields } from "../../lib/layouts/registry";
import { NativeEngine } from "../../lib/engine/native";
import { MODELS, sha256 } from "../lib/records";
import { pick, seeded, type Rand } from "../lib/synthetic-text";
import { writeText } from "../lib/write";
import { BenchText } from "./text";
import { arg } from "../lib/cli";
import { CODE_BLOCK_RE, lit } from "../../lib/pairs/rules";
import { readerSql } from "../../lib/ingest/sql-stage";

export const BENCH_ROOT = join(import.meta.dirname, "..", "..", "bench-data");

/** Real row counts, and the text sizes that give the real file sizes. */
export const SHAPES = {
  ultrachat_200k: {
    test_sft: { rows: 23_110, shards: 1 },
    train_sft: { rows: 207_865, shards: 3 },
  },
  ultrafeedback: {
    // rows per source file; mean response length sets the file size (~950 MB in all)
    evol_instruct: { rows: 10_000, response: 2_200 },
    false_qa: { rows: 2_339, response: 700 },
    flan: { rows: 20_939, response: 780 },
    sharegpt: { rows: 19_949, response: 2_000 },
    truthful_qa: { rows: 811, response: 1_000 },
    ultrachat: { rows: 9_929, response: 2_750 },
  },
  binarized: { train_prefs: { rows: 61_135 }, test_prefs: { rows: 2_000 } },
} as const;

export function benchDir(scale: number): string {
  return scale === 1 ? BENCH_ROOT : join(BENCH_ROOT, `scale-${scale}`);
}

const count = (rows: number, scale: number) => Math.max(8, Math.round(rows * scale));
const JA_SHARE = 0.01;

function chatTurns(t: BenchText, r: Rand) {
  const exchanges = 1 + Math.min(9, Math.floor(-Math.log(1 - r() * 0.999) * 2.3));
  const ja = r() < JA_SHARE;
  const messages: { content: string; role: string }[] = [];
  for (let i = 0; i < exchanges; i++) {
    messages.push({ content: t.text(t.length(370, 30), ja ? 1 : 0), role: "user" });
    messages.push({ content: t.text(t.length(1_320, 80), ja ? 1 : 0), role: "assistant" });
  }
  return messages;
}

/** Writes Parquet in row groups of `group` rows without holding more than one group's records at once. */
function writeParquetGroups(
  path: string,
  layout: "ultrachat_200k" | "ultrafeedback_binarized",
  rows: number,
  group: number,
  make: () => Record<string, unknown>,
) {
  const fields = layoutFields(layout);
  const batches = [];
  for (let done = 0; done < rows; done += group) {
    const records = Array.from({ length: Math.min(group, rows - done) }, make);
    batches.push(...tableFromIPC(recordsToIPC(fields, records)).batches);
  }
  const table = new ArrowTable(batches);
  const wasm = WasmTable.fromIPCStream(tableToIPC(table, "stream"));
  const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(group).build();
  writeText(path + ".part", writeParquet(wasm, props));
  renameSync(path + ".part", path);
}

function ultrachat(dir: string, scale: number) {
  const seedBase = 200_000;
  for (const [split, shape] of Object.entries(SHAPES.ultrachat_200k)) {
    const total = count(shape.rows, scale);
    for (let s = 0; s < shape.shards; s++) {
      const path = join(
        dir,
        "ultrachat_200k",
        `${split}-${String(s).padStart(5, "0")}-of-${String(shape.shards).padStart(5, "0")}.parquet`,
      );
      if (existsSync(path)) continue;
      const r = seeded(seedBase + s + (split === "test_sft" ? 100 : 0));
      const t = new BenchText(r);
      const rows = Math.floor(total / shape.shards) + (s < total % shape.shards ? 1 : 0);
      writeParquetGroups(path, "ultrachat_200k", rows, 1_000, () => {
        const messages = chatTurns(t, r);
        return { prompt: messages[0]!.content, prompt_id: sha256(messages[0]!.content), messages };
      });
      console.log(`${path} ${rows} rows ${(statSync(path).size / 1e6).toFixed(0)} MB`);
    }
  }
}

const PRINCIPLES = ["helpfulness", "honesty", "truthfulness", "verbalized_calibration"];
/** Ratings skew high, as GPT-4's do; honesty is N/A about 5 % of the time, "0" is rare. */
function rating(r: Rand, na: number): string {
  const x = r();
  if (x < na) return "N/A";
  if (x < na + 0.002) return "0";
  const y = r();
  return y < 0.06 ? "1" : y < 0.16 ? "2" : y < 0.36 ? "3" : y < 0.7 ? "4" : "5";
}

function feedbackRow(t: BenchText, r: Rand, source: string, response: number) {
  const instruction = t.text(t.length(480, 30), JA_SHARE);
  const n = r() < 0.003 ? 3 : 4;
  const pool = [...MODELS];
  const models = Array.from({ length: 4 }, () => pool.splice(Math.floor(r() * pool.length), 1)[0]!);
  const completions = models.slice(0, n).map((model) => {
    const principle = pick(r, PRINCIPLES);
    const ratings = [rating(r, 0.005), rating(r, 0.05), rating(r, 0.005), rating(r, 0.005)];
    const numbers = ratings.map(Number).filter((x) => Number.isFinite(x));
    const fine = numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
    const drift = (r() + r() + r() - 1.5) * 3;
    const bug = r() < 0.01;
    const overall = bug ? 10 : Math.min(10, Math.max(1, Math.round((fine ?? 3) * 2 + drift)));
    const aspect = (i: number) => ({ Rating: ratings[i]!, Rationale: t.prose(t.length(110, 30)) });
    const typed = (i: number) => ({
      Type: r() < 0.6 ? ["0"] : ["1", "2", "3"].slice(0, 1 + Math.floor(r() * 3)),
      Rationale: t.prose(t.length(70, 20)),
      Rating: ratings[i]!,
      "Rationale For Rating": t.prose(t.length(100, 20)),
    });
    return {
      model,
      principle,
      custom_system_prompt: t.prose(t.length(100, 20)),
      response: t.text(t.length(response, 40), JA_SHARE),
      annotations: {
        instruction_following: aspect(0),
        honesty: aspect(1),
        truthfulness: typed(2),
        helpfulness: typed(3),
      },
      critique: t.prose(t.length(220, 30)),
      overall_score: overall,
      "fine-grained_score": fine,
    };
  });
  return { source, instruction, models, correct_answers: ["None"], incorrect_answers: ["None"], completions };
}

async function ultrafeedback(dir: string, scale: number) {
  let seed = 300_000;
  for (const [source, shape] of Object.entries(SHAPES.ultrafeedback)) {
    const path = join(dir, "ultrafeedback", `${source}.jsonl`);
    seed++;
    if (existsSync(path)) continue;
    mkdirSync(join(dir, "ultrafeedback"), { recursive: true });
    const r = seeded(seed);
    const t = new BenchText(r);
    const out = createWriteStream(path + ".part");
    const rows = count(shape.rows, scale);
    for (let i = 0; i < rows; i++) {
      const line = JSON.stringify(feedbackRow(t, r, source, shape.response)) + "\n";
      if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    renameSync(path + ".part", path);
    console.log(`${path} ${rows} rows ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  }
}

/** Where the stand-in Hub serves UltraFeedback's Parquet conversion from (see `ultrafeedbackConversion`). */
export const conversionDir = (dir: string) => join(dir, "ultrafeedback-conversion", "default", "train");

/**
 * UltraFeedback's six files as the Hub's Parquet conversion holds them: every row, in the order of the
 * files' names, typed as the layout's columns, in two files of row groups of 1,000 rows.
 */
async function ultrafeedbackConversion(dir: string) {
  const out = conversionDir(dir);
  const parts = [0, 1].map((i) => join(out, `000${i}.parquet`));
  if (parts.every((p) => existsSync(p))) return;
  mkdirSync(out, { recursive: true });
  const files = Object.keys(SHAPES.ultrafeedback)
    .sort()
    .map((s) => join(dir, "ultrafeedback", `${s}.jsonl`));
  const db = await NativeEngine.open();
  try {
    await db.query(`CREATE TABLE t AS SELECT row_number() OVER () AS n, * FROM ${readerSql(files, "ultrafeedback")}`);
    const total = Number((await db.rows("SELECT count(*) AS n FROM t"))[0]!.n);
    const half = Math.ceil(total / 2);
    for (const [i, part] of parts.entries()) {
      const where = i === 0 ? `n <= ${half}` : `n > ${half}`;
      await db.query(
        `COPY (SELECT * EXCLUDE n FROM t WHERE ${where} ORDER BY n) TO '${part}.part' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
      );
      renameSync(`${part}.part`, part);
      console.log(`${part} ${(statSync(part).size / 1e6).toFixed(0)} MB`);
    }
  } finally {
    db.close();
  }
}

function binarized(dir: string, scale: number) {
  const path = join(dir, "ultrafeedback_binarized", "train_prefs-00000-of-00001.parquet");
  if (existsSync(path)) return;
  const r = seeded(400_000);
  const t = new BenchText(r);
  const rows = count(SHAPES.binarized.train_prefs.rows, scale);
  writeParquetGroups(path, "ultrafeedback_binarized", rows, 1_000, () =>
    pairRow(t, r, t.text(t.length(560, 30), JA_SHARE)),
  );
  console.log(`${path} ${rows} rows ${(statSync(path).size / 1e6).toFixed(0)} MB`);
}

function pairRow(t: BenchText, r: Rand, prompt: string) {
  {
    const answer = () => t.text(t.length(1_170, 40), JA_SHARE);
    const chosen = [
      { content: prompt, role: "user" },
      { content: answer(), role: "assistant" },
    ];
    const rejected = [
      { content: prompt, role: "user" },
      { content: answer(), role: "assistant" },
    ];
    const scoreChosen = Math.min(10, 5 + Math.round(r() * 10) / 2);
    const scoreRejected = r() < 0.15 ? scoreChosen : Math.max(1, scoreChosen - Math.round(r() * 10) / 2 - 0.5);
    return {
      prompt,
      prompt_id: sha256(prompt),
      chosen,
      rejected,
      messages: chosen,
      score_chosen: scoreChosen,
      score_rejected: scoreRejected,
    };
  }
}

/**
 * test_prefs beside train_prefs, with contamination planted for the overlap to find: every 50th prompt
 * is a train prompt again (in upper case, with its punctuation changed), and every 50th from the 25th
 * carries a passage of 30 words of a train prompt inside new text.
 */
async function testPrefs(dir: string, scale: number) {
  const path = join(dir, "ultrafeedback_binarized", "test_prefs-00000-of-00001.parquet");
  if (existsSync(path)) return;
  const train = join(dir, "ultrafeedback_binarized", "train_prefs-00000-of-00001.parquet");
  const db = await NativeEngine.open();
  const prompts = (await db.rows("SELECT prompt FROM read_parquet($1) ORDER BY prompt_id LIMIT 2000", [train])).map(
    (r) => String(r.prompt),
  );
  const r = seeded(400_100);
  const t = new BenchText(r);
  const rows = count(SHAPES.binarized.test_prefs.rows, scale);
  let i = 0;
  writeParquetGroups(path, "ultrafeedback_binarized", rows, 1_000, () => {
    const from = prompts[(i * 7) % prompts.length]!;
    const words = from.split(" ");
    const prompt =
      i % 50 === 0
        ? from.toUpperCase().replace(/[.?!]/g, ";")
        : i % 50 === 25 && words.length > 40
          ? `${t.text(60, 0)} ${words.slice(5, 35).join(" ")} ${t.text(60, 0)}`
          : t.text(t.length(560, 30), JA_SHARE);
    i++;
    return pairRow(t, r, prompt);
  });
  console.log(`${path} ${rows} rows ${(statSync(path).size / 1e6).toFixed(0)} MB`);
}

/**
 * The Japanese translation of an ultrachat_200k split the bench writes. */
export const translationOf = (dir: string, split: string) =>
  join(dir, "ultrachat_200k_ja", `${split}-00000-of-00001.parquet`);

/**
 * A Japanese translation of an ultrachat_200k split in the same layout and with the same prompt_ids, written by
 * native DuckDB from the English shards: each message becomes Japanese text of half its length that
 * keeps its numbers and code blocks. One row in 500 has a turn left in English, one in 700 an answer
 * cut short, one in 900 its last turn dropped; one in 1,000 is missing.
 */
export async function translatedSft(dir: string, split: "train_sft" | "test_sft") {
  const path = translationOf(dir, split);
  if (existsSync(path)) return;
  const shards = readdirSync(join(dir, "ultrachat_200k"))
    .filter((f) => f.startsWith(`${split}-`) && f.endsWith(".parquet"))
    .map((f) => `'${join(dir, "ultrachat_200k", f)}'`);
  mkdirSync(dirname(path), { recursive: true });
  const engine = await NativeEngine.open();
  const pick = (n: number) => `hash(prompt_id) % ${n} = 0`;
  const ja = (m: string) =>
    `repeat('記録を残すと違いがわかります。', greatest(1, length(${m}.content) // 30)) || ' ' || ` +
    `array_to_string(regexp_extract_all(${m}.content, '[0-9]+'), ' ') || ' ' || ` +
    `array_to_string(regexp_extract_all(${m}.content, ${lit(CODE_BLOCK_RE)}), chr(10))`;
  const turn = (m: string, i: string) =>
    `CASE WHEN ${pick(500)} AND ${i} = 2 THEN ${m}.content WHEN ${pick(700)} AND ${i} = 2 THEN 'はい。' ELSE ${ja(m)} END`;
  await engine.query(
    `COPY (SELECT prompt, prompt_id, list_transform(CASE WHEN ${pick(900)} AND len(messages) > 2 THEN messages[:-2] ELSE messages END, ` +
      `(m, i) -> {'content': ${turn("m", "i")}, 'role': m.role}) AS messages ` +
      `FROM read_parquet([${shards.join(", ")}]) WHERE NOT ${pick(1000)}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
  );
  console.log(`${path} ${(statSync(path).size / 1e6).toFixed(0)} MB`);
}

export async function generateBench(scale: number, only?: string[]): Promise<string> {
  const dir = benchDir(scale);
  const want = (k: string) => !only || only.includes(k);
  if (want("ultrachat_200k")) ultrachat(dir, scale);
  if (want("ultrachat_200k")) for (const split of ["test_sft", "train_sft"] as const) await translatedSft(dir, split);
  if (want("ultrafeedback")) {
    await ultrafeedback(dir, scale);
    await ultrafeedbackConversion(dir);
  }
  if (want("binarized")) {
    binarized(dir, scale);
    await testPrefs(dir, scale);
  }
  return dir;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const scale = Number(arg("--scale") ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
  await generateBench(scale, arg("--only")?.split(","));
}
