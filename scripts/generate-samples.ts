/**
 * Writes the bundled sample shards (public/samples) and the e2e fixtures (e2e/fixtures) in the
 * published layouts, from a fixed seed, so every run produces the same bytes.
 */
import { join } from "node:path";
import { Field, Utf8 } from "apache-arrow";
import { fetchListPage } from "../lib/data/list";
import { fetchRecord } from "../lib/data/record";
import { NativeEngine } from "../lib/engine/native";
import { layoutFields } from "../lib/layouts/registry";
import { appendStaged } from "../lib/ingest/append";
import type { SampleDataset } from "../lib/datasets/samples";
import { binarize, plantedDialogues, plantedFeedback, plantedPairs } from "./lib/planted";
import { dialogue, oddDialogues, sha256, ufRow, type Msg } from "./lib/records";
import { seeded } from "./lib/synthetic-text";
import { writeJsonl, writeParquetFile, writeText } from "./lib/write";
import { writeHostileFixtures } from "./lib/hostile";
import { translatedBinarized, translatedChats, translatedFeedback } from "./lib/translations";

const root = join(import.meta.dirname, "..");
const pub = (p: string) => join(root, "public", "samples", p);
const fixture = (p: string) => join(root, "e2e", "fixtures", p);
const r = seeded(20231229);

export const KNOWN_EN_PROMPT = "How do tide pools keep their creatures alive through winter storms?";
export const KNOWN_JA_PROMPT = "潮だまりの生き物は冬の嵐をどうやって生き延びるのですか？";

/** Where the odd dialogues (markup and script as text, a 24-turn one…) sit: past the first screen of rows. */
export const ODD_AT = 30;

function chats(count: number): Msg[][] {
  const known = [dialogue(r, 4, false, KNOWN_EN_PROMPT), dialogue(r, 6, true, KNOWN_JA_PROMPT)];
  const odd = oddDialogues(r);
  const ordinary: Msg[][] = [];
  while (known.length + odd.length + ordinary.length < count)
    ordinary.push(dialogue(r, 2 * (1 + Math.floor(r() * 4)), r() < 0.3));
  // drawn in this order (the text stays what it was), shown with ordinary rows first
  const before = ODD_AT - known.length;
  return [...known, ...ordinary.slice(0, before), ...odd, ...ordinary.slice(before)];
}

// Every check of the report has known cases, appended after the generated rows.
const planted = plantedDialogues(KNOWN_EN_PROMPT, KNOWN_JA_PROMPT);

// ultrachat_200k, test_sft, as two Parquet shards of one split
const sft = [...chats(75), ...planted].map((messages) => {
  const prompt = messages[0]?.content ?? "";
  return { prompt, prompt_id: sha256(prompt), messages };
});
const chatFields = layoutFields("ultrachat_200k");
writeParquetFile(pub("ultrachat_200k/test_sft-00000-of-00002.parquet"), chatFields, sft.slice(0, 40));
writeParquetFile(pub("ultrachat_200k/test_sft-00001-of-00002.parquet"), chatFields, sft.slice(40));

// UltraChat raw: JSON Lines, roles only by position
const raw = [...chats(60), ...planted].map((messages, i) => ({ id: String(i), data: messages.map((m) => m.content) }));
writeJsonl(pub("ultrachat/train_0.jsonl"), raw);

// UltraFeedback raw: one file per source, released layout; one prompt has only three completions
const sharegptRows = Array.from({ length: 30 }, (_, i) => ufRow(r, "sharegpt", i === 3 ? 3 : 4, { ja: i % 5 === 1 }));
const falseQa = Array.from({ length: 14 }, () => ufRow(r, "false_qa", 4, {}));
const plantedUf = plantedFeedback(sharegptRows[0]!.instruction as string);
const sharegpt = [...sharegptRows, ...plantedUf.sharegpt];
writeJsonl(pub("ultrafeedback/sharegpt.jsonl"), sharegpt);
writeJsonl(pub("ultrafeedback/false_qa.jsonl"), falseQa);
writeJsonl(pub("ultrafeedback/truthful_qa.jsonl"), plantedUf.truthfulQa);

// ultrafeedback_binarized: chosen = best overall_score, rejected = another at random (ties happen);
// truthful_qa prompts are left out, as in the published splits
type Rows = Parameters<typeof binarize>[0];
const binarized = [
  ...binarize([...sharegptRows, ...falseQa] as unknown as Rows, r),
  ...plantedPairs(plantedUf.sharegpt),
];
writeParquetFile(
  pub("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"),
  layoutFields("ultrafeedback_binarized"),
  binarized,
);

// Japanese translations of the raw samples (same ids; the UltraChat one holds only the assistant's
// turns) and an earlier version of the binarized sample, each with planted flaws of every kind.
const chatJa = translatedChats(raw);
writeJsonl(pub("ultrachat_ja/train_0.jsonl"), chatJa.rows);
const ufJa = translatedFeedback({ sharegpt, false_qa: falseQa, truthful_qa: plantedUf.truthfulQa });
for (const [source, rows] of Object.entries(ufJa.files)) writeJsonl(pub(`ultrafeedback_ja/${source}.jsonl`), rows);
const earlier = translatedBinarized(binarized as unknown as Record<string, unknown>[]);
writeParquetFile(
  pub("ultrafeedback_binarized/test_prefs-00000-of-00001-17309c769bfe5733.parquet"),
  layoutFields("ultrafeedback_binarized"),
  earlier.rows,
);
writeText(
  fixture("pairs-planted.json"),
  JSON.stringify({ ultrachat: chatJa.planted, ultrafeedback: ufJa.planted, binarized: earlier.planted }, null, 2) +
    "\n",
);

const samples: SampleDataset[] = [
  {
    id: "ultrachat_200k-test_sft",
    label: "UltraChat 200k · test_sft",
    layout: "ultrachat_200k",
    files: ["ultrachat_200k/test_sft-00000-of-00002.parquet", "ultrachat_200k/test_sft-00001-of-00002.parquet"],
    rows: sft.length,
  },
  {
    id: "ultrachat-train_0",
    label: "UltraChat raw · train_0",
    layout: "ultrachat_raw",
    files: ["ultrachat/train_0.jsonl"],
    rows: raw.length,
  },
  {
    id: "ultrafeedback",
    label: "UltraFeedback · sharegpt + false_qa + truthful_qa",
    layout: "ultrafeedback",
    files: ["ultrafeedback/sharegpt.jsonl", "ultrafeedback/false_qa.jsonl", "ultrafeedback/truthful_qa.jsonl"],
    rows: sharegpt.length + falseQa.length + plantedUf.truthfulQa.length,
  },
  {
    id: "ultrafeedback_binarized-test_prefs",
    label: "UltraFeedback binarized · test_prefs",
    layout: "ultrafeedback_binarized",
    files: ["ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"],
    rows: binarized.length,
  },
  {
    id: "ultrachat-train_0-ja",
    label: "UltraChat raw · train_0 · 日本語訳 (assistant turns)",
    layout: "ultrachat_raw",
    files: ["ultrachat_ja/train_0.jsonl"],
    rows: chatJa.rows.length,
    partnerOf: "ultrachat-train_0",
  },
  {
    id: "ultrafeedback-ja",
    label: "UltraFeedback · 日本語訳",
    layout: "ultrafeedback",
    files: ["ultrafeedback_ja/sharegpt.jsonl", "ultrafeedback_ja/false_qa.jsonl", "ultrafeedback_ja/truthful_qa.jsonl"],
    rows: Object.values(ufJa.files).reduce((n, rows) => n + rows.length, 0),
    partnerOf: "ultrafeedback",
  },
  {
    id: "ultrafeedback_binarized-test_prefs-2023",
    label: "UltraFeedback binarized · test_prefs · earlier version",
    layout: "ultrafeedback_binarized",
    files: ["ultrafeedback_binarized/test_prefs-00000-of-00001-17309c769bfe5733.parquet"],
    rows: earlier.rows.length,
    partnerOf: "ultrafeedback_binarized-test_prefs",
  },
];
writeText(join(root, "lib", "datasets", "sample-manifest.json"), JSON.stringify(samples, null, 2) + "\n");

// e2e fixtures: the legacy layout, and one file for each way a load can fail
const legacy = Array.from({ length: 6 }, (_, i) => ufRow(r, "evol_instruct", 4, { legacy: true, id: `SYN${i}_0` }));
writeJsonl(fixture("ultrafeedback-legacy.jsonl"), legacy);
const good = JSON.stringify({ id: "1", data: ["Hello there.", "Hello! How can I help?"] });
writeText(fixture("broken.jsonl"), [good, good, good, '{"id": "4", "data": ["unterminated]', good].join("\n") + "\n");
writeText(fixture("not-parquet.parquet"), "this file is plain text, not Parquet\n");
writeText(fixture("empty.jsonl"), "");
writeParquetFile(fixture("zero-rows.parquet"), chatFields, []);
writeJsonl(fixture("missing-columns.jsonl"), [{ prompt: "Pick one.", chosen: [{ content: "A", role: "assistant" }] }]);
writeJsonl(fixture("generic.jsonl"), [
  { question: "What colour is the sky at noon?", answer: "Blue, on a clear day.", score: 4, tags: ["sky"] },
  { question: "How many legs does a spider have?", answer: "Eight.", score: 5, tags: ["animals"] },
  { question: 'Quote test: it\'s "fine" \\ ok', answer: "50% done_now", score: 2.5, tags: [] },
]);
// Hostile files: names the engine reserves or cannot hold, a `rowid` of the data's own, columns that
// change after the first batch, and a known layout whose columns have the wrong shape.
writeJsonl(fixture("empty-column-name.jsonl"), [
  { "": "empty-named one", a: 1 },
  { "": "empty-named two", a: 2 },
  { "": "empty-named three", a: 3 },
]);
writeJsonl(fixture("rowid-column.jsonl"), [
  { rowid: 50, name: "fifty" },
  { rowid: 49, name: "forty-nine" },
  { rowid: 0, name: "zero" },
  { rowid: 0, name: "zero again" },
]);
writeJsonl(fixture("rowid-text.jsonl"), [
  { rowid: "first", value: 1 },
  { rowid: "second", value: 2 },
  { rowid: "third", value: 3 },
]);
writeJsonl(fixture("internal-names.jsonl"), [
  { __row: "r-one", __preview: "p-one", __text: "t-one", __turns: 7, __x: "x-one", q: "plain one" },
  { __row: "r-two", __preview: "p-two", __text: "t-two", __turns: 8, __x: "x-two", q: "plain two" },
]);
writeJsonl(fixture("late-columns.jsonl"), [
  ...Array.from({ length: 2000 }, (_, i) => ({ n: i + 1 })),
  { n: "abc", extra: "late column" },
  { n: 7.5, extra: "another late value" },
]);
writeParquetFile(
  fixture("wrong-completions.parquet"),
  [new Field("instruction", new Utf8(), true), new Field("completions", new Utf8(), true)],
  [{ instruction: "Say hi.", completions: "not a list of completions" }],
);

await writeHostileFixtures(fixture, r);

// The first page of the default sample, as the database lists it, so the page can show it while the
// database starts: the same derive step and list SQL, run here by native DuckDB over the written shards.
const engine = await NativeEngine.open();
const first = samples[0]!;
const shardList = first.files.map((f) => `'${pub(f)}'`).join(", ");
await engine.query(`CREATE TABLE first_staging AS SELECT * FROM read_parquet([${shardList}])`);
const firstDs = { table: "first", layout: first.layout, columns: ["prompt", "prompt_id", "messages"] };
await appendStaged(engine, firstDs, "first_staging", 0);
const firstPage = {
  id: first.id,
  rows: await fetchListPage(engine, firstDs, { search: "", sort: null }, 0, 100),
  record: await fetchRecord(engine, firstDs, 0),
};
writeText(join(root, "lib", "datasets", "first-page.json"), JSON.stringify(firstPage) + "\n");

console.log(`samples: ${samples.map((s) => `${s.id} (${s.rows} rows)`).join(", ")}`);
