import { ASPECTS, type Aspect } from "../formats/ratings";
import { completionTable } from "./derive";
import { ident } from "./ident";
import type { DatasetRef } from "./list";
import type { Params } from "./params";

/** Inclusive bounds; a missing bound is open. */
export interface Range {
  min: number | null;
  max: number | null;
}

/** Which completions of a prompt must meet the completion conditions. */
export type Scope = { kind: "any" } | { kind: "all" } | { kind: "model"; model: string };

export interface Filters {
  /** Completion conditions, all met by the same completion; `scope` says which completions. */
  ratings: Partial<Record<Aspect, Range>>;
  overall: Range | null;
  fine: Range | null;
  principles: string[];
  /** Completions whose overall_score (halved to the 1–5 scale) is at least this far from the fine-grained mean. */
  disagree: number | null;
  scope: Scope;
  /** Prompt conditions. */
  models: string[];
  sources: string[];
  na: boolean;
  /** ultrafeedback_binarized */
  chosen: Range | null;
  rejected: Range | null;
  margin: Range | null;
  ties: "only" | "none" | null;
}

export const NO_FILTERS: Filters = {
  ratings: {},
  overall: null,
  fine: null,
  principles: [],
  disagree: null,
  scope: { kind: "any" },
  models: [],
  sources: [],
  na: false,
  chosen: null,
  rejected: null,
  margin: null,
  ties: null,
};

export const DEFAULT_DISAGREEMENT = 2.5;

const isOpen = (r: Range | null | undefined): r is null | undefined => !r || (r.min === null && r.max === null);

function rangeSql(expr: string, r: Range | null | undefined, params: Params): string | null {
  if (isOpen(r)) return null;
  if (r.min !== null && r.max !== null) return `${expr} BETWEEN ${params.add(r.min)} AND ${params.add(r.max)}`;
  if (r.min !== null) return `${expr} >= ${params.add(r.min)}`;
  return `${expr} <= ${params.add(r.max)}`;
}

const inList = (expr: string, values: readonly string[], params: Params) =>
  `${expr} IN (${values.map((v) => params.add(v)).join(", ")})`;

/** True when any condition on single completions is set (the scope alone is one when it names a model). */
export function hasCompletionConditions(f: Filters): boolean {
  return (
    ASPECTS.some((a) => !isOpen(f.ratings[a])) ||
    !isOpen(f.overall) ||
    !isOpen(f.fine) ||
    f.principles.length > 0 ||
    f.disagree !== null
  );
}

/** The condition one completion (a row of the completions table) must meet, or null when there is none. */
export function completionPredicate(f: Filters, params: Params): string | null {
  const parts: string[] = [];
  for (const aspect of ASPECTS) {
    const sql = rangeSql(ident(`r_${aspect}`), f.ratings[aspect], params);
    if (sql) parts.push(sql);
  }
  const overall = rangeSql("overall", f.overall, params);
  if (overall) parts.push(overall);
  const fine = rangeSql("fine", f.fine, params);
  if (fine) parts.push(fine);
  if (f.principles.length) parts.push(inList("principle", f.principles, params));
  if (f.disagree !== null) parts.push(`abs(overall / 2 - fine) >= ${params.add(f.disagree)}`);
  return parts.length ? parts.join(" AND ") : null;
}

function feedbackClauses(ds: DatasetRef, f: Filters, params: Params): string[] {
  const out: string[] = [];
  const c = ident(completionTable(ds.table));
  const scope = f.scope;
  const predicate = completionPredicate(f, params);
  if (scope.kind === "model") {
    const model = `model = ${params.add(scope.model)}`;
    out.push(`__row IN (SELECT __row FROM ${c} WHERE ${predicate ? `${model} AND ${predicate}` : model})`);
  } else if (predicate && scope.kind === "all") {
    // Every completion meets it: none fails it (a NULL rating fails), and there is at least one.
    out.push(`(__turns > 0 AND __row NOT IN (SELECT __row FROM ${c} WHERE NOT coalesce(${predicate}, false)))`);
  } else if (predicate) {
    out.push(`__row IN (SELECT __row FROM ${c} WHERE ${predicate})`);
  }
  if (f.models.length) out.push(`__row IN (SELECT __row FROM ${c} WHERE ${inList("model", f.models, params)})`);
  if (f.sources.length) out.push(inList("source", f.sources, params));
  if (f.na) out.push("__na > 0");
  return out;
}

function pairClauses(f: Filters, params: Params): string[] {
  const out = [
    rangeSql("score_chosen", f.chosen, params),
    rangeSql("score_rejected", f.rejected, params),
    rangeSql("__margin", f.margin, params),
  ].filter((s): s is string => s !== null);
  if (f.ties === "only") out.push("score_chosen = score_rejected");
  if (f.ties === "none") out.push("score_chosen <> score_rejected");
  return out;
}

/** WHERE conditions for the filters that apply to the dataset's layout; values are bound parameters. */
export function filterClauses(ds: DatasetRef, f: Filters, params: Params): string[] {
  if (ds.layout === "ultrafeedback") return feedbackClauses(ds, f, params);
  if (ds.layout === "ultrafeedback_binarized") return pairClauses(f, params);
  return [];
}

/** How many filters are set, for the "filters (N)" label. */
export function activeFilterCount(f: Filters): number {
  return (
    ASPECTS.filter((a) => !isOpen(f.ratings[a])).length +
    [f.overall, f.fine, f.chosen, f.rejected, f.margin].filter((r) => !isOpen(r)).length +
    [f.principles, f.models, f.sources].filter((l) => l.length > 0).length +
    (f.disagree !== null ? 1 : 0) +
    (f.na ? 1 : 0) +
    (f.ties ? 1 : 0) +
    (f.scope.kind === "model" ? 1 : 0)
  );
}

// ---- URL form: ranges as `lo..hi`, `lo..`, `..hi` or one number; lists as repeated parameters ----

function parseRange(text: string | null): Range | null {
  if (text === null || text.trim() === "") return null;
  const num = (s: string | undefined) => {
    if (s === undefined || s.trim() === "") return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  const [lo, hi] = text.includes("..") ? text.split("..", 2) : [text, text];
  const r = { min: num(lo), max: num(hi) };
  return isOpen(r) ? null : r;
}

const rangeText = (r: Range) => (r.min === r.max ? String(r.min) : `${r.min ?? ""}..${r.max ?? ""}`);

export function parseFilters(p: URLSearchParams): Filters {
  const ratings: Partial<Record<Aspect, Range>> = {};
  for (const a of ASPECTS) {
    const r = parseRange(p.get(a));
    if (r) ratings[a] = r;
  }
  const scopeText = p.get("scope") ?? "";
  const scope: Scope =
    scopeText === "all"
      ? { kind: "all" }
      : scopeText.startsWith("model:") && scopeText.length > 6
        ? { kind: "model", model: scopeText.slice(6) }
        : { kind: "any" };
  const disagree = p.get("disagree");
  const threshold = disagree === null ? null : disagree === "" ? DEFAULT_DISAGREEMENT : Number(disagree);
  const ties = p.get("ties");
  return {
    ratings,
    overall: parseRange(p.get("overall")),
    fine: parseRange(p.get("fine")),
    principles: p.getAll("principle").filter(Boolean),
    disagree: threshold !== null && Number.isFinite(threshold) ? threshold : null,
    scope,
    models: p.getAll("model").filter(Boolean),
    sources: p.getAll("source").filter(Boolean),
    na: p.get("na") === "1",
    chosen: parseRange(p.get("chosen")),
    rejected: parseRange(p.get("rejected")),
    margin: parseRange(p.get("margin")),
    ties: ties === "only" || ties === "none" ? ties : null,
  };
}

export function writeFilters(f: Filters, p: URLSearchParams) {
  const range = (key: string, r: Range | null | undefined) => {
    if (!isOpen(r)) p.set(key, rangeText(r));
  };
  for (const a of ASPECTS) range(a, f.ratings[a]);
  range("overall", f.overall);
  range("fine", f.fine);
  f.principles.forEach((v) => p.append("principle", v));
  if (f.disagree !== null) p.set("disagree", String(f.disagree));
  if (f.scope.kind === "all") p.set("scope", "all");
  if (f.scope.kind === "model") p.set("scope", `model:${f.scope.model}`);
  f.models.forEach((v) => p.append("model", v));
  f.sources.forEach((v) => p.append("source", v));
  if (f.na) p.set("na", "1");
  range("chosen", f.chosen);
  range("rejected", f.rejected);
  range("margin", f.margin);
  if (f.ties) p.set("ties", f.ties);
}
