import { parseClauses, writeClauses } from "../filters/url";
import { LAYOUTS } from "../layouts/registry";
import type { Clause, Pane, SortSpec } from "../types";

export type Panel = "stats" | "sql";

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
  /** The Hub address remote splits load from, when not the server's default. */
  base: string | null;
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
  base: null,
};

// Derived list columns appear in links by their short names: sort=chars.desc, sort=mean_honesty.asc.
const DERIVED = new Map<string, string>();
for (const spec of LAYOUTS) {
  for (const c of spec.listColumns({ table: "", layout: spec.id, columns: [] })) {
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
    panel: params.get("panel") === "stats" || params.get("panel") === "sql" ? (params.get("panel") as Panel) : null,
    sql: params.get("sql") ?? "",
    columns: params.getAll("col").filter(Boolean),
    base: /^https?:\/\//.test(params.get("base") ?? "") ? params.get("base") : null,
  };
}

/** Writes only what differs from the defaults, so links stay short. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.ds) params.set("ds", state.ds);
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", `${linkName(state.sort.column)}.${state.sort.desc ? "desc" : "asc"}`);
  writeClauses(state.clauses, params);
  if (state.row !== null) params.set("row", String(state.row));
  if (state.pane !== "split") params.set("pane", state.pane);
  if (state.models) params.set("summary", "models");
  if (state.panel) params.set("panel", state.panel);
  if (state.sql) params.set("sql", state.sql);
  state.columns.forEach((c) => params.append("col", c));
  if (state.base) params.set("base", state.base);
  return params.toString();
}
