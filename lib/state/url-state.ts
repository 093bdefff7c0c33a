import { layoutSummaries } from "../sql/derive";
import { NO_FILTERS, parseFilters, writeFilters, type Filters } from "../sql/filters";
import type { SortSpec } from "../sql/list";

/** Which panes are open: the list beside (or above) the record, or one of them alone. */
export type Pane = "split" | "list" | "record";

export interface ViewState {
  /** A sample id, or "file:<name>" for a local file. */
  ds: string | null;
  q: string;
  sort: SortSpec | null;
  row: number | null;
  filters: Filters;
  pane: Pane;
  /** The per-model summary is open. */
  models: boolean;
  /** The Hub address remote splits load from, when not the server's default. */
  base: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  ds: null,
  q: "",
  sort: null,
  row: null,
  filters: NO_FILTERS,
  pane: "split",
  models: false,
  base: null,
};

// Derived columns appear in links without their "__" prefix: sort=chars.desc, sort=mean_honesty.asc.
const DERIVED_NAMES = new Set(
  ["__row", "__preview", "__turns", "__chars", "ultrafeedback", "ultrafeedback_binarized"].flatMap((x) =>
    x.startsWith("__") ? [x] : layoutSummaries(x as "ultrafeedback").map(([n]) => n),
  ),
);

export function parseViewState(params: URLSearchParams): ViewState {
  const sortText = params.get("sort") ?? "";
  const m = /^(.+?)(?:\.(asc|desc))?$/.exec(sortText);
  const sort = m?.[1] ? { column: DERIVED_NAMES.has(`__${m[1]}`) ? `__${m[1]}` : m[1], desc: m[2] === "desc" } : null;
  const rowText = params.get("row");
  const row = rowText !== null && /^\d+$/.test(rowText) ? Number(rowText) : null;
  const pane = params.get("pane");
  return {
    ds: params.get("ds") || null,
    q: params.get("q") ?? "",
    sort,
    row,
    filters: parseFilters(params),
    pane: pane === "list" || pane === "record" ? pane : "split",
    models: params.get("summary") === "models",
    base: /^https?:\/\//.test(params.get("base") ?? "") ? params.get("base") : null,
  };
}

/** Writes only what differs from the defaults, so links stay short. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.ds) params.set("ds", state.ds);
  if (state.q) params.set("q", state.q);
  if (state.sort) {
    const name = DERIVED_NAMES.has(state.sort.column) ? state.sort.column.slice(2) : state.sort.column;
    params.set("sort", `${name}.${state.sort.desc ? "desc" : "asc"}`);
  }
  writeFilters(state.filters, params);
  if (state.row !== null) params.set("row", String(state.row));
  if (state.pane !== "split") params.set("pane", state.pane);
  if (state.models) params.set("summary", "models");
  if (state.base) params.set("base", state.base);
  return params.toString();
}
