import type { Connector } from "../engine/types";
import type { FilterField } from "../filters/field";
import { ident } from "../sql/ident";
import type { DerivedTables } from "../datasets/derived";
import { Params } from "../sql/params";
import type { Clause, DatasetRef } from "../types";
import { forgetHelpers } from "./flags";

/**
 * Overlap between two datasets (train/test contamination): rows whose prompt equals one of the other's
 * (ignoring case, spaces and punctuation), and rows that share a run of n words with one of the other's
 * prompts — of n characters for Japanese and Chinese text, which has no spaces between words.
 */

export {
  DEFAULT_OVERLAP,
  gramsSql,
  overlapSettings,
  pastedSide,
  promptOf,
  unitsSql,
  type OverlapSettings,
  type Side,
} from "./sides";
import { gramsSql, keepPrompts, promptsOf, unitsSql, type OverlapSettings, type Side } from "./sides";

export interface OverlapResult {
  a: Side;
  b: Side;
  settings: OverlapSettings;
  /** Rows of A whose text equals one of B's, and rows of A sharing a run with B (exact ones included). */
  aExact: number;
  aRuns: number;
  aAny: number;
  bExact: number;
  bRuns: number;
  bAny: number;
  rowsA: number;
  rowsB: number;
}

interface Stored {
  result: OverlapResult;
  /** The table of overlapping rows, and which side of it this dataset is. */
  table: string;
  side: "a" | "b";
  mine: Side;
  other: Side;
  otherGrams: string;
  settings: OverlapSettings;
}

/** The overlaps a workspace computed, by (dataset table, the other side's id): kept with its derived tables. */
const storeOf = (derived: DerivedTables) => derived.store<Stored>("overlap");

const entryKey = (table: string, other: string) => `${table}\n${other}`;
const gramsTable = (side: Side, s: OverlapSettings) => side.derived.slot(side.table, `g${s.words}_${s.chars}`);

/** Drops the stored runs of these sides and forgets their normalized prompts, so the next overlap computes them again. */
export async function forgetGrams(db: Connector, sides: readonly Side[], s: OverlapSettings) {
  for (const side of sides) {
    forgetHelpers({ table: side.table, layout: "generic", columns: [], derived: side.derived });
    await db.query(`DROP TABLE IF EXISTS ${ident(gramsTable(side, s))}`, [], { write: true });
  }
}

/** The runs of a side, computed once per side and settings. */
async function ensureGrams(db: Connector, side: Side, s: OverlapSettings): Promise<string> {
  await keepPrompts(db, side);
  const name = gramsTable(side, s);
  await db.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${ident(name)} AS SELECT DISTINCT __row, h FROM (${gramsSql(side, s)})`,
    [],
    { write: true },
  );
  return name;
}

/**
 * Compares two sides both ways and keeps the rows of each that overlap the other (a table of row,
 * exact, runs), so each side's list can be filtered to them (`overlap=<other id>`).
 */
export async function computeOverlap(db: Connector, a: Side, b: Side, s: OverlapSettings): Promise<OverlapResult> {
  const [ga, gb] = [await ensureGrams(db, a, s), await ensureGrams(db, b, s)];
  const derived = a.derived;
  const stored = storeOf(derived);
  const result = derived.fresh("ov", a.table);
  const keyed = (side: Side) => `SELECT __row, k FROM ${promptsOf(side)}`;
  const rowsOf = (mine: Side, mineGrams: string, theirs: Side, theirGrams: string, tag: string) =>
    `SELECT '${tag}' AS side, __row, bool_or(exact) AS exact, bool_or(runs) AS runs FROM (` +
    `SELECT __row, true AS exact, false AS runs FROM (${keyed(mine)}) WHERE k IN (SELECT k FROM (${keyed(theirs)})) ` +
    `UNION ALL SELECT DISTINCT __row, false, true FROM ${ident(mineGrams)} WHERE h IN (SELECT h FROM ${ident(theirGrams)})` +
    `) GROUP BY __row`;
  await db.query(
    `CREATE TEMP TABLE ${ident(result)} AS ${rowsOf(a, ga, b, gb, "a")} UNION ALL ${rowsOf(b, gb, a, ga, "b")}`,
    [],
    { write: true },
  );
  const { rows } = await db.query(
    `SELECT side, count(*) FILTER (WHERE exact) AS exact, count(*) FILTER (WHERE runs) AS runs, count(*) AS n ` +
      `FROM ${ident(result)} GROUP BY side`,
  );
  const count = async (side: Side) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${ident(side.table)}`)).rows[0]?.n ?? 0);
  const of = (tag: string) => rows.find((r) => r.side === tag) ?? {};
  const num = (v: unknown) => Number(v ?? 0);
  const answer: OverlapResult = {
    a,
    b,
    settings: s,
    aExact: num(of("a").exact),
    aRuns: num(of("a").runs),
    aAny: num(of("a").n),
    bExact: num(of("b").exact),
    bRuns: num(of("b").runs),
    bAny: num(of("b").n),
    rowsA: await count(a),
    rowsB: await count(b),
  };
  const previous = stored.get(entryKey(a.table, b.id))?.table;
  const swapped: OverlapResult = {
    ...answer,
    a: b,
    b: a,
    aExact: answer.bExact,
    aRuns: answer.bRuns,
    aAny: answer.bAny,
    bExact: answer.aExact,
    bRuns: answer.aRuns,
    bAny: answer.aAny,
    rowsA: answer.rowsB,
    rowsB: answer.rowsA,
  };
  stored.set(entryKey(a.table, b.id), {
    result: answer,
    table: result,
    side: "a",
    mine: a,
    other: b,
    otherGrams: gb,
    settings: s,
  });
  stored.set(entryKey(b.table, a.id), {
    result: swapped,
    table: result,
    side: "b",
    mine: b,
    other: a,
    otherGrams: ga,
    settings: s,
  });
  if (previous && ![...stored.values()].some((e) => e.table === previous)) {
    derived.forget(previous);
    await db.query(`DROP TABLE IF EXISTS ${ident(previous)}`, [], { write: true }).catch(() => undefined);
  }
  derived.version++;
  return answer;
}

/** The last overlap of a dataset with another side, seen from the dataset (its side is `a`). */
export const lastOverlap = (ds: DatasetRef, other: string): OverlapResult | null =>
  (ds.derived && storeOf(ds.derived).get(entryKey(ds.table, other))?.result) ?? null;

/** The overlaps of a dataset computed in its workspace (with whom, and with what settings). */
export function overlapsOf(ds: DatasetRef): { other: Side; settings: OverlapSettings }[] {
  if (!ds.derived) return [];
  return [...storeOf(ds.derived).entries()]
    .filter(([k]) => k.startsWith(`${ds.table}\n`))
    .map(([, v]) => ({ other: v.other, settings: v.settings }));
}

/** The filter `overlap=<other id>`: the rows of this dataset that overlap the other, as last computed. */
export const OVERLAP_FIELD: FilterField = {
  id: "overlap",
  op: "is",
  label: "Overlap",
  level: "row",
  param: "overlap",
  hidden: true,
  accepts: (c, ds) =>
    c.op === "is" &&
    (ds.table === "" || (ds.derived !== undefined && storeOf(ds.derived).has(entryKey(ds.table, c.value)))),
  predicate: (c, { ds }) => {
    if (c.op !== "is" || !ds.derived) return null;
    const entry = storeOf(ds.derived).get(entryKey(ds.table, c.value));
    if (!entry) return null;
    return `__row IN (SELECT __row FROM ${ident(entry.table)} WHERE side = '${entry.side}')`;
  },
  describe: (c: Clause, ds?: DatasetRef) => {
    if (c.op !== "is") return "overlap";
    const other = ds?.derived ? [...storeOf(ds.derived).values()].find((e) => e.other.id === c.value)?.other : null;
    return `overlaps ${other?.name ?? c.value}`;
  },
};

/** Where one row of a side overlaps the other: the shared runs as text, and the other's rows that share them. */
export interface RowOverlap {
  other: Side;
  /** The other's rows whose text equals this one's. */
  exactRows: number[];
  /** The shared runs of this row's text, merged where they overlap (normalized text). */
  spans: string[];
  /** The other's rows that share a run. */
  rows: number[];
}

/** The overlap of one row with each side it was compared with, for its record. */
export async function rowOverlaps(db: Connector, ds: DatasetRef, row: number): Promise<RowOverlap[]> {
  const out: RowOverlap[] = [];
  for (const [k, entry] of ds.derived ? storeOf(ds.derived) : []) {
    if (!k.startsWith(`${ds.table}\n`)) continue;
    const mine: Side = { ...entry.mine };
    const s = entry.settings;
    const exactParams = new Params();
    const at = exactParams.add(row);
    await keepPrompts(db, mine);
    await keepPrompts(db, entry.other);
    const exact = await db.query(
      `SELECT __row FROM ${promptsOf(entry.other)} WHERE k = ` +
        `(SELECT k FROM ${promptsOf(mine)} WHERE __row = ${at}) ORDER BY __row LIMIT 20`,
      exactParams.values,
    );
    const hitParams = new Params();
    const mineRuns = gramsSql(mine, s, `__row = ${hitParams.add(row)}`);
    const hits = await db.query(
      `SELECT i, cjk FROM (${mineRuns}) WHERE h IN (SELECT h FROM ${ident(entry.otherGrams)}) ORDER BY i`,
      hitParams.values,
    );
    const sharedParams = new Params();
    const shared = hits.rows.length
      ? await db.query(
          `SELECT DISTINCT __row FROM ${ident(entry.otherGrams)} WHERE h IN ` +
            `(SELECT h FROM (${gramsSql(mine, s, `__row = ${sharedParams.add(row)}`)})) ORDER BY __row LIMIT 20`,
          sharedParams.values,
        )
      : { rows: [] };
    if (!exact.rows.length && !hits.rows.length) continue;
    let spans: string[] = [];
    if (hits.rows.length) {
      const unitParams = new Params();
      const units = (await db.query(unitsSql(mine, unitParams.add(row)), unitParams.values)).rows[0];
      const cjk = Boolean(units?.cjk);
      const pieces = cjk ? [...String(units?.compact ?? "")] : String(units?.norm ?? "").split(" ");
      spans = mergeRuns(
        hits.rows.map((h) => Number(h.i)),
        cjk ? s.chars : s.words,
      ).map(([a, b]) => pieces.slice(a, b).join(cjk ? "" : " "));
    }
    out.push({
      other: entry.other,
      exactRows: exact.rows.map((r) => Number(r.__row)),
      spans,
      rows: shared.rows.map((r) => Number(r.__row)),
    });
  }
  return out;
}

/** Runs of length n starting at these positions, merged into [start, end) spans where they touch or overlap. */
export function mergeRuns(starts: readonly number[], n: number): [number, number][] {
  const out: [number, number][] = [];
  for (const i of [...starts].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && i <= last[1]) last[1] = Math.max(last[1], i + n);
    else out.push([i, i + n]);
  }
  return out;
}
