import { fetchCount, fetchListPage, fetchPosition } from "../data/list";
import type { Connector } from "../engine/types";
import { parseClauses } from "../filters/url";
import { ident } from "../sql/ident";
import type { DatasetRef, ListState } from "../types";
import { rowKey } from "./actions";
import type { MarkBook } from "./book";
import { markKeySql } from "./keys";
import type { MarksTable } from "./table";

/** The first `n` keys of a dataset in row order, each once (what a bulk mark of the first rows marks). */
export async function firstKeys(db: Connector, ds: DatasetRef, n: number): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT k FROM (SELECT ${markKeySql(ds)} AS k, min(__row) AS r FROM ${ident(ds.table)} GROUP BY k) ` +
      `WHERE k IS NOT NULL ORDER BY r LIMIT ${Math.trunc(n)}`,
  );
  return rows.map((r) => String(r.k));
}

const MARK_FILTER: ListState = { search: "", sort: null, clauses: parseClauses(new URLSearchParams("mark=discard")) };

/** The mark filter as the list asks it: the count, and the first page. */
export async function markFilter(db: Connector, ds: DatasetRef): Promise<number> {
  const n = await fetchCount(db, ds, MARK_FILTER);
  await fetchListPage(db, ds, MARK_FILTER, 0, 50);
  return n;
}

/**
 * What the benchmark times of marks, on one dataset: `steps` rows each marked and moved on from (as a
 * key press does: the key, the mark into the book and the engine's table, the next row); `bulk` keys
 * marked at once (to the store and the table); then the mark filter, `filters` times. Marks are taken
 * back afterwards.
 */
export async function timeMarks(
  db: Connector,
  ds: DatasetRef,
  book: MarkBook,
  table: MarksTable,
  scope: string,
  options: { steps: number; bulk: number; filters: number; from?: number },
): Promise<{ step: number[]; bulkMs: number; bulkKeys: number; filter: number[]; listed: number }> {
  await book.open(scope);
  await table.attach(ds.table, scope, () => book.entries(scope));
  const state: ListState = { search: "", sort: null };
  const step: number[] = [];
  let row = options.from ?? 1000;
  for (let i = 0; i < options.steps; i++) {
    const t0 = performance.now();
    const key = await rowKey(db, ds, row);
    await book.apply(scope, [{ key: key!, completion: null, mark: (["keep", "discard", "review"] as const)[i % 3] }]);
    await table.settled();
    const pos = await fetchPosition(db, ds, state, row);
    const [next] = await fetchListPage(db, ds, state, (pos ?? 0) + 1, 1);
    step.push(performance.now() - t0);
    row = next?.row ?? row;
  }
  const keys = await firstKeys(db, ds, options.bulk);
  const t0 = performance.now();
  await book.apply(
    scope,
    keys.map((key) => ({ key, completion: null, mark: "discard" as const })),
    "bulk",
  );
  await Promise.all([table.settled(), book.flushed()]);
  const bulkMs = performance.now() - t0;
  if (table.error) throw new Error(table.error);
  const filter: number[] = [];
  let listed = 0;
  for (let i = 0; i < options.filters + 1; i++) {
    const f0 = performance.now();
    listed = await markFilter(db, ds);
    if (i > 0) filter.push(performance.now() - f0);
  }
  for (let i = 0; i < options.steps + 1; i++) await book.undo();
  await Promise.all([table.settled(), book.flushed()]);
  return { step, bulkMs, bulkKeys: keys.length, filter, listed };
}
