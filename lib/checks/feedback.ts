import { ASPECTS, ASPECT_LABEL } from "../formats/ratings";
import { completionTable } from "../layouts/ultrafeedback-sql";
import { ident } from "../sql/ident";
import { fmt } from "../text/format";
import { duplicatePrompts, emptyPrompts, promptHelper } from "./common";
import { anyPhraseSql, blankSql, usedPhrases } from "../text/rules";
import { NEGATIVE } from "../text/phrases";
import { asksShortAnswerSql } from "./questions";
import { numberSetting, phraseSetting, type CheckHelper, type CheckSpec } from "./types";

const prompts = promptHelper("instruction");

/**
 * One row per completion with what the checks read of it: its model, its response's length without the
 * spaces at either end (`core`) and a hash of that text, whether it stops mid-sentence, and whether it
 * has a high overall_score with a negative critique. The completions table holds all of it for the
 * default phrase list (kept at load); another list reads the critiques again, in one pass.
 */
const responses: CheckHelper = {
  id: "r",
  sql: (ds, s, params) => {
    const high = params.add(numberSetting(s, "high"));
    const phrases = phraseSetting(s, "negative");
    if (samePhrases(phrases, NEGATIVE)) {
      return (
        `SELECT __row, idx, model, __core AS core, __h AS h, __ends_mid AS ends_mid, coalesce(overall >= ${high}, false) AND __neg AS neg ` +
        `FROM ${ident(completionTable(ds.table))}`
      );
    }
    return (
      `SELECT c.__row, c.idx, c.model, c.__core AS core, c.__h AS h, c.__ends_mid AS ends_mid, coalesce(n.neg, false) AS neg ` +
      `FROM ${ident(completionTable(ds.table))} c LEFT JOIN (SELECT __row, unnest(range(1, len(completions) + 1)) AS idx, ` +
      `unnest(list_transform(completions, x -> coalesce(x.overall_score >= ${high}, false) AND ${anyPhraseSql("x.critique", phrases, params)})) AS neg ` +
      `FROM ${ident(ds.table)}) n ON n.__row = c.__row AND n.idx = c.idx`
    );
  },
};

/** A number in words as a person writes it (9, not 9.0), whichever engine and type it comes from. */
const numText = (x: string) => `regexp_replace(CAST(CAST(${x} AS DOUBLE) AS VARCHAR), '\\.0$', '')`;

/** The completions with an aspect marked `flag` (na, oos), and which aspects, in words. */
function aspectsWhy(table: string, flag: "na" | "oos", words: string): string {
  const names = ASPECTS.map(
    (a) => `CASE WHEN ${ident(`${flag}_${a}`)} = 1 THEN '${ASPECT_LABEL[a].toLowerCase()}' END`,
  );
  return (
    `SELECT __row, idx, concat_ws(', ', ${names.join(", ")}) || ' ${words}' AS why ` +
    `FROM ${ident(completionTable(table))} WHERE ${ASPECTS.map((a) => `${ident(`${flag}_${a}`)} = 1`).join(" OR ")}`
  );
}

/** The rows whose instruction a short answer can answer whole (see `questions.ts`). */
const asked: CheckHelper = {
  id: "q",
  sql: (ds) => `SELECT __row FROM ${ident(ds.table)} WHERE ${asksShortAnswerSql("instruction")}`,
};

const samePhrases = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify(usedPhrases(a)) === JSON.stringify(usedPhrases(b));

export const feedbackChecks: CheckSpec[] = [
  duplicatePrompts("instruction", "instruction", "instructions"),
  emptyPrompts("instruction", "instruction"),
  {
    id: "disagree",
    title: "overall_score far from the ratings",
    reason:
      "overall_score and the four aspect ratings come from different prompts; a completion where they disagree this much has one of them wrong, and binarizing by either picks differently.",
    settings: [
      {
        key: "gap",
        label: "Gap (overall_score halved vs the mean)",
        kind: "number",
        default: 2.5,
        min: 0.25,
        max: 4.5,
        step: 0.25,
      },
    ],
    predicate: (ds, s, params) =>
      `__row IN (SELECT __row FROM ${ident(completionTable(ds.table))} WHERE abs(overall / 2 - fine) >= ${params.add(numberSetting(s, "gap"))})`,
    completions: (ds, s, params) =>
      `SELECT __row, idx, 'overall_score ' || ${numText("overall")} || ' halved is ' || ${numText("round(abs(overall / 2 - fine), 2)")} || ' from the ratings'' mean ' || ${numText("round(fine, 2)")} AS why ` +
      `FROM ${ident(completionTable(ds.table))} WHERE abs(overall / 2 - fine) >= ${params.add(numberSetting(s, "gap"))}`,
  },
  {
    id: "negative_critique",
    title: "High score, negative critique",
    reason:
      "About 2,000 completions got overall_score 10 where their critique rated them 1 (a > that should have been >=, fixed 2023-12-29); old copies still circulate.",
    settings: [
      {
        key: "high",
        label: "Lowest overall_score counted as high",
        kind: "number",
        default: 9,
        min: 1,
        max: 10,
        step: 0.5,
      },
      { key: "negative", label: "Negative phrases (one per line, any case)", kind: "phrases", default: NEGATIVE },
    ],
    predicate: (_ds, _s, _p, rel) => `__row IN (SELECT __row FROM ${rel(responses)} WHERE neg)`,
    completions: (_ds, s, params, rel) =>
      `SELECT __row, idx, 'overall_score of ' || ${numText(params.add(numberSetting(s, "high")))} || ' or more, with a critique that finds fault' AS why FROM ${rel(responses)} WHERE neg`,
  },
  {
    id: "same_response",
    title: "The same response from two models",
    reason: "Two models cannot have written the same text: one completion was copied over another.",
    predicate: (_ds, _s, _p, rel) =>
      `__row IN (SELECT __row FROM ${rel(responses)} WHERE core > 0 GROUP BY __row, h HAVING count(DISTINCT model) > 1)`,
    completions: (_ds, _s, _p, rel) =>
      `SELECT r.__row, r.idx, 'the same text as ' || string_agg(o.model, ', ' ORDER BY o.idx) AS why ` +
      `FROM ${rel(responses)} r JOIN ${rel(responses)} o ON o.__row = r.__row AND o.h = r.h AND o.idx <> r.idx AND o.model IS DISTINCT FROM r.model ` +
      `WHERE r.core > 0 GROUP BY r.__row, r.idx`,
  },
  {
    id: "under_length",
    title: "Responses under the minimum length",
    reason:
      "A response of next to no text, where the question asks for more, is most often a failed generation, and as a rejected answer it teaches nothing. An empty one counts whatever the question.",
    settings: [
      {
        key: "short",
        label: "Shortest response kept (characters)",
        kind: "number",
        default: 20,
        min: 1,
        max: 10000,
        step: 1,
      },
    ],
    predicate: (_ds, s, params, rel) =>
      `__row IN (SELECT __row FROM ${rel(responses)} WHERE core < ${params.add(numberSetting(s, "short"))} AND (core = 0 OR __row NOT IN (SELECT __row FROM ${rel(asked)})))`,
    completions: (_ds, s, params, rel) => {
      const short = params.add(numberSetting(s, "short"));
      return (
        `SELECT __row, idx, 'a response of ' || core || ' characters, under ' || ${numText(short)} AS why FROM ${rel(responses)} ` +
        `WHERE core < ${short} AND (core = 0 OR __row NOT IN (SELECT __row FROM ${rel(asked)}))`
      );
    },
  },
  {
    id: "short_answer",
    title: "Short answers to yes/no or one-word questions",
    reason:
      "“Yes.” can be the whole right answer to a yes/no question: these short answers are counted apart from the responses under the minimum length, to read rather than to drop.",
    statistic: true,
    predicate: (_ds, s, params, rel) =>
      `__row IN (SELECT __row FROM ${rel(responses)} WHERE core > 0 AND core < ${params.add(numberSetting(s, "short"))} AND __row IN (SELECT __row FROM ${rel(asked)}))`,
    completions: (_ds, s, params, rel) => {
      const short = params.add(numberSetting(s, "short"));
      return (
        `SELECT __row, idx, 'a short answer (' || core || ' characters) to a yes/no or one-word question' AS why FROM ${rel(responses)} ` +
        `WHERE core > 0 AND core < ${short} AND __row IN (SELECT __row FROM ${rel(asked)})`
      );
    },
  },
  {
    id: "truncated_response",
    title: "Responses that stop mid-sentence",
    reason: "A response ending on a word or a comma was cut off by a length limit; it reads as complete to a trainer.",
    predicate: (_ds, s, params, rel) =>
      `__row IN (SELECT __row FROM ${rel(responses)} WHERE core >= ${params.add(numberSetting(s, "short"))} AND ends_mid)`,
    completions: (_ds, s, params, rel) =>
      `SELECT __row, idx, 'the response stops mid-sentence' AS why FROM ${rel(responses)} WHERE core >= ${params.add(numberSetting(s, "short"))} AND ends_mid`,
  },
  {
    id: "na_rating",
    title: "N/A ratings",
    reason: "An aspect rated N/A is left out of the mean, so the fine-grained score rests on fewer ratings.",
    predicate: () => "__na > 0",
    completions: (ds) => aspectsWhy(ds.table, "na", "rated N/A"),
  },
  {
    id: "off_scale_rating",
    title: "Ratings outside 1–5",
    reason:
      "A rating such as “0” is off the published scale: a parsing or annotation error, kept out of the means here.",
    predicate: () => "__oos > 0",
    completions: (ds) => aspectsWhy(ds.table, "oos", "rated outside 1–5"),
  },
  {
    id: "few_completions",
    title: "Fewer than four completions",
    reason: "Prompts with fewer answers give fewer pairs and skew per-model counts.",
    predicate: () => "coalesce(__turns, 0) < 4",
  },
  {
    id: "truthfulqa_elsewhere",
    title: "TruthfulQA prompts outside truthful_qa",
    reason:
      "A prompt that contains a question of the truthful_qa source (as whole words, ignoring case and punctuation) is TruthfulQA data under another source; binarized splits drop truthful_qa, so these leak an evaluation set into training.",
    predicate: (ds, _s, _p, rel) => `__row IN (${truthfulQaElsewhere(ds.table, rel(prompts))})`,
    detail: {
      sql: (ds) =>
        `SELECT count(*) AS n FROM ${ident(ds.table)} WHERE source = 'truthful_qa' AND NOT ${blankSql("instruction")}`,
      text: (r) =>
        Number(r.n) === 0
          ? "no truthful_qa prompts are loaded to compare with"
          : `against ${fmt(Number(r.n))} truthful_qa prompts`,
    },
  },
];

/**
 * Rows of another source whose normalized instruction contains a normalized truthful_qa instruction,
 * as whole words. Candidates first share the question's longest word (a join on words), then are
 * tested whole.
 */
function truthfulQaElsewhere(table: string, prompts: string): string {
  const t = ident(table);
  const questions = `SELECT DISTINCT p.n AS q FROM ${prompts} p JOIN ${t} USING (__row) WHERE source = 'truthful_qa'`;
  const keyed = `SELECT q, arg_max(w, length(w)) AS key FROM (SELECT q, unnest(string_split(q, ' ')) AS w FROM (${questions})) GROUP BY q`;
  const others = `SELECT p.__row, p.n AS p FROM ${prompts} p JOIN ${t} USING (__row) WHERE source IS DISTINCT FROM 'truthful_qa'`;
  // the rows that have some question's key word, and which questions: a join that keeps only those words
  const candidates =
    `SELECT DISTINCT ow.__row, k.q FROM (SELECT __row, unnest(string_split(p, ' ')) AS w FROM (${others})) ow ` +
    `JOIN (${keyed}) k ON k.key = ow.w`;
  return (
    `SELECT DISTINCT c.__row FROM (${candidates}) c JOIN (${others}) o ON o.__row = c.__row ` +
    `WHERE contains(' ' || o.p || ' ', ' ' || c.q || ' ')`
  );
}
