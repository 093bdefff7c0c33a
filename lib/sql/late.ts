import type { DatasetRef } from "../types";
import { ident } from "./ident";

/**
 * A summary too costly to compute on every load (a pattern over all of a row's text): it is computed
 * inline by the statements that need it until its column is built, once, on first use (the charts, or
 * a filter on it). The same answer either way; only faster once built.
 */
export interface LateSummary {
  name: string;
  /** Its DuckDB type. */
  type: string;
  /** SQL over the row's own columns. */
  sql: string;
  /** The filter fields that read it: a clause on one of them asks for the column. */
  fields: string[];
}

/** The SQL of a late summary for a dataset: its column once built, else its expression. */
export const lateSql = (ds: DatasetRef, s: LateSummary) => (ds.lateBuilt ? ident(s.name) : `(${s.sql})`);
