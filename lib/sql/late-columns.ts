import { specOf } from "../layouts/registry";
import type { DatasetRef, LayoutId } from "../types";
import { ident } from "./ident";
import type { LateSummary } from "./late";

export const lateSummaries = (layout: LayoutId): readonly LateSummary[] => specOf(layout).late ?? [];

/** The statements that build a table's late summary columns (see `LateSummary`). */
export function lateColumnStatements(ds: DatasetRef): string[] {
  const late = lateSummaries(ds.layout);
  if (late.length === 0) return [];
  const t = ident(ds.table);
  return [
    ...late.map((s) => `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ${ident(s.name)} ${s.type}`),
    `UPDATE ${t} SET ${late.map((s) => `${ident(s.name)} = ${s.sql}`).join(", ")}`,
  ];
}

/** The late summaries as columns of a SELECT that reads a whole file (the server computes them at load). */
export const lateSelect = (layout: LayoutId) =>
  lateSummaries(layout)
    .map((s) => `, CAST(${s.sql} AS ${s.type}) AS ${ident(s.name)}`)
    .join("");
