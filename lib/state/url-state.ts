import { hubBaseProblem } from "../datasets/catalog";
import { dataObject } from "../engine/values";
import { parseClauses, writeClauses } from "../filters/url";
import { LAYOUTS } from "../layouts/registry";
import type { Clause, Pane, SortSpec } from "../types";

export type Panel = "stats" | "sql" | "checks";
const PANELS: readonly Panel[] = ["stats", "sql", "checks"];

export interface ViewState {
  /** A sample id, `file:<names>` for local files, `hf:…` or `url:…` for remote ones. */
  ds: string | null;
  q: string;
  sort: SortSpec | null;
  row: number | null;
  clauses: Clause[];
  pane: Pane;
  /** The per-model summary is open. */
  models: boolean;
  /** A panel open in place of the record: the charts, or the SQL console. */
  panel: Panel | null;
  /** The SQL of the console (it runs again when a link opens it). */
  sql: string;
  /** The list's columns, in order, by name; empty: the layout's own choice. */
  columns: string[];
  /** Settings of the checks the user changed (`x.<key>=…`, repeated for phrase lists), by key. */
  checks: Record<string, string[]>;
  /** The Hub address remote splits load from, when not the server's default. */
  base: string | null;
  /** A `base=` in the link that is not an http(s) address: kept as it came, and said so. */
  badBase: string | null;
  /** The link holds only the first part of the search or of the SQL (`qcut=1`, `sqlcut=1`). */
  cut: Record<LongField, boolean>;
  /** The dataset opened beside this one as its partner (a translation, another version), by its id (`pair=`). */
  pair: string | null;
  /** What kind of partner it is, when the user chose (`pk=`); null: read from the data. */
  pairKind: "translation" | "version" | null;
  /** For tables of no known layout: the column both sides are aligned by (`pkey=`). */
  pairKey: string | null;
}

/** The values of a view that may be too long for a link. */
export type LongField = "q" | "sql";
export const LONG_FIELDS: readonly LongField[] = ["q", "sql"];

/**
 * How much of a search and of a query a link holds, in characters as written in the link. The whole
 * link stays far under what servers accept in a request line (16 kB by default).
 */
export const LINK_LIMIT: Record<LongField, number> = { q: 2000, sql: 8000 };

/** The longest start of `value` that takes at most `limit` characters in a link (whole characters only). */
export function linkPart(value: string, limit: number): string {
  if (value.length * 9 <= limit) return value;
  let used = 0;
  let end = 0;
  for (const ch of value) {
    // As a link's query string writes it: letters, digits, *-._ bare, a space as "+", the rest as %XX per byte.
    used += /^[A-Za-z0-9*._ -]$/.test(ch) ? 1 : encodeURIComponent(ch).replace(/[!'()~]/g, "%XX").length;
    if (used > limit) break;
    end += ch.length;
  }
  return value.slice(0, end);
}

export const DEFAULT_VIEW: ViewState = {
  ds: null,
  q: "",
  sort: null,
  row: null,
  clauses: [],
  pane: "split",
  models: false,
  panel: null,
  sql: "",
  columns: [],
  checks: {},
  base: null,
  badBase: null,
  cut: { q: false, sql: false },
  pair: null,
  pairKind: null,
  pairKey: null,
};

// Derived list columns appear in links by their short names: sort=chars.desc, sort=mean_honesty.asc.
const DERIVED = new Map<string, string>();
for (const spec of LAYOUTS) {
  // A model's own ratings too (sort=own_honesty.desc): their names do not depend on the model.
  const own = spec.modelColumns?.("") ?? [];
  for (const c of [...spec.listColumns({ table: "", layout: spec.id, columns: [] }), ...own]) {
    if (c.id.startsWith("__")) DERIVED.set(c.name ?? c.id.slice(2), c.id);
  }
}
const linkName = (column: string) => {
  for (const [name, id] of DERIVED) if (id === column) return name;
  return column;
};

export function parseViewState(params: URLSearchParams): ViewState {
  const sortText = params.get("sort") ?? "";
  const m = /^(.+?)(?:\.(asc|desc))?$/.exec(sortText);
  const sort = m?.[1] ? { column: DERIVED.get(m[1]) ?? m[1], desc: m[2] === "desc" } : null;
  const rowText = params.get("row");
  const row = rowText !== null && /^\d+$/.test(rowText) ? Number(rowText) : null;
  const pane = params.get("pane");
  return {
    ds: params.get("ds") || null,
    q: params.get("q") ?? "",
    sort,
    row,
    clauses: parseClauses(params),
    pane: pane === "list" || pane === "record" ? pane : "split",
    models: params.get("summary") === "models",
    panel: PANELS.find((p) => p === params.get("panel")) ?? null,
    sql: params.get("sql") ?? "",
    columns: params.getAll("col").filter(Boolean),
    checks: readChecks(params),
    ...readBase(params.get("base")),
    cut: { q: params.get("qcut") === "1", sql: params.get("sqlcut") === "1" },
    pair: params.get("pair") || null,
    pairKind:
      params.get("pk") === "translation" || params.get("pk") === "version" ? (params.get("pk") as "version") : null,
    pairKey: params.get("pkey") || null,
  };
}

/** A long value goes into the link as far as it fits, marked when the link holds only part of it. */
function writeLong(params: URLSearchParams, field: LongField, state: ViewState) {
  const value = state[field];
  const part = linkPart(value, LINK_LIMIT[field]);
  params.set(field, part);
  if (part !== value || state.cut[field]) params.set(`${field}cut`, "1");
}

const CHECK_PREFIX = "x.";

function readChecks(params: URLSearchParams): Record<string, string[]> {
  const keys = [...new Set(params.keys())].filter((k) => k.startsWith(CHECK_PREFIX) && k.length > CHECK_PREFIX.length);
  // A link's key (even `x.__proto__`) is a setting's name, never a property of Object.
  return dataObject(
    keys.map((k) => [k.slice(CHECK_PREFIX.length), params.getAll(k).filter((v) => v !== "")] as const),
  ) as Record<string, string[]>;
}

function readBase(text: string | null): Pick<ViewState, "base" | "badBase"> {
  if (!text) return { base: null, badBase: null };
  return hubBaseProblem(text) ? { base: null, badBase: text } : { base: text.replace(/\/+$/, ""), badBase: null };
}

/** Writes only what differs from the defaults, so links stay short. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.ds) params.set("ds", state.ds);
  if (state.pair) params.set("pair", state.pair);
  if (state.pairKind) params.set("pk", state.pairKind);
  if (state.pairKey) params.set("pkey", state.pairKey);
  if (state.q) writeLong(params, "q", state);
  if (state.sort) params.set("sort", `${linkName(state.sort.column)}.${state.sort.desc ? "desc" : "asc"}`);
  writeClauses(state.clauses, params);
  if (state.row !== null) params.set("row", String(state.row));
  if (state.pane !== "split") params.set("pane", state.pane);
  if (state.models) params.set("summary", "models");
  if (state.panel) params.set("panel", state.panel);
  if (state.sql) writeLong(params, "sql", state);
  state.columns.forEach((c) => params.append("col", c));
  for (const [key, values] of Object.entries(state.checks)) {
    // An emptied phrase list is written as one empty value, so it stays empty.
    (values.length ? values : [""]).forEach((v) => params.append(`x.${key}`, v));
  }
  if (state.base) params.set("base", state.base);
  else if (state.badBase) params.set("base", state.badBase);
  return params.toString();
}
