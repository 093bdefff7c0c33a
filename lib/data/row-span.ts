import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";

/** The first and last row numbers (`__row`) of a table; [0, -1] when it is empty. */
export async function rowSpan(db: Connector, table: string): Promise<[number, number]> {
  const [span] = (await db.query(`SELECT min(__row) AS first, max(__row) AS last FROM ${ident(table)}`)).rows;
  return [Number(span?.first ?? 0), Number(span?.last ?? -1)];
}
