import type { Connector } from "../engine/types";
import type { FacetValue } from "../filters/field";
import { fieldFor } from "../filters/where";
import type { FeedbackRecord, PairRecord } from "../formats/canonical";
import { ASPECTS, type Aspect } from "../formats/ratings";
import { matchCountQuery, modelSummaryQuery, rawRowsForPromptQuery } from "../sql/feedback";
import type { DatasetRef, ListState } from "../types";
import { toRecord } from "./record";

export interface ModelSummaryRow {
  model: string;
  completions: number;
  prompts: number;
  means: Record<Aspect, number | null>;
  /** How many ratings each mean stands on (N/A and off-scale ones left out). */
  rated: Record<Aspect, number>;
  na: number;
  /** Ratings written as numbers off the 1–5 scale. */
  oos: number;
  overall: number | null;
  /** How many overall_scores the overall mean stands on. */
  overallRated: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function fetchModelSummary(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  matching: boolean,
): Promise<ModelSummaryRow[]> {
  const q = modelSummaryQuery(ds, state, matching);
  const { rows } = await db.query(q.sql, q.params);
  return rows.map((r) => ({
    model: r.model === null || r.model === undefined ? "(no model)" : String(r.model),
    completions: Number(r.completions),
    prompts: Number(r.prompts),
    means: Object.fromEntries(ASPECTS.map((a) => [a, num(r[`mean_${a}`])])) as Record<Aspect, number | null>,
    rated: Object.fromEntries(ASPECTS.map((a) => [a, Number(r[`rated_${a}`] ?? 0)])) as Record<Aspect, number>,
    na: Number(r.na ?? 0),
    oos: Number(r.oos ?? 0),
    overall: num(r.mean_overall),
    overallRated: Number(r.rated_overall ?? 0),
  }));
}

export type { FacetValue };

/** The values a field's clause can take over the whole dataset, with how many rows have each. */
export async function fetchFacet(db: Connector, ds: DatasetRef, field: string): Promise<FacetValue[]> {
  const q = fieldFor(ds, field)?.facet?.(ds);
  if (!q) return [];
  return (await db.query(q.sql, q.params)).rows.map((r) => ({ value: String(r.value), n: Number(r.n) }));
}

export async function fetchMatchCount(db: Connector, pairs: DatasetRef, raw: DatasetRef): Promise<number> {
  const q = matchCountQuery(pairs, raw);
  const [r] = (await db.query(q.sql, q.params)).rows;
  return Number(r?.n ?? 0);
}

export type Feedback = FeedbackRecord;

export interface RawMatch {
  record: Feedback;
  /** How many raw rows carry this prompt (instructions repeat). */
  rows: number;
  /** Index of the completion whose response is the chosen / rejected answer, or null when none is. */
  chosen: number | null;
  rejected: number | null;
}

/** The raw UltraFeedback row behind a binarized pair, with the two picked completions found by their text. */
export async function fetchRawMatch(db: Connector, raw: DatasetRef, pair: PairRecord): Promise<RawMatch | null> {
  const q = rawRowsForPromptQuery(raw, pair.prompt);
  const { rows } = await db.query(q.sql, q.params);
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
