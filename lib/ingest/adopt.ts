import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { detectOrExplain } from "../layouts/registry";
import { ident } from "../sql/ident";
import type { LoadedDataset } from "../types";
import { appendStaged } from "./append";
import { readableViewStatements } from "./views";

/**
 * A table already in the database (a console result) becomes a dataset of its own: its layout is
 * detected from its columns as for a file, it gets the derived columns and a readable view.
 */
export async function adoptTable(
  db: Connector,
  from: string,
  request: { id: string; name: string; sqlName: string; derived: DerivedTables },
): Promise<LoadedDataset> {
  const described = (await db.query(`DESCRIBE ${ident(from)}`)).rows;
  const columns = described.map((r) => String(r.column_name));
  const detected = detectOrExplain(columns);
  if ("problem" in detected) throw new Error(`the result ${detected.problem}`);
  const table = request.derived.fresh("q");
  const staging = `${table}_staging`;
  await db.query(`CREATE TABLE ${ident(staging)} AS SELECT * FROM ${ident(from)}`);
  try {
    await appendStaged(db, { table, layout: detected.layout, columns }, staging, 0);
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${ident(staging)}`).catch(() => undefined);
    throw new Error(`the result cannot be read as ${detected.layout} (${(e as Error).message})`);
  }
  for (const sql of readableViewStatements(request.sqlName, table, detected.layout, columns)) await db.query(sql);
  const rows = Number((await db.query(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]?.n ?? 0);
  return {
    ...request,
    table,
    layout: detected.layout,
    columns,
    columnTypes: Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)])),
    rows,
    files: [],
    origins: [],
  };
}
