import { NativeEngine } from "../engine/native";
import { normalizeUltraFeedback } from "../formats/normalize";
import type { DatasetRef } from "../types";
import { dialogueOracle, feedbackOracle, pairOracle, type Feedback, type Msg, type Pair } from "./check-oracles";
import { jsonl, sampleFile } from "./fixtures";
import { loadFiles, loadRecords } from "./native-load";

export const SFT = [0, 1].map((i) => sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
export const PAIRS = sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet");
export const UF = ["sharegpt", "false_qa", "truthful_qa"].map((s) => sampleFile(`ultrafeedback/${s}.jsonl`));
export const RAW = sampleFile("ultrachat/train_0.jsonl");

/** The raw UltraFeedback sample's rows, as the oracles read them. */
export const feedbackRows = () =>
  UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);

export interface CheckSamples {
  /** The four bundled samples, loaded, by layout. */
  datasets: Record<string, DatasetRef>;
  /** The rows each check flags, by the oracle: layout → check → row numbers. */
  expected: Record<string, Record<string, number[]>>;
  /** Each dataset's prompts, by row: what its duplicate check compares. */
  prompts: Record<string, string[]>;
}

/** Loads the bundled sample of each layout into native DuckDB, with what the plain rules say of each. */
export async function loadCheckSamples(engine: NativeEngine): Promise<CheckSamples> {
  const out: CheckSamples = { datasets: {}, expected: {}, prompts: {} };
  const ufRows = feedbackRows();
  out.datasets.ultrafeedback = await loadRecords(engine, "uf", "ultrafeedback", ufRows as never, 25);
  out.expected.ultrafeedback = feedbackOracle(ufRows);
  out.prompts.ultrafeedback = ufRows.map((r) => r.instruction);

  out.datasets.ultrafeedback_binarized = await loadFiles(engine, "pairs", "ultrafeedback_binarized", [PAIRS]);
  const pairs = (await engine.rows(`SELECT * FROM read_parquet('${PAIRS}')`)) as unknown as Pair[];
  out.expected.ultrafeedback_binarized = pairOracle(pairs);
  out.prompts.ultrafeedback_binarized = pairs.map((p) => p.prompt);

  out.datasets.ultrachat_200k = await loadFiles(engine, "sft", "ultrachat_200k", SFT);
  const sft = (await engine.rows(`SELECT messages FROM read_parquet(['${SFT.join("', '")}'])`)) as {
    messages: Msg[];
  }[];
  out.expected.ultrachat_200k = dialogueOracle(sft.map((r) => r.messages));
  out.prompts.ultrachat_200k = sft.map((r) => r.messages.find((m) => m.role === "user")?.content ?? "");

  const raw = jsonl(RAW) as { data: string[] }[];
  out.datasets.ultrachat_raw = await loadRecords(engine, "raw", "ultrachat_raw", raw, 30);
  out.prompts.ultrachat_raw = raw.map((r) => r.data[0] ?? "");
  out.expected.ultrachat_raw = dialogueOracle(
    raw.map((r) => r.data.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content }))),
  );
  return out;
}
