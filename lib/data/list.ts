import type { Engine } from "../engine/types";
import { countQuery, genericListColumns, listQuery, positionQuery, type DatasetRef, type ListState } from "../sql/list";

export interface ListRow {
  row: number;
  preview: string;
  turns: number | null;
  chars: number | null;
  /** A generic table's own columns, as short text. */
  cells: Record<string, string | null>;
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
  const extra = ds.layout === "generic" ? genericListColumns(ds) : [];
  const rows = await engine.query(q.sql, q.params);
  return rows.map((r) => ({
    row: Number(r.__row),
    preview: String(r.__preview ?? ""),
    turns: asNumber(r.__turns),
    chars: asNumber(r.__chars),
    cells: Object.fromEntries(extra.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])])),
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
