import type { NativeEngine } from "../../lib/engine/native";
import type { Query } from "../../lib/engine/types";
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

/** Each benchmark query: what the page runs for it (count and first page, or the one statement). */
export function queriesFor(set: ShardSet, ds: DatasetRef, needles: { en: string; ja: string }, rows: number) {
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
      { name: `search, English (“${needles.en}”)`, steps: page(state("", needles.en)) },
      { name: `search, Japanese (“${needles.ja}”)`, steps: page(state("", needles.ja)) },
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
