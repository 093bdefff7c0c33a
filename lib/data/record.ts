import type { Connector, PlainRow } from "../engine/types";
import type { RecordData } from "../formats/canonical";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import { recordQuery } from "../sql/list";
import type { DatasetRef } from "../types";

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
