import type { Engine } from "../engine/types";
import type { LayoutId } from "../formats/layouts";
import { completionSelect, completionTable, deriveSelect } from "../sql/derive";
import { ident } from "../sql/ident";

export interface AppendTarget {
  table: string;
  layout: LayoutId;
  /** The first column of the data, previewed in a generic table's list. */
  firstColumn?: string;
}

/**
 * Moves one staged batch into the dataset's table with its derived columns, numbering its rows from
 * `offset`; UltraFeedback completions also go to the one-row-per-completion table. The first batch
 * creates the tables. The staging table is dropped.
 */
export async function appendStaged(engine: Engine, target: AppendTarget, staging: string, offset: number) {
  const create = offset === 0;
  const t = ident(target.table);
  const select = `SELECT ${deriveSelect(target.layout, offset, target.firstColumn)} FROM ${ident(staging)}`;
  await engine.query(create ? `CREATE TABLE ${t} AS ${select}` : `INSERT INTO ${t} BY NAME ${select}`);
  if (target.layout === "ultrafeedback") {
    const c = ident(completionTable(target.table));
    const rows = completionSelect(target.table, offset);
    await engine.query(create ? `CREATE TABLE ${c} AS ${rows}` : `INSERT INTO ${c} BY NAME ${rows}`);
  }
  await engine.query(`DROP TABLE ${ident(staging)}`);
}

/** Drops a dataset's tables (after a failed load, or when it is closed). */
export async function dropDataset(engine: Engine, table: string) {
  await engine.query(`DROP TABLE IF EXISTS ${ident(completionTable(table))}`).catch(() => undefined);
  await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
}
