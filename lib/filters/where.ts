import { CHECK_FIELD } from "../checks/index";
import { OVERLAP_FIELD } from "../checks/overlap";
import { specOf } from "../layouts/registry";
import { MARK_FIELD } from "../marks/sql";
import { partnerSearch } from "../pairs/align";
import { PAIR_FIELD, PAIR_SEARCH_FIELD } from "../pairs/field";
import type { Params } from "../sql/params";
import { keptHits } from "../sql/hits";
import { ident } from "../sql/ident";
import { searchWhere } from "../sql/search";
import type { Clause, DatasetRef, ListState } from "../types";
import { columnField } from "./columns";
import type { FilterField } from "./field";

/** The field a clause names on this dataset: one of its layout's, or one of its columns'. */
export function fieldFor(ds: DatasetRef, id: string): FilterField | null {
  if (id === CHECK_FIELD.id) return CHECK_FIELD;
  if (id === OVERLAP_FIELD.id) return OVERLAP_FIELD;
  if (id === MARK_FIELD.id) return MARK_FIELD;
  if (id === PAIR_FIELD.id) return PAIR_FIELD;
  if (id === PAIR_SEARCH_FIELD.id) return PAIR_SEARCH_FIELD;
  return specOf(ds.layout).filters.find((f) => f.id === id) ?? columnField(id, ds.labels);
}

/** The clauses that mean something on this dataset (a link may carry others, for other layouts). */
export function activeClauses(ds: DatasetRef, clauses: readonly Clause[] = []): Clause[] {
  return clauses.filter((c) => {
    const field = fieldFor(ds, c.field);
    return field !== null && field.op === c.op && (field.accepts?.(c, ds) ?? true);
  });
}

/** The conditions the completion clauses put on one completion, or null when there are none. */
export function completionPredicates(
  ds: DatasetRef,
  clauses: readonly Clause[],
  params: Params,
  except?: string | readonly string[],
): string | null {
  const left = excluded(except);
  const parts: string[] = [];
  for (const c of activeClauses(ds, clauses)) {
    if (left.has(c.field)) continue;
    const field = fieldFor(ds, c.field);
    if (field?.level !== "completion") continue;
    const sql = field.predicate(c, { ds, params });
    if (sql) parts.push(sql);
  }
  return parts.length ? parts.join(" AND ") : null;
}

const excluded = (except?: string | readonly string[]) =>
  new Set(except === undefined ? [] : typeof except === "string" ? [except] : except);

/**
 * The conditions of the search and of every clause, with their values bound; `except` leaves out the
 * clauses of some fields (or the search, "search"), so a chart can count everything but its own selection.
 */
export function conditions(
  ds: DatasetRef,
  state: ListState,
  params: Params,
  except?: string | readonly string[],
): string[] {
  const left = excluded(except);
  const out: string[] = [];
  if (state.search.trim() !== "" && !left.has("search")) {
    // With a partner open, the search may read its rows too (`ps=partner|either`).
    const side = activeClauses(ds, state.clauses).find((c) => c.field === PAIR_SEARCH_FIELD.id);
    const where = side?.op === "is" ? side.value : "mine";
    const hits = where === "partner" ? null : keptHits(ds, state.search);
    const mine =
      where === "partner"
        ? null
        : hits
          ? `__row IN (SELECT __row FROM ${ident(hits)})`
          : searchWhere(ds, state.search, (v) => params.add(v));
    const theirs =
      where === "mine" ? null : partnerSearch(ds, (p) => searchWhere(p, state.search, (v) => params.add(v)));
    out.push(mine && theirs ? `(${mine} OR ${theirs})` : (mine ?? theirs ?? "false"));
  }
  const spec = specOf(ds.layout);
  const completion: string[] = [];
  let scope: string | null = null;
  let na: "skip" | undefined;
  for (const c of activeClauses(ds, state.clauses)) {
    if (left.has(c.field)) continue;
    const field = fieldFor(ds, c.field)!;
    if (field.level === "scope") {
      if (c.op === "is") [scope, na] = [c.value, c.na];
      continue;
    }
    const sql = field.predicate(c, { ds, params, settings: state.checks });
    if (!sql) continue;
    if (field.level !== "completion") out.push(sql);
    else if (c.op === "range" && c.scope) {
      // A condition with a scope of its own is one condition on the row by itself.
      const own = spec.completionWhere?.([sql], c.scope === "any" ? null : c.scope, { ds, params, na: c.na });
      if (own) out.push(own);
    } else completion.push(sql);
  }
  const joined = spec.completionWhere?.(completion, scope, { ds, params, na });
  if (joined) out.push(joined);
  return out;
}

export function whereClause(
  ds: DatasetRef,
  state: ListState,
  params: Params,
  except?: string | readonly string[],
): string {
  const parts = conditions(ds, state, params, except);
  return parts.length ? `WHERE ${parts.join(" AND ")}` : "";
}

/** The model the scope names ("the completion of model X"), if it names one. */
export function scopeModel(ds: DatasetRef, clauses: readonly Clause[] = []): string | null {
  const c = activeClauses(ds, clauses).find((x) => fieldFor(ds, x.field)?.level === "scope");
  return c?.op === "is" && c.value.startsWith("model:") ? c.value.slice(6) : null;
}

/** True when a clause constrains single completions (not the scope alone). */
export function hasCompletionConditions(ds: DatasetRef, clauses: readonly Clause[] = []): boolean {
  return activeClauses(ds, clauses).some((c) => fieldFor(ds, c.field)?.level === "completion");
}
