import { PostgreSQL } from "@codemirror/lang-sql";
import { hiddenOf, rowNumberName } from "../ingest/views";
import { specOf } from "../layouts/registry";
import type { LoadedDataset } from "../types";

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The reader DuckDB's CLI reads a dataset's files with, as they were opened. */
function reader(ds: LoadedDataset): string {
  const files = `[${ds.origins.map(literal).join(", ")}]`;
  return ds.origins.every((f) => /\.parquet([?#].*)?$/i.test(f))
    ? `read_parquet(${files})`
    : `read_json(${files}, format = 'newline_delimited')`;
}

/** What each readable name stands for outside the page: the files, read with the row number the view adds. */
export function cliSources(datasets: readonly LoadedDataset[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const ds of datasets) {
    if (!ds.origins?.length) continue;
    const row = rowNumberName(ds.columns);
    const numbered = `(SELECT row_number() OVER () - 1 AS __row, * FROM ${reader(ds)})`;
    out.set(ds.sqlName.toLowerCase(), `(SELECT * RENAME (__row AS "${row}") FROM ${numbered})`);
    const companion = specOf(ds.layout).companion;
    if (companion) {
      out.set(
        `${ds.sqlName}${companion.readable}`.toLowerCase(),
        `(SELECT *${hiddenOf(companion)} RENAME (__row AS "${row}") FROM (${companion.select(numbered, 0)}))`,
      );
    }
  }
  return out;
}

/**
 * The same query for DuckDB's own CLI: each readable name becomes the files it stands for. Names are
 * found by parsing the SQL (CodeMirror's SQL grammar), so names inside strings and comments, and
 * column names after a dot, stay as they are.
 */
export function forDuckdbCli(sql: string, datasets: readonly LoadedDataset[]): string {
  const sources = cliSources(datasets);
  const tokens: { name: string; from: number; to: number; text: string }[] = [];
  PostgreSQL.language.parser.parse(sql).iterate({
    enter: (n) => {
      if (n.node.firstChild === null)
        tokens.push({ name: n.name, from: n.from, to: n.to, text: sql.slice(n.from, n.to) });
    },
  });
  let out = "";
  let at = 0;
  tokens.forEach((t, i) => {
    const quoted = t.name === "QuotedIdentifier";
    if (t.name !== "Identifier" && !quoted) return;
    const name = quoted ? t.text.slice(1, -1).replaceAll('""', '"') : t.text.toLowerCase();
    const source = sources.get(name.toLowerCase());
    if (!source || tokens[i - 1]?.name === "." || tokens[i + 1]?.name === ".") return;
    // Keep the name as an alias unless the query gives one, so qualified columns still resolve.
    const next = tokens[i + 1];
    const aliased =
      next?.name === "Identifier" || next?.name === "QuotedIdentifier" || next?.text.toUpperCase() === "AS";
    out += sql.slice(at, t.from) + (aliased ? source : `${source} AS ${t.text}`);
    at = t.to;
  });
  return out + sql.slice(at);
}
