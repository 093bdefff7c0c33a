import type { Connector } from "../engine/types";
import { conditions } from "../filters/where";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import { flagCondition, pairingOf } from "./align";
import { flagsOf, flagTitle } from "./flags";
import type { PairSettings } from "./rules";

export interface PairCheckLine {
  id: string;
  title: string;
  reason: string;
  count: number;
  /** Of those, rows the list shows with its other filters and search; null when nothing else narrows it. */
  listed: number | null;
}

/** The pairing's headings and flags as lines of the checks report: over every row, and over the listed ones. */
export async function pairReport(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  settings: PairSettings,
): Promise<PairCheckLine[]> {
  const stored = pairingOf(ds);
  if (!stored) return [];
  const params = new Params();
  const others = conditions(ds, state, params, "pf");
  const listed = others.length ? others.join(" AND ") : null;
  const lines = [
    { id: "only_left", title: flagTitle("only_left"), reason: "Rows of this dataset whose key the partner lacks." },
    { id: "repeated", title: flagTitle("repeated"), reason: "Rows whose key is on more than one row of a side." },
    ...flagsOf(stored.summary.kind),
  ];
  const counts = lines.flatMap((f, i) => {
    const cond = flagCondition(f.id, settings, params)!;
    return [
      `count(*) FILTER (WHERE ${cond}) AS c${i}`,
      ...(listed ? [`count(*) FILTER (WHERE (${cond}) AND __listed) AS l${i}`] : []),
    ];
  });
  const { rows } = await db.query(
    `SELECT ${counts.join(", ")} FROM ${ident(stored.table)} p ` +
      `JOIN (SELECT __row${listed ? `, coalesce(${listed}, false) AS __listed` : ""} FROM ${ident(ds.table)}) d ON d.__row = p.l`,
    params.values,
  );
  const row = rows[0] ?? {};
  return lines.map((f, i) => ({
    id: f.id,
    title: f.title,
    reason: f.reason,
    count: Number(row[`c${i}`] ?? 0),
    listed: listed ? Number(row[`l${i}`] ?? 0) : null,
  }));
}
