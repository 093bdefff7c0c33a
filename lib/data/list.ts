import type { Engine } from "../engine/types";
import { countQuery, listFields, listQuery, positionQuery, type DatasetRef, type ListState } from "../sql/list";
import { searchColumnStatements } from "../sql/search";

export interface ListRow {
  row: number;
  preview: string;
  turns: number | null;
  chars: number | null;
  /** The layout's further list columns (see `listFields`): numbers, or short text. */
  cells: Record<string, string | number | null>;
}

function cell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : String(v);
}

const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function fetchListPage(
  engine: Engine,
  ds: DatasetRef,
  state: ListState,
  offset: number,
  limit: number,
): Promise<ListRow[]> {
  const q = listQuery(ds, state, offset, limit);
  const extra = listFields(ds);
  const rows = await engine.query(q.sql, q.params);
  return rows.map((r) => ({
    row: Number(r.__row),
    preview: String(r.__preview ?? ""),
    turns: asNumber(r.__turns),
    chars: asNumber(r.__chars),
    cells: Object.fromEntries(extra.map((c) => [c, cell(r[c])])),
  }));
}

export async function fetchCount(engine: Engine, ds: DatasetRef, state: ListState): Promise<number> {
  const q = countQuery(ds, state);
  const [r] = await engine.query(q.sql, q.params);
  return Number(r?.n ?? 0);
}

export async function fetchPosition(
  engine: Engine,
  ds: DatasetRef,
  state: ListState,
  row: number,
): Promise<number | null> {
  const q = positionQuery(ds, state, row);
  const [r] = await engine.query(q.sql, q.params);
  return r ? Number(r.pos) : null;
}

/** Builds the search column of a table (once); returns the dataset marked as searchable by it. */
export async function buildSearchColumn<T extends DatasetRef>(engine: Engine, ds: T): Promise<T> {
  if (ds.indexed) return ds;
  for (const sql of searchColumnStatements(ds.table, ds.layout, ds.columns)) await engine.query(sql);
  return { ...ds, indexed: true };
}
