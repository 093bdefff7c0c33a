import type { Engine } from "../engine/types";
import { ASPECTS, type Aspect } from "../formats/ratings";
import { facetQuery, matchCountQuery, modelSummaryQuery, rawRowsForPromptQuery, type Facet } from "../sql/feedback";
import type { DatasetRef, ListState } from "../sql/list";
import { toRecord, type RecordData } from "./record";

export interface ModelSummaryRow {
  model: string;
  completions: number;
  prompts: number;
  means: Record<Aspect, number | null>;
  na: number;
  overall: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function fetchModelSummary(
  engine: Engine,
  ds: DatasetRef,
  state: ListState,
  matching: boolean,
): Promise<ModelSummaryRow[]> {
  const q = modelSummaryQuery(ds, state, matching);
  const rows = await engine.query(q.sql, q.params);
  return rows.map((r) => ({
    model: r.model === null || r.model === undefined ? "(no model)" : String(r.model),
    completions: Number(r.completions),
    prompts: Number(r.prompts),
    means: Object.fromEntries(ASPECTS.map((a) => [a, num(r[`mean_${a}`])])) as Record<Aspect, number | null>,
    na: Number(r.na ?? 0),
    overall: num(r.mean_overall),
  }));
}

export interface FacetValue {
  value: string;
  n: number;
}

export async function fetchFacet(engine: Engine, ds: DatasetRef, facet: Facet): Promise<FacetValue[]> {
  const q = facetQuery(ds, facet);
  return (await engine.query(q.sql, q.params)).map((r) => ({ value: String(r.value), n: Number(r.n) }));
}

export async function fetchMatchCount(engine: Engine, pairs: DatasetRef, raw: DatasetRef): Promise<number> {
  const q = matchCountQuery(pairs, raw);
  const [r] = await engine.query(q.sql, q.params);
  return Number(r?.n ?? 0);
}

export type Feedback = Extract<RecordData, { kind: "feedback" }>;

export interface RawMatch {
  record: Feedback;
  /** How many raw rows carry this prompt (instructions repeat). */
  rows: number;
  /** Index of the completion whose response is the chosen / rejected answer, or null when none is. */
  chosen: number | null;
  rejected: number | null;
}

/** The raw UltraFeedback row behind a binarized pair, with the two picked completions found by their text. */
export async function fetchRawMatch(
  engine: Engine,
  raw: DatasetRef,
  pair: Extract<RecordData, { kind: "pair" }>,
): Promise<RawMatch | null> {
  const q = rawRowsForPromptQuery(raw, pair.prompt);
  const rows = await engine.query(q.sql, q.params);
  const first = rows[0];
  if (!first) return null;
  const record = toRecord(raw, first) as Feedback;
  const lastAnswer = (messages: { role: string; content: string }[]) =>
    [...messages].reverse().find((m) => m.role === "assistant")?.content ?? null;
  const find = (text: string | null, skip: number | null) => {
    if (text === null) return null;
    const i = record.completions.findIndex((c, idx) => idx !== skip && c.response === text);
    return i === -1 ? null : i;
  };
  const chosen = find(lastAnswer(pair.chosen), null);
  // When both answers have the same text, the rejected one is another completion with that text.
  const rejected = find(lastAnswer(pair.rejected), chosen) ?? find(lastAnswer(pair.rejected), null);
  return { record, rows: rows.length, chosen, rejected };
}
