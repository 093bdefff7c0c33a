import type { Connector } from "../engine/types";
import { whereClause } from "../filters/where";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import { flagCondition, pairingOf } from "./align";
import { flagsOf } from "./flags";
import { lit, type PairSettings } from "./rules";

const PAGE = 2000;

/** A row as its file holds it (its own columns only), as SQL of a JSON value. */
const rowJson = (alias: string, ds: DatasetRef) =>
  ds.columns.length
    ? `to_json({${ds.columns.map((c) => `${lit(c)}: ${alias}.${ident(c)}`).join(", ")}})`
    : "to_json({})";

/**
 * The listed rows of this side beside their partners, as JSON Lines: one object per aligned row with
 * its key, both rows as their files hold them, and the flags it is under. Rows are read a page at a time.
 */
export async function alignedJsonl(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  settings: PairSettings,
  onProgress?: (done: number) => void,
): Promise<{ blob: Blob; rows: number }> {
  const stored = pairingOf(ds);
  if (!stored) throw new Error("this dataset has no partner open");
  const right = stored.summary.right;
  const parts: BlobPart[] = [];
  let rows = 0;
  for (let offset = 0; ; offset += PAGE) {
    const params = new Params();
    const where = whereClause(ds, state, params);
    const flags = flagsOf(stored.summary.kind).map(
      (f) => `CASE WHEN ${flagCondition(f.id, settings, params)} THEN '${f.id}' END`,
    );
    const sql =
      `SELECT json_object('key', p.k, 'row', p.l, 'partner_row', p.r, 'flags', ` +
      `list_filter([${flags.join(", ")}], x -> x IS NOT NULL), 'left', ${rowJson("L", ds)}, 'right', ${rowJson("R", right)}) AS line ` +
      `FROM ${ident(stored.table)} p JOIN (SELECT * FROM ${ident(ds.table)} ${where}) L ON L.__row = p.l ` +
      `JOIN ${ident(right.table)} R ON R.__row = p.r ORDER BY p.l LIMIT ${PAGE} OFFSET ${offset}`;
    const page = await db.query(sql, params.values);
    if (page.rows.length === 0) break;
    parts.push(page.rows.map((r) => String(r.line)).join("\n") + "\n");
    rows += page.rows.length;
    onProgress?.(rows);
    if (page.rows.length < PAGE) break;
  }
  return { blob: new Blob(parts, { type: "application/jsonl" }), rows };
}
