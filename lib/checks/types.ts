import type { Params } from "../sql/params";
import type { DatasetRef } from "../types";

/** A setting of a check the user can change in the panel; it travels in the link as `x.<key>`. */
export type CheckSetting =
  | { key: string; label: string; kind: "number"; default: number; min: number; max: number; step: number }
  | { key: string; label: string; kind: "phrases"; default: readonly string[] };

/** The settings in force: numbers and phrase lists by key, defaults filled in. */
export type Settings = Record<string, number | readonly string[]>;

/** As they come from a link or the panel: the values the user changed, by key. */
export type SettingsText = Record<string, string[]>;

/**
 * A relation several checks read (the normalized prompts, one row per completion with what the checks
 * need of it), so the costly pass over the texts is made once. The report keeps it as a table until its
 * SQL or bound values change; a filter read before any report inlines it.
 */
export interface CheckHelper {
  /** Its table is the dataset's table with `__h_<id>` appended. */
  id: string;
  sql(ds: DatasetRef, s: Settings, params: Params): string;
}

/** Where a check reads a helper from: its kept table, or its SQL inline. */
export type Rel = (helper: CheckHelper) => string;

/** A fact shown beside a check's count (how many groups the duplicates form, the length bias). */
export interface CheckDetail {
  /** SQL of one row over the dataset's table (values bound through `params`). */
  sql(ds: DatasetRef, s: Settings, params: Params, rel: Rel): string;
  /** The row in words. */
  text(row: Record<string, unknown>): string | null;
}

/**
 * One check of a layout: what it flags, why that matters, and the SQL that decides it for a row of
 * the dataset's table (over all rows, values bound, never text pasted in).
 */
export interface CheckSpec {
  /** Its name in links: `check=<id>`. */
  id: string;
  title: string;
  /** One sentence: why a row it flags matters before training. */
  reason: string;
  settings?: CheckSetting[];
  /**
   * A condition on a row of the dataset's table (unaliased; subqueries name the table themselves, and
   * helpers through `rel`).
   */
  predicate(ds: DatasetRef, s: Settings, params: Params, rel: Rel): string;
  /**
   * Where the check flags a row because of some of its completions: SQL of `__row, idx` (1-based, as in
   * the completions table) and `why` (the reason in words) for each completion it flags.
   */
  completions?(ds: DatasetRef, s: Settings, params: Params, rel: Rel): string;
  detail?: CheckDetail;
  /**
   * Where the check flags rows together (duplicates): SQL of `__row` and `g`, a key its group shares, for
   * every row it flags, so a record can show the rest of its group.
   */
  group?(ds: DatasetRef, s: Settings, params: Params, rel: Rel): string;
  /**
   * A share over the split that measures a bias, not a defect of a row: the report shows it among the
   * split's statistics, its rows still a click away.
   */
  statistic?: boolean;
}

export const numberSetting = (s: Settings, key: string) => s[key] as number;
export const phraseSetting = (s: Settings, key: string) => s[key] as readonly string[];

/** The settings of these checks, defaults overridden by what the user changed (invalid values ignored). */
export function resolveSettings(checks: readonly CheckSpec[], text: SettingsText = {}): Settings {
  const out: Settings = {};
  for (const check of checks) {
    for (const setting of check.settings ?? []) {
      const given = text[setting.key];
      if (setting.kind === "number") {
        const n = given?.length ? Number(given[0]) : NaN;
        out[setting.key] = Number.isFinite(n) ? Math.min(setting.max, Math.max(setting.min, n)) : setting.default;
      } else {
        out[setting.key] = given ? given.map((p) => p.trim()).filter(Boolean) : setting.default;
      }
    }
  }
  return out;
}
