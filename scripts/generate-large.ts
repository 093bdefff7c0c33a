/**
 * Writes a large ultrachat_200k-shaped Parquet shard into bench-data/ (git-ignored) for trying the
 * explorer at real row counts: tsx scripts/generate-large.ts [rows=207865] [out=bench-data/train_sft-large.parquet]
 */
import { join } from "node:path";
import { layoutFields } from "../lib/formats/arrow-schema";
import { dialogue, sha256 } from "./lib/records";
import { seeded } from "./lib/synthetic-text";
import { writeParquetFile } from "./lib/write";

const rows = Number(process.argv[2] ?? 207_865);
const out = process.argv[3] ?? join(import.meta.dirname, "..", "bench-data", "train_sft-large.parquet");
const r = seeded(7);
const records = Array.from({ length: rows }, () => {
  const messages = dialogue(r, 2 * (1 + Math.floor(r() * 4)), r() < 0.2);
  const prompt = messages[0]!.content;
  return { prompt, prompt_id: sha256(prompt), messages };
});
writeParquetFile(out, layoutFields("ultrachat_200k"), records, 10_000);
console.log(`${rows} rows → ${out}`);
