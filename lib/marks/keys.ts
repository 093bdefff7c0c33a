import { specOf } from "../layouts/registry";
import { fnv1a64 } from "../text/hash";
import type { DatasetRef, LayoutId } from "../types";

/** What names a dataset's marks: its layout, its split where its name says it, or its files. */
export interface MarkSource {
  id: string;
  name: string;
  layout: LayoutId;
  columns: readonly string[];
  files?: readonly string[];
  fingerprint?: string;
}

/** Splits of the published datasets, read from a dataset's id, name or files (`train_prefs`, `test_sft` …). */
const SPLIT = /(?:^|[^a-z])((?:train|test)_(?:sft|gen|prefs))(?![a-z])/i;

/** The column that identifies a row of a table of no known layout, if it has one. */
const genericKey = (columns: readonly string[]) => (columns.includes("prompt_id") ? "prompt_id" : null);

/**
 * The name a dataset's marks are kept under. Rows of the published layouts are keyed by their own ids,
 * so one split read from another source (the sample, a file, the Hub) finds the same marks; a table of
 * no known layout is keyed by row number, under the fingerprint of its files.
 */
export function markScope(ds: MarkSource): string {
  if (ds.layout !== "generic") {
    const split = [ds.id, ds.name, ...(ds.files ?? [])].map((s) => SPLIT.exec(s)?.[1]).find(Boolean);
    return split ? `${ds.layout}:${split.toLowerCase()}` : ds.layout;
  }
  const key = genericKey(ds.columns);
  return key
    ? `generic:${key}`
    : `generic:${fnv1a64(ds.fingerprint ?? ds.id)
        .toString(16)
        .padStart(16, "0")}`;
}

/** Scopes are plain names (layout ids, split names, hex): safe to write in SQL as constants. */
export const isScope = (s: string) => /^[a-z0-9_]+(?::[a-z0-9_]+)?$/.test(s);

/** SQL of the key of a row, over the dataset's table: its id as text, or its row number. */
export function markKeySql(ds: Pick<DatasetRef, "layout" | "columns">): string {
  if (ds.layout === "generic") {
    const key = genericKey(ds.columns);
    return key ? `CAST("${key}" AS VARCHAR)` : "CAST(__row AS VARCHAR)";
  }
  const id = specOf(ds.layout).idSql;
  return id ? `CAST((${id}) AS VARCHAR)` : "CAST(__row AS VARCHAR)";
}

/** What a row's key is, in words ("prompt_id", "instruction"). */
export function markKeyName(ds: Pick<DatasetRef, "layout" | "columns">): string {
  if (ds.layout === "ultrafeedback") return "id (or, without one, instruction)";
  if (ds.layout === "ultrachat_raw") return "id";
  if (ds.layout === "generic") return genericKey(ds.columns) ?? "row number";
  return "prompt_id";
}
