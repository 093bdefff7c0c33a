import type { Connector } from "../engine/types";
import { own as ownValue } from "../engine/values";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import type { LayoutId } from "../types";

/** A name people can type: lowercase letters, digits and underscores, not starting with a digit. */
function sanitize(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return s === "" ? "data" : /^\d/.test(s) ? `t_${s}` : s;
}

const stem = (file: string) =>
  (file.split("/").pop() ?? file)
    .replace(/\.(jsonl|json|ndjson|parquet)(\.gz)?$/i, "")
    .replace(/-\d{5}-of-\d{5}(-[0-9a-f]+)?$/i, "");

/**
 * The readable SQL name of a dataset, from what the page calls it: `ultrafeedback` for the sample,
 * `ultrachat_200k_train_sft` for a Hub split, `train_0` for a file. The same dataset gets the same
 * name each time it is opened; a name already taken by another open dataset gets a number.
 */
export function readableName(id: string, taken: ReadonlySet<string>): string {
  let base: string;
  const hub = /^hf:[^/:]+\/([^:]+):([^:]+)/.exec(id);
  if (hub) base = `${hub[1]}_${hub[2]}`;
  else if (id.startsWith("file:")) base = stem(id.slice(5).replace(/~\d+$/, "").split("+")[0] ?? "");
  else if (id.startsWith("url:")) base = stem(id.slice(4).replace(/[?#].*$/, ""));
  else if (id.startsWith("server:")) base = id.slice(7);
  else base = id;
  const name = sanitize(base);
  // `marks` is the page's own table of marks (see lib/marks/table.ts).
  if (!taken.has(name) && name.toLowerCase() !== "marks") return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}_${i}`)) return `${name}_${i}`;
}

/** The name of the row number in the readable views: `row`, unless the data has a column of that name. */
export function rowNumberName(columns: readonly string[]): string {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  return ["row", "row_number", "_row"].find((n) => !lower.has(n)) ?? "__row";
}

/**
 * Views with readable names over a dataset's tables: its own columns and its row number, none of the
 * derived ones; for UltraFeedback also one row per completion with readable column names.
 */
export function readableViewStatements(
  sqlName: string,
  table: string,
  layout: LayoutId,
  columns: readonly string[],
  labels: Record<string, string> = {},
): string[] {
  // Columns stored under another name show their own where it can be a column name in the view.
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  const shown = columns.map((c) => {
    const label = ownValue(labels, c);
    if (label === undefined || label === "" || taken.has(label.toLowerCase())) return c;
    taken.add(label.toLowerCase());
    return label;
  });
  const row = rowNumberName(shown);
  const own = columns.map((c, i) => (shown[i] === c ? ident(c) : `${ident(c)} AS ${ident(shown[i]!)}`)).join(", ");
  const out = [
    `CREATE OR REPLACE VIEW ${ident(sqlName)} AS SELECT __row AS ${ident(row)}${own ? `, ${own}` : ""} FROM ${ident(table)}`,
  ];
  const companion = specOf(layout).companion;
  if (companion) {
    out.push(
      `CREATE OR REPLACE VIEW ${ident(`${sqlName}${companion.readable}`)} AS SELECT *${hiddenOf(companion)} RENAME (__row AS ${ident(row)}) ` +
        `FROM ${ident(`${table}${companion.suffix}`)}`,
    );
  }
  return out;
}

/** ` EXCLUDE (…)` of a companion's hidden columns, or nothing. */
export const hiddenOf = (companion: { hidden?: string[] }) =>
  companion.hidden?.length ? ` EXCLUDE (${companion.hidden.map(ident).join(", ")})` : "";

export function dropViewStatements(sqlName: string, layout: LayoutId): string[] {
  const companion = specOf(layout).companion;
  const names = companion ? [sqlName, `${sqlName}${companion.readable}`] : [sqlName];
  return names.map((n) => `DROP VIEW IF EXISTS ${ident(n)}`);
}

/** Makes a dataset's readable views again (after a load that was to replace it failed); a view that fails is left out. */
export async function restoreViews(
  db: Connector,
  ds: { sqlName: string; table: string; layout: LayoutId; columns: string[]; labels?: Record<string, string> },
) {
  for (const sql of readableViewStatements(ds.sqlName, ds.table, ds.layout, ds.columns, ds.labels))
    await db.query(sql).catch(() => undefined);
}
