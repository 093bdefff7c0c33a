import type { Connector } from "../engine/types";
import { dataObject } from "../engine/values";
import { ident } from "../sql/ident";
import type { LayoutId } from "../types";
import { readableViewStatements } from "./views";

/**
 * The end of every load, however its rows were staged (Arrow batches from the page's reader, or
 * DuckDB's own readers on a server): the readable views over the whole table, and its columns with
 * their DuckDB types. The derived columns were added as the rows came (`appendStaged`).
 */
export async function finishLoad(
  db: Connector,
  target: { sqlName: string; table: string; layout: LayoutId; labels?: Record<string, string> },
): Promise<{ columns: string[]; columnTypes: Record<string, string> }> {
  const described = (await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(target.table)})`)).rows;
  const columns = described.map((r) => String(r.column_name)).filter((c) => !c.startsWith("__"));
  for (const sql of readableViewStatements(target.sqlName, target.table, target.layout, columns, target.labels)) {
    await db.query(sql, [], { write: true });
  }
  const columnTypes = dataObject(
    described
      .filter((r) => columns.includes(String(r.column_name)))
      .map((r) => [String(r.column_name), String(r.column_type)] as const),
  ) as Record<string, string>;
  return { columns, columnTypes };
}
