import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { compactWhenFull } from "../ingest/append";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef } from "../types";
import { alignedLists, flagsOf, ratioSql, unitConditions, type AssistantOnly, type PairKind } from "./flags";
import { pairSettings, type PairSettings } from "./rules";
import { featuresReady, unitFeatures } from "./features";
import { DIALOGUE_LAYOUTS, keySql } from "./units";

/** One side of a pairing: a dataset, with what links and words call it. */
export interface PairSide extends DatasetRef {
  id: string;
  name: string;
  rows: number;
}

export interface PairOptions {
  /** The kind the user chose; none: read from the data (one side mostly Japanese, the other not: a translation). */
  kind?: PairKind | null;
  /** For tables of no known layout: the column both sides are aligned by. */
  key?: string | null;
  /**
   * The engine is the page's: the features need room beside two large datasets, so what is open is
   * compressed first when the engine holds much (see `compactWhenFull`).
   */
  makeRoom?: boolean;
  /** Told how long each phase took (the benchmark's breakdown). */
  onPhase?: (phase: string, ms: number) => void;
}

/** A pairing as computed: how the sides were aligned and how many rows fall under each heading. */
export interface PairSummary {
  left: PairSide;
  right: PairSide;
  kind: PairKind;
  /** The kind was read from the data (not chosen). */
  kindGuessed: boolean;
  assistantOnly: AssistantOnly;
  /** What each side was aligned by ("id", "prompt_id", "row order" …). */
  keyBy: string;
  aligned: number;
  onlyLeft: number;
  onlyRight: number;
  /** Keys found on more than one row of a side (their n-th rows are aligned with each other). */
  repeatedKeys: number;
  /** Rows of this side whose key repeats. */
  repeatedRows: number;
  /** Rows of this side under each flag of the kind, by flag id. */
  flags: Record<string, number>;
  /** Share of rows with Japanese text, per side. */
  japanese: { left: number; right: number };
}

export interface Stored {
  summary: Omit<PairSummary, "flags">;
  /** The table of aligned rows (l, r, k, rep, per-flag booleans, rmin, rmax). */
  table: string;
  /** The tables of each side's unit features. */
  features: { left: string; right: string };
  /** The original is the first side (a translation's original: the side with less Japanese). */
  originalLeft: boolean;
}

const storeOf = (derived: DerivedTables) => derived.store<Stored>("pairing");
const entryKey = (table: string) => `${table}\npair`;

/** The pairing of a dataset (as its first side), when one is computed. */
export const pairingOf = (ds: DatasetRef): Stored | null =>
  (ds.derived && storeOf(ds.derived).get(entryKey(ds.table))) ?? null;

/**
 * A side's rows by key: `k`, its n-th occurrence `occ` and how many rows share it `n` (a window over
 * the keys alone; the features are read by row number once rows are aligned).
 */
const keyedSql = (side: DatasetRef, key: string | null | undefined) =>
  `SELECT __row, k, row_number() OVER (PARTITION BY k ORDER BY __row) AS occ, count(*) OVER (PARTITION BY k) AS n ` +
  `FROM (SELECT __row, ${keySql(side, key).sql} AS k FROM ${ident(side.table)})`;

const hasJa = (f: string) => `coalesce(list_bool_or(list_transform(${f}, u -> u.ja)), false)`;
const assistants = (f: string) => `len(list_filter(${f}, u -> u.role = 'assistant'))`;

/** The original's and the translation's aligned unit i, from the aligned lists and which side is the original. */
export function alignedSides(ao: AssistantOnly, originalLeft: boolean) {
  const { lx, rx } = alignedLists(ao);
  const [o, t] = originalLeft ? [lx, rx] : [rx, lx];
  return { lx, rx, sides: { o: (i: string) => `${o}[${i}]`, t: (i: string) => `${t}[${i}]` } };
}

/** The flags of one row, from its aligned lists (`lx`, `rx`) and which side is the original. */
function rowFlags(kind: PairKind, ao: AssistantOnly, originalLeft: boolean) {
  const { lx, rx, sides } = alignedSides(ao, originalLeft);
  const n = `greatest(len(${lx}), len(${rx}))`;
  const any = (cond: string) => `coalesce(list_bool_or(list_transform(range(1, ${n} + 1), i -> ${cond})), false)`;
  const c = unitConditions(sides, "i");
  const ratios = `list_filter(list_transform(range(1, ${n} + 1), i -> ${ratioSql(sides, "i")}), x -> x IS NOT NULL)`;
  const columns: Record<string, string> = {
    turns: "len(lf) <> len(rf)",
    dropped: `len(${lx}) <> len(${rx})`,
  };
  if (kind === "translation") {
    for (const f of ["untranslated", "numbers", "code", "ratings"]) columns[f] = any(c[f]!);
    columns.rmin = `list_min(${ratios})`;
    columns.rmax = `list_max(${ratios})`;
  } else {
    columns.changed = any(c.changed!);
  }
  return columns;
}

/**
 * Aligns two datasets row by row (by their layout's key; the n-th row of a repeated key with the other
 * side's n-th), reads what kind of pair they are, and keeps a table of the aligned rows with each flag,
 * so this side's list can be filtered by them (`pf=<flag>`).
 */
export async function computePairing(
  db: Connector,
  left: PairSide,
  right: PairSide,
  options: PairOptions = {},
  settings: PairSettings = pairSettings(),
): Promise<PairSummary> {
  let t0 = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onPhase?.(name, now - t0);
    t0 = now;
  };
  // Features still to compute need room beside two large datasets; those prepared after a load do not.
  const ready = featuresReady(left) && featuresReady(right);
  if (options.makeRoom && !ready && (await compactWhenFull(db))) phase("compressing what is open");
  const fl = await unitFeatures(db, left);
  phase("features of the first side");
  const fr = await unitFeatures(db, right);
  phase("features of the second side");
  const keys = left.derived!.fresh("pairkeys", left.table);
  await db.query(
    `CREATE TEMP TABLE ${ident(keys)} AS SELECT L.__row AS l, R.__row AS r, coalesce(L.k, R.k) AS k, ` +
      `(coalesce(L.n, 0) > 1 OR coalesce(R.n, 0) > 1) AS rep ` +
      `FROM (${keyedSql(left, options.key)}) L FULL OUTER JOIN (${keyedSql(right, options.key)}) R ` +
      `ON L.k = R.k AND L.occ = R.occ`,
    [],
    { write: true },
  );
  const joined =
    `SELECT j.l, j.r, j.k, j.rep, FL.f AS lf, FR.f AS rf FROM ${ident(keys)} j ` +
    `LEFT JOIN ${ident(fl)} FL ON FL.__row = j.l LEFT JOIN ${ident(fr)} FR ON FR.__row = j.r`;
  const probe = await db.query(
    `SELECT count(*) FILTER (WHERE l IS NOT NULL AND r IS NOT NULL) AS aligned, ` +
      `count(*) FILTER (WHERE r IS NULL) AS only_left, count(*) FILTER (WHERE l IS NULL) AS only_right, ` +
      `count(*) FILTER (WHERE l IS NOT NULL AND rep) AS rep_rows, ` +
      `count(DISTINCT k) FILTER (WHERE rep) AS rep_keys, ` +
      `avg(CAST(${hasJa("lf")} AS INTEGER)) FILTER (WHERE l IS NOT NULL) AS ja_l, ` +
      `avg(CAST(${hasJa("rf")} AS INTEGER)) FILTER (WHERE r IS NOT NULL) AS ja_r, ` +
      `avg(CAST(len(rf) < len(lf) AND len(rf) = ${assistants("lf")} AS INTEGER)) FILTER (WHERE l IS NOT NULL AND r IS NOT NULL) AS ao_l, ` +
      `avg(CAST(len(lf) < len(rf) AND len(lf) = ${assistants("rf")} AS INTEGER)) FILTER (WHERE l IS NOT NULL AND r IS NOT NULL) AS ao_r ` +
      `FROM (${joined})`,
  );
  const p = probe.rows[0] ?? {};
  phase("alignment and kind");
  const num = (v: unknown) => Number(v ?? 0);
  const japanese = { left: num(p.ja_l), right: num(p.ja_r) };
  const kindGuessed = !options.kind;
  const kind: PairKind = options.kind ?? (Math.abs(japanese.left - japanese.right) >= 0.3 ? "translation" : "version");
  // A translation of the assistant's turns only: when most aligned dialogues have just that many turns.
  const dialogues = DIALOGUE_LAYOUTS.includes(left.layout) && DIALOGUE_LAYOUTS.includes(right.layout);
  const ao: AssistantOnly = !dialogues ? "none" : num(p.ao_l) > 0.5 ? "left" : num(p.ao_r) > 0.5 ? "right" : "none";
  const originalLeft = japanese.left <= japanese.right;

  const derived = left.derived!;
  const table = derived.fresh("pair", left.table);
  const flags = rowFlags(kind, ao, originalLeft);
  await db.query(
    `CREATE TEMP TABLE ${ident(table)} AS SELECT l, r, k, rep, ` +
      `${Object.entries(flags)
        .map(([name, sql]) => `CASE WHEN l IS NOT NULL AND r IS NOT NULL THEN ${sql} END AS ${ident(name)}`)
        .join(", ")} ` +
      `FROM (${joined})`,
    [],
    { write: true },
  );
  await db.query(`DROP TABLE IF EXISTS ${ident(keys)}`, [], { write: true });
  phase("flags of each row");
  const previous = pairingOf(left)?.table;
  const summary: Omit<PairSummary, "flags"> = {
    left,
    right,
    kind,
    kindGuessed,
    assistantOnly: ao,
    keyBy: keySql(left, options.key).by,
    aligned: num(p.aligned),
    onlyLeft: num(p.only_left),
    onlyRight: num(p.only_right),
    repeatedKeys: num(p.rep_keys),
    repeatedRows: num(p.rep_rows),
    japanese,
  };
  storeOf(derived).set(entryKey(left.table), { summary, table, features: { left: fl, right: fr }, originalLeft });
  if (previous && previous !== table) {
    derived.forget(previous);
    await db.query(`DROP TABLE IF EXISTS ${ident(previous)}`, [], { write: true }).catch(() => undefined);
  }
  derived.version++;
  const counts = await countFlags(db, left, settings);
  phase("counts");
  return { ...summary, flags: counts };
}

/** The condition on the pair table of a flag or heading, its values bound (the length band from the settings). */
export function flagCondition(flag: string, settings: PairSettings, params: Params): string | null {
  switch (flag) {
    case "aligned":
      return "l IS NOT NULL AND r IS NOT NULL";
    case "only_left":
      return "r IS NULL";
    case "repeated":
      return "rep";
    case "length":
      return `(rmin < ${params.add(settings.ratioMin)} OR rmax > ${params.add(settings.ratioMax)})`;
    case "equal":
      return "NOT changed";
    case "turns":
    case "dropped":
    case "untranslated":
    case "numbers":
    case "code":
    case "ratings":
    case "changed":
      return ident(flag);
    default:
      return null;
  }
}

/** Rows of this side under each flag of the pairing's kind. */
export async function countFlags(
  db: Connector,
  ds: DatasetRef,
  settings: PairSettings,
): Promise<Record<string, number>> {
  const stored = pairingOf(ds);
  if (!stored) return {};
  const params = new Params();
  const flags = flagsOf(stored.summary.kind);
  const counts = flags.map((f, i) => `count(*) FILTER (WHERE ${flagCondition(f.id, settings, params)}) AS c${i}`);
  const { rows } = await db.query(
    `SELECT ${counts.join(", ")} FROM ${ident(stored.table)} WHERE l IS NOT NULL AND r IS NOT NULL`,
    params.values,
  );
  return Object.fromEntries(flags.map((f, i) => [f.id, Number(rows[0]?.[`c${i}`] ?? 0)]));
}

/** This side's rows under a flag or heading, as a condition on the list (null: no pairing, or an unknown flag). */
export function pairPredicate(ds: DatasetRef, flag: string, settings: PairSettings, params: Params): string | null {
  const stored = pairingOf(ds);
  if (!stored) return null;
  const cond = flagCondition(flag, settings, params);
  if (!cond) return null;
  return `__row IN (SELECT l FROM ${ident(stored.table)} WHERE l IS NOT NULL AND ${cond})`;
}

/** This side's rows whose partner row matches a search of the partner (its values bound). */
export function partnerSearch(ds: DatasetRef, predicate: (partner: DatasetRef) => string): string | null {
  const stored = pairingOf(ds);
  if (!stored) return null;
  const partner = stored.summary.right;
  return (
    `__row IN (SELECT l FROM ${ident(stored.table)} WHERE l IS NOT NULL AND r IN ` +
    `(SELECT __row FROM ${ident(partner.table)} WHERE ${predicate(partner)}))`
  );
}

/** The dataset is no longer paired: its pair filters mean nothing until a pairing is computed again. */
export function forgetPairing(ds: DatasetRef) {
  if (!ds.derived || !storeOf(ds.derived).delete(entryKey(ds.table))) return;
  ds.derived.version++;
}
