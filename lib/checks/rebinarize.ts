import type { Connector } from "../engine/types";
import { ASPECTS, ASPECT_LABEL, type Aspect } from "../formats/ratings";
import { aspectRating, ratingNumber } from "../layouts/ultrafeedback-sql";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef } from "../types";
import { derivedOf } from "./flags";

/**
 * Chosen/rejected pairs built again from raw UltraFeedback by a rule the user picks: what the score
 * is, what happens to ties, and how the rejected answer is drawn. The published split took the highest
 * overall_score and a random other answer; scoring by the mean of the four ratings instead changes the
 * chosen answer in many prompts.
 */
export type ScoreRule = "overall" | "mean" | Aspect;

export interface Rule {
  score: ScoreRule;
  /** Pairs whose two scores are equal: kept, or left out. */
  ties: "keep" | "drop";
  /** The rejected answer: the lowest scored, or a random other one (reproducible from the seed). */
  rejected: "lowest" | "random";
  seed: number;
}

export const DEFAULT_RULE: Rule = { score: "mean", ties: "keep", rejected: "random", seed: 42 };

export const SCORE_LABEL: Record<ScoreRule, string> = {
  overall: "highest overall_score (as published)",
  mean: "highest mean of the four ratings (N/A left out)",
  ...(Object.fromEntries(ASPECTS.map((a) => [a, `highest ${ASPECT_LABEL[a].toLowerCase()} rating`])) as Record<
    Aspect,
    string
  >),
};

/** A completion's score under the rule: NULL when it has none (no overall_score, every rating N/A). */
function scoreSql(rule: ScoreRule, c: string): string {
  if (rule === "overall") return `CAST(${c}.overall_score AS DOUBLE)`;
  if (rule === "mean") return `list_avg([${ASPECTS.map((a) => ratingNumber(aspectRating(c, a))).join(", ")}])`;
  return ratingNumber(aspectRating(c, rule));
}

const turn = (user: string, answer: string) =>
  `[struct_pack(content := ${user}, role := 'user'), struct_pack(content := ${answer}, role := 'assistant')]`;

/**
 * The pairs, one per prompt that has at least two scored completions, with the raw row, both models
 * and both completions' positions beside the published columns. Chosen: the highest score, the first
 * such completion on a tie; rejected: the lowest (the first on a tie) or the one whose md5 of
 * `<seed>:<row>:<position>` sorts first.
 */
export function pairsSql(table: string, rule: Rule, params: Params): string {
  const scored =
    `SELECT __row, instruction, idx, c.model AS model, c.response AS response, ${scoreSql(rule.score, "c")} AS score ` +
    `FROM (SELECT __row, instruction, unnest(completions) AS c, unnest(range(1, len(completions) + 1)) AS idx FROM ${ident(table)})`;
  const ranked =
    `SELECT *, row_number() OVER (PARTITION BY __row ORDER BY score DESC, idx) AS best, ` +
    `count(*) OVER (PARTITION BY __row) AS candidates FROM (${scored}) WHERE score IS NOT NULL`;
  const order =
    rule.rejected === "lowest"
      ? "r.score ASC, r.idx"
      : `md5(concat(${params.add(String(Math.trunc(rule.seed)))}, ':', r.__row, ':', r.idx))`;
  const others =
    `SELECT r.*, row_number() OVER (PARTITION BY r.__row ORDER BY ${order}) AS pick ` +
    `FROM (${ranked}) r JOIN (SELECT __row, idx AS chosen_idx FROM (${ranked}) WHERE best = 1) ch ` +
    `ON ch.__row = r.__row WHERE r.idx <> ch.chosen_idx`;
  return (
    `SELECT ch.instruction AS prompt, sha256(ch.instruction) AS prompt_id, ` +
    `${turn("ch.instruction", "ch.response")} AS chosen, ${turn("ch.instruction", "rj.response")} AS rejected, ` +
    `${turn("ch.instruction", "ch.response")} AS messages, ch.score AS score_chosen, rj.score AS score_rejected, ` +
    `ch.__row AS raw_row, ch.model AS chosen_model, rj.model AS rejected_model, ch.idx AS chosen_idx, rj.idx AS rejected_idx ` +
    `FROM (SELECT * FROM (${ranked}) WHERE best = 1 AND candidates >= 2) ch ` +
    `JOIN (SELECT * FROM (${others}) WHERE pick = 1) rj ON rj.__row = ch.__row ` +
    `${rule.ties === "drop" ? "WHERE ch.score <> rj.score " : ""}ORDER BY ch.__row`
  );
}

/** The published columns of the binarized layout, in its order. */
export const PAIR_COLUMNS = ["prompt", "prompt_id", "chosen", "rejected", "messages", "score_chosen", "score_rejected"];

export interface Rebinarized {
  /** The table of pairs with the raw row and models beside (`pairsSql`). */
  full: string;
  /** The same pairs in the published columns only, to open as a dataset. */
  table: string;
  pairs: number;
  /** Prompts of the raw rows (each may get one pair). */
  prompts: number;
}

/** Pairs built again from a raw UltraFeedback dataset, into tables of its workspace (dropped with it). */
export async function rebinarize(db: Connector, ds: DatasetRef, rule: Rule): Promise<Rebinarized> {
  const derived = derivedOf(ds);
  const full = derived.fresh("rbfull", ds.table);
  const out = derived.fresh("rb", ds.table);
  const params = new Params();
  await db.query(`CREATE TEMP TABLE ${ident(full)} AS ${pairsSql(ds.table, rule, params)}`, params.values, {
    write: true,
  });
  await db.query(
    `CREATE TEMP TABLE ${ident(out)} AS SELECT ${PAIR_COLUMNS.map(ident).join(", ")} FROM ${ident(full)}`,
    [],
    { write: true },
  );
  const count = async (t: string) => Number((await db.query(`SELECT count(*) AS n FROM ${ident(t)}`)).rows[0]?.n ?? 0);
  return { full, table: out, pairs: await count(out), prompts: await count(ds.table) };
}

export interface Comparison {
  /** Re-binarized pairs whose prompt the published split has too. */
  matched: number;
  /** Of those, pairs whose chosen answer differs from the published one. */
  changed: number;
  /** The first of them, side by side. */
  examples: {
    rawRow: number;
    prompt: string;
    publishedChosen: string;
    publishedScore: number | null;
    chosen: string;
    chosenModel: string;
    score: number | null;
  }[];
}

/**
 * Compares the chosen answers with a published binarized split, prompt by prompt; a prompt that occurs
 * more than once is matched by its occurrences in order.
 */
export async function compareWithPublished(
  db: Connector,
  full: string,
  published: string,
  limit = 50,
): Promise<Comparison> {
  const pub =
    `SELECT prompt, row_number() OVER (PARTITION BY prompt ORDER BY __row) AS nth, ` +
    `list_filter(chosen, m -> m.role = 'assistant')[1].content AS chosen, score_chosen AS score FROM ${ident(published)}`;
  const mine = `SELECT *, row_number() OVER (PARTITION BY prompt ORDER BY raw_row) AS nth FROM ${ident(full)}`;
  const joined =
    `SELECT r.raw_row, r.prompt, p.chosen AS published_chosen, p.score AS published_score, ` +
    `r.chosen[2].content AS chosen, r.chosen_model, r.score_chosen, r.chosen[2].content IS DISTINCT FROM p.chosen AS changed ` +
    `FROM (${mine}) r JOIN (${pub}) p ON p.prompt = r.prompt AND p.nth = r.nth`;
  const counts = (
    await db.query(`SELECT count(*) AS matched, count(*) FILTER (WHERE changed) AS changed FROM (${joined})`)
  ).rows[0];
  const { rows } = await db.query(
    `SELECT * FROM (${joined}) WHERE changed ORDER BY raw_row LIMIT ${Math.trunc(limit)}`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    matched: Number(counts?.matched ?? 0),
    changed: Number(counts?.changed ?? 0),
    examples: rows.map((r) => ({
      rawRow: Number(r.raw_row),
      prompt: String(r.prompt ?? ""),
      publishedChosen: String(r.published_chosen ?? ""),
      publishedScore: num(r.published_score),
      chosen: String(r.chosen ?? ""),
      chosenModel: String(r.chosen_model ?? ""),
      score: num(r.score_chosen),
    })),
  };
}
