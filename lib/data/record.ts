import type { Connector, PlainRow } from "../engine/types";
import type { RecordData } from "../formats/canonical";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import { recordQuery } from "../sql/list";
import { completionPredicates, scopeModel } from "../filters/where";
import { Params } from "../sql/params";
import type { Clause, DatasetRef } from "../types";

export type { RecordData };

export function toRecord(ds: DatasetRef, r: PlainRow): RecordData {
  return specOf(ds.layout).toRecord(r, ds);
}

export async function fetchRecord(db: Connector, ds: DatasetRef, row: number): Promise<RecordData | null> {
  const q = recordQuery(ds, row);
  const [r] = (await db.query(q.sql, q.params)).rows;
  return r ? toRecord(ds, r) : null;
}

/** A row as its file holds it: the data's own columns, none of the derived ones. */
export async function fetchRowJson(db: Connector, ds: DatasetRef, row: number): Promise<string> {
  const own = ds.columns.map(ident).join(", ");
  const [r] = (await db.query(`SELECT ${own} FROM ${ident(ds.table)} WHERE __row = $1`, [row])).rows;
  return JSON.stringify(r ?? null, null, 2);
}

/**
 * Of a row's completions (the layout's companion table), which meet the list's completion conditions
 * (with "Ratings of: a model", only that model's can), as indexes from 0; null when the layout has no
 * completions or the list sets no such condition.
 */
export async function fetchMatchedCompletions(
  db: Connector,
  ds: DatasetRef,
  clauses: readonly Clause[],
  row: number,
): Promise<number[] | null> {
  const companion = specOf(ds.layout).companion;
  if (!companion) return null;
  const params = new Params();
  const predicate = completionPredicates(ds, clauses, params);
  if (!predicate) return null;
  const model = scopeModel(ds, clauses);
  const ofModel = model === null ? "" : ` AND model = ${params.add(model)}`;
  const { rows } = await db.query(
    `SELECT idx FROM ${ident(`${ds.table}${companion.suffix}`)} WHERE __row = ${params.add(row)}${ofModel} AND (${predicate}) ORDER BY idx`,
    params.values,
  );
  return rows.map((r) => Number(r.idx) - 1);
}
