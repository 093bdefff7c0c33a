import type { Connector } from "../engine/types";
import { conditions } from "../filters/where";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import { checksOf } from "./index";
import { flagColumn, flagsTable, keptRel, storeFlags } from "./flags";
import { resolveSettings, type CheckSpec, type Settings } from "./types";

export interface CheckLine {
  check: CheckSpec;
  /** Rows of the whole dataset it flags. */
  count: number;
  /** Of those, rows the list shows with its other filters and search; null when nothing else narrows it. */
  listed: number | null;
  detail: string | null;
}

export interface CheckReport {
  total: number;
  /** Rows the list shows without any check; null when nothing narrows it. */
  listedTotal: number | null;
  settings: Settings;
  lines: CheckLine[];
}

/**
 * Every check of the dataset's layout over all its rows: the flags are computed once (and kept for the
 * list's check filter), then counted in one statement, beside what the list's other conditions leave.
 */
export async function runReport(
  read: Connector,
  write: Connector,
  ds: DatasetRef,
  state: ListState,
): Promise<CheckReport> {
  const checks = checksOf(ds.layout);
  const settings = resolveSettings(checks, state.checks);
  await storeFlags(write, ds, checks, settings);

  const params = new Params();
  const others = conditions(ds, state, params, "check");
  const listed = others.length ? others.join(" AND ") : null;
  const counts = checks.flatMap((c, i) => {
    const flag = ident(flagColumn(c.id));
    return [
      `count(*) FILTER (WHERE ${flag}) AS c${i}`,
      ...(listed ? [`count(*) FILTER (WHERE ${flag} AND __listed) AS l${i}`] : []),
    ];
  });
  const sql =
    `SELECT count(*) AS total${listed ? ", count(*) FILTER (WHERE __listed) AS listed" : ""}, ${counts.join(", ")} ` +
    `FROM (SELECT __row${listed ? `, coalesce(${listed}, false) AS __listed` : ""} FROM ${ident(ds.table)}) ` +
    `JOIN ${ident(flagsTable(ds))} USING (__row)`;
  const { rows } = await read.query(sql, params.values);
  const row = rows[0] ?? {};

  const lines: CheckLine[] = [];
  for (const [i, check] of checks.entries()) {
    const count = Number(row[`c${i}`] ?? 0);
    let detail: string | null = null;
    if (check.detail) {
      const p = new Params();
      const answer = await read.query(check.detail.sql(ds, settings, p, keptRel(ds)), p.values);
      detail = check.detail.text(answer.rows[0] ?? {});
    }
    lines.push({ check, count, listed: listed ? Number(row[`l${i}`] ?? 0) : null, detail });
  }
  return { total: Number(row.total ?? 0), listedTotal: listed ? Number(row.listed ?? 0) : null, settings, lines };
}
