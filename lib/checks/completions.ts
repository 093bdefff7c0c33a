import type { Connector } from "../engine/types";
import { Params } from "../sql/params";
import type { DatasetRef } from "../types";
import { inlineRel } from "./flags";
import { checksOf } from "./index";
import { resolveSettings, type SettingsText } from "./types";

/**
 * The SQL of one part of a check (its flagged completions, its groups) with the settings in force, its
 * values bound in `params`; null when the check has no such part.
 */
function checkPart(
  ds: DatasetRef,
  checkId: string,
  settings: SettingsText | undefined,
  part: "completions" | "group",
): { sql: string; params: Params } | null {
  const checks = checksOf(ds.layout);
  const make = checks.find((c) => c.id === checkId)?.[part];
  if (!make) return null;
  const s = resolveSettings(checks, settings);
  const params = new Params();
  return { sql: make(ds, s, params, inlineRel(ds, s, params)), params };
}

/** A completion a check flags in the open record, by its place (0-based), and why in words. */
export interface FlaggedCompletion {
  index: number;
  why: string;
}

/**
 * The completions of one row that a check flags, where the check flags rows for what some of their
 * completions hold (a short response, a negative critique); null for a check of the whole row.
 */
export async function fetchFlaggedCompletions(
  db: Connector,
  ds: DatasetRef,
  checkId: string,
  settings: SettingsText | undefined,
  row: number,
): Promise<FlaggedCompletion[] | null> {
  const part = checkPart(ds, checkId, settings, "completions");
  if (!part) return null;
  const { sql, params } = part;
  const { rows } = await db.query(
    `SELECT idx, why FROM (${sql}) WHERE __row = ${params.add(row)} ORDER BY idx`,
    params.values,
  );
  return rows.map((r) => ({ index: Number(r.idx) - 1, why: String(r.why ?? "") }));
}

/** How many rows of a group are named; the rest are counted. */
export const GROUP_SHOWN = 50;

/**
 * The rows a check flags together with this one (its duplicates), this one included, in order (the
 * first `GROUP_SHOWN`, and this one), and how many the group has; null when the check does not flag
 * rows in groups, none when it does not flag this row.
 */
export async function fetchCheckGroup(
  db: Connector,
  ds: DatasetRef,
  checkId: string,
  settings: SettingsText | undefined,
  row: number,
): Promise<{ rows: number[]; total: number } | null> {
  const part = checkPart(ds, checkId, settings, "group");
  if (!part) return null;
  const { sql, params } = part;
  const self = params.add(row);
  const { rows } = await db.query(
    `WITH grouped AS (${sql}), mine AS (SELECT __row FROM grouped WHERE g IN (SELECT g FROM grouped WHERE __row = ${self})) ` +
      `SELECT __row, count(*) OVER () AS total FROM mine ` +
      `QUALIFY row_number() OVER (ORDER BY __row) <= ${GROUP_SHOWN} OR __row = ${self} ORDER BY __row`,
    params.values,
  );
  return { rows: rows.map((r) => Number(r.__row)), total: Number(rows[0]?.total ?? 0) };
}
