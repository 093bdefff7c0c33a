import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import type { DatasetRef } from "../types";
import { alignedSides, pairingOf, type PairSummary } from "./align";
import { ratioSql, unitConditions } from "./flags";
import { unitsSql, type Unit } from "./units";

/** One line of a pair's record: a unit of each side (null where a side has none), and what is flagged on it. */
export interface AlignedUnit {
  left: Unit | null;
  right: Unit | null;
  /** The flags of this unit pair (`untranslated`, `numbers`, `code`, `ratings`, `changed`; `length` by the band). */
  flags: string[];
  /** Translation length / original length, where the original is long enough text. */
  ratio: number | null;
  /** Missing as the pattern of the pair says (a user turn of an assistant-only translation). */
  expected: boolean;
}

export interface PairRecord {
  left: number;
  /** The partner's row, or null when this row has none. */
  right: number | null;
  key: string | null;
  summary: Omit<PairSummary, "flags">;
  units: AlignedUnit[];
}

const toUnits = (v: unknown): Unit[] => (Array.isArray(v) ? (v as Unit[]) : []);

/**
 * A row of the first side beside its partner, unit by unit: aligned as the pairing aligned them, and
 * each unit pair's flags computed by the same SQL as the pairing's counts.
 */
export async function fetchPairRecord(db: Connector, ds: DatasetRef, row: number): Promise<PairRecord | null> {
  const stored = pairingOf(ds);
  if (!stored) return null;
  const { summary, table, features, originalLeft } = stored;
  const ao = summary.assistantOnly;
  const { lx, rx, sides } = alignedSides(ao, originalLeft);
  const c = unitConditions(sides, "i");
  const names = summary.kind === "translation" ? ["untranslated", "numbers", "code", "ratings"] : ["changed"];
  const per =
    `list_transform(range(1, greatest(len(${lx}), len(${rx})) + 1), i -> {` +
    `${names.map((n) => `'${n}': coalesce(${c[n]}, false)`).join(", ")}, 'ratio': ${ratioSql(sides, "i")}})`;
  const right = summary.right;
  const { rows } = await db.query(
    `SELECT p.r AS r, p.k AS k, ` +
      `(SELECT ${unitsSql(ds)} FROM ${ident(ds.table)} WHERE __row = p.l) AS lu, ` +
      `(SELECT ${unitsSql(right)} FROM ${ident(right.table)} WHERE __row = p.r) AS ru, ${per} AS per ` +
      `FROM (SELECT l, r, k, coalesce((SELECT f FROM ${ident(features.left)} WHERE __row = l), []) AS lf, ` +
      `coalesce((SELECT f FROM ${ident(features.right)} WHERE __row = r), []) AS rf ` +
      `FROM ${ident(table)} WHERE l = $1) p`,
    [row],
  );
  const hit = rows[0];
  if (!hit) return null;
  const lu = toUnits(hit.lu);
  const ru = toUnits(hit.ru);
  const per_ = (Array.isArray(hit.per) ? hit.per : []) as Record<string, unknown>[];
  const flagsAt = (i: number) => {
    const p = per_[i] ?? {};
    return { flags: names.filter((n) => p[n] === true), ratio: typeof p.ratio === "number" ? p.ratio : null };
  };
  // The aligned lists: each side's units, or the assistant's turns of the side that holds every turn.
  const pick = (units: Unit[], filtered: boolean) =>
    units.map((u, i) => ({ u, i })).filter(({ u }) => !filtered || u.role === "assistant");
  const ax = pick(lu, ao === "left");
  const bx = pick(ru, ao === "right");
  const units: AlignedUnit[] = [];
  if (ao === "none") {
    for (let i = 0; i < Math.max(lu.length, ru.length); i++)
      units.push({ left: lu[i] ?? null, right: ru[i] ?? null, ...flagsAt(i), expected: false });
  } else {
    // The side of every turn in its order; the other side's units beside the assistant's turns.
    const full = ao === "left" ? lu : ru;
    const short = ao === "left" ? bx : ax;
    const byPos = new Map((ao === "left" ? ax : bx).map(({ i }, j) => [i, j]));
    full.forEach((u, i) => {
      const j = byPos.get(i);
      // The short side's units are the assistant's answers, whatever their place would say.
      const found = j === undefined ? undefined : short[j]?.u;
      const other = found ? { ...found, part: `answer ${j! + 1}`, role: "assistant" } : null;
      const at = j === undefined ? { flags: [], ratio: null } : flagsAt(j);
      const pair = ao === "left" ? { left: u, right: other } : { left: other, right: u };
      units.push({ ...pair, ...at, expected: j === undefined });
    });
    for (let j = byPos.size; j < short.length; j++) {
      const u = { ...short[j]!.u, part: `answer ${j + 1}`, role: "assistant" };
      units.push({ left: ao === "left" ? null : u, right: ao === "left" ? u : null, ...flagsAt(j), expected: false });
    }
  }
  return {
    left: row,
    right: hit.r === null || hit.r === undefined ? null : Number(hit.r),
    key: hit.k === null || hit.k === undefined ? null : String(hit.k),
    summary,
    units,
  };
}
