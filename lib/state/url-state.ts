import type { SortSpec } from "../sql/list";

export interface ViewState {
  /** A sample id, or "file:<name>" for a local file. */
  ds: string | null;
  q: string;
  sort: SortSpec | null;
  row: number | null;
}

const SORT_NAMES: Record<string, string> = { row: "__row", preview: "__preview", turns: "__turns", chars: "__chars" };
const SORT_KEYS = Object.fromEntries(Object.entries(SORT_NAMES).map(([k, v]) => [v, k]));

export function parseViewState(params: URLSearchParams): ViewState {
  const sortText = params.get("sort") ?? "";
  const m = /^(.+?)(?:\.(asc|desc))?$/.exec(sortText);
  const sort = m?.[1] ? { column: SORT_NAMES[m[1]] ?? m[1], desc: m[2] === "desc" } : null;
  const rowText = params.get("row");
  const row = rowText !== null && /^\d+$/.test(rowText) ? Number(rowText) : null;
  return { ds: params.get("ds") || null, q: params.get("q") ?? "", sort, row };
}

/** Writes only what differs from the defaults, so links stay short. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.ds) params.set("ds", state.ds);
  if (state.q) params.set("q", state.q);
  if (state.sort)
    params.set("sort", `${SORT_KEYS[state.sort.column] ?? state.sort.column}.${state.sort.desc ? "desc" : "asc"}`);
  if (state.row !== null) params.set("row", String(state.row));
  return params.toString();
}
