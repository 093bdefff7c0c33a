import type { Connector, PlainRow } from "../engine/types";
import type { RecordData } from "../formats/canonical";
import { specOf } from "../layouts/registry";
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
