import type { NativeEngine } from "../../lib/engine/native";
import { DerivedTables } from "../../lib/datasets/derived";
import type { Connector, Query } from "../../lib/engine/types";
import { keepHits, keptHits } from "../../lib/sql/hits";
import { ident } from "../../lib/sql/ident";
import { parseClauses } from "../../lib/filters/url";
import { modelSummaryQuery } from "../../lib/sql/feedback";
import { countQuery, listQuery, recordQuery } from "../../lib/sql/list";
import type { DatasetRef, ListState } from "../../lib/types";
import type { ShardSet } from "./servers";

export interface BenchQuery {
  name: string;
  steps: Query[];
  /** Timed statement by statement (record openings), not as one run. */
  perStep?: boolean;
}

/** The list state a link would give: `state("honesty=..2&scope=all", "tide", sort)`. */
const state = (link = "", search = "", sort: ListState["sort"] = null): ListState => ({
  search,
  sort,
  clauses: parseClauses(new URLSearchParams(link)),
});

/**
 * A search as the page runs it: the matching rows read once into a table kept for the search (see
 * `keepHits`), then the count and the first page read from it; the table is dropped first, so each run
 * reads the text again.
 */
export async function searchSteps(ds: DatasetRef, needle: string): Promise<Query[]> {
  const made: Query[] = [];
  const kept = { ...ds, derived: new DerivedTables("bench") };
  // The statement keepHits runs, written down here and run by the benchmark in the page or on native.
  const writeDown: Connector = {
    query: async (sql, params = []) => {
      made.push({ sql, params: [...params] });
      return { columns: [], rows: [] };
    },
  };
  await keepHits(writeDown, kept, needle);
  const table = keptHits(kept, needle);
  if (!table) throw new Error(`the search for ${needle} was not kept`);
  const s = state("", needle);
  return [
    { sql: `DROP TABLE IF EXISTS ${ident(table)}`, params: [] },
    ...made,
    countQuery(kept, s),
    listQuery(kept, s, 0, 100),
  ];
}

/** Each benchmark query: what the page runs for it (count and first page, or the one statement). */
export async function queriesFor(set: ShardSet, ds: DatasetRef, needles: { en: string; ja: string }, rows: number) {
  const page = (s: ListState): Query[] => [countQuery(ds, s), listQuery(ds, s, 0, 100)];
  const randomRows = Array.from({ length: 20 }, (_, i) => Math.floor(((i * 7919) % 1000) * (rows / 1000)));
  const open = randomRows.map((r) => recordQuery(ds, r));
  const out: BenchQuery[] = [];
  if (set.layout === "ultrafeedback") {
    out.push(
      { name: "rating filter, any completion", steps: page(state("honesty=..2")) },
      { name: "rating filter, all completions", steps: page(state("helpfulness=4..&scope=all")) },
      { name: "rating filter, one model", steps: page(state("helpfulness=4..&scope=model:gpt-4")) },
      {
        name: "sort by mean honesty",
        steps: [listQuery(ds, state("", "", { column: "__mean_honesty", desc: true }), 0, 100)],
      },
      { name: "per-model summary", steps: [modelSummaryQuery(ds, state(), false)] },
      { name: "count", steps: [countQuery(ds, state())] },
    );
  } else if (set.layout === "ultrafeedback_binarized") {
    out.push(
      { name: "sort by margin", steps: [listQuery(ds, state("", "", { column: "__margin", desc: true }), 0, 100)] },
      { name: "ties only", steps: page(state("ties=only")) },
    );
  } else {
    out.push(
      { name: `search, English (“${needles.en}”)`, steps: await searchSteps(ds, needles.en) },
      { name: `search, Japanese (“${needles.ja}”)`, steps: await searchSteps(ds, needles.ja) },
      { name: "sort by length", steps: [listQuery(ds, state("", "", { column: "__chars", desc: true }), 0, 100)] },
      { name: "a page deep in the list", steps: [listQuery(ds, state(), Math.floor(rows * 0.9), 100)] },
    );
  }
  out.push({ name: "open a record", steps: open, perStep: true });
  return out;
}

/** An English word and a Japanese word that occur in the data, taken from fixed rows. */
export async function pickNeedles(native: NativeEngine, ds: DatasetRef): Promise<{ en: string; ja: string }> {
  if (ds.layout !== "ultrachat_200k") return { en: "", ja: "" };
  const [r] = await native.rows(
    `SELECT split_part(messages[2].content, ' ', 6) AS w FROM ${ds.table} WHERE __row = 10`,
  );
  return { en: String(r?.w ?? "the").replace(/[^\p{L}]/gu, "") || "the", ja: "氷河" };
}
