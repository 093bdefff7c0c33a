import { PostgreSQL } from "@codemirror/lang-sql";
import type { Connector } from "../engine/types";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import type { LoadedDataset } from "../types";

/** A view the console reads by name: a dataset as its file holds it, or its companion table. */
export interface ReadableView {
  name: string;
  /** What one of its rows is ("pairs", "completions"). */
  noun: string;
  /** The dataset it reads. */
  dataset: string;
}

/** Every readable view of the open datasets, each dataset's companion (its completions) after it. */
export function readableViews(datasets: readonly Pick<LoadedDataset, "id" | "sqlName" | "layout">[]): ReadableView[] {
  return datasets.flatMap((d) => {
    const spec = specOf(d.layout);
    const own = { name: d.sqlName, noun: spec.noun[1], dataset: d.id };
    return spec.companion
      ? [own, { name: `${d.sqlName}${spec.companion.readable}`, noun: "completions", dataset: d.id }]
      : [own];
  });
}

/**
 * Whether a table's name is one of the page's own (the rows as loaded, the check flags, the console's
 * results): they carry the session's prefix, or are a dataset's table behind its readable view.
 */
export function internalTest(prefix: string, datasets: readonly Pick<LoadedDataset, "table" | "layout">[]) {
  const own = new Set(
    datasets.flatMap((d) => {
      const companion = specOf(d.layout).companion;
      return companion ? [d.table, `${d.table}${companion.suffix}`] : [d.table];
    }),
  );
  return (name: string) => name.startsWith(`${prefix}_`) || own.has(name);
}

/** The columns of a result that name tables (information_schema, SHOW TABLES, duckdb_tables()). */
export const TABLE_NAME_COLUMNS = ["table_name", "name", "view_name"] as const;

const unquote = (text: string) => (text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text);

/**
 * The left side of a query's join, read from its text: the table after the statement's own FROM
 * (not a subquery's) when a JOIN follows it, with the USING column when there is one. Null when the
 * query joins nothing at its top level.
 */
export function joinOf(sql: string): { left: string; key: string | null } | null {
  const statement = PostgreSQL.language.parser.parse(sql).topNode.firstChild;
  if (!statement) return null;
  const tokens: { name: string; text: string; node: { firstChild: unknown } }[] = [];
  for (let n = statement.firstChild; n; n = n.nextSibling) {
    tokens.push({ name: n.name, text: sql.slice(n.from, n.to), node: n });
  }
  const from = tokens.findIndex((t) => t.name === "Keyword" && t.text.toUpperCase() === "FROM");
  const left = tokens[from + 1];
  if (from < 0 || !left || !/^(Quoted)?Identifier$/.test(left.name)) return null;
  const keyword = (t: { name: string; text: string }, ...words: string[]) =>
    t.name === "Keyword" && words.includes(t.text.toUpperCase());
  const join = tokens.findIndex((t, i) => i > from && keyword(t, "JOIN"));
  if (join < 0) return null;
  // Rows of the other side (RIGHT, FULL) or of another query (UNION…) may add to the count: no note then.
  if (tokens.some((t) => keyword(t, "RIGHT", "FULL", "UNION", "INTERSECT", "EXCEPT"))) return null;
  const using = tokens.findIndex((t, i) => i > join && t.name === "Keyword" && t.text.toUpperCase() === "USING");
  const keys = using < 0 ? null : /^\(\s*("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*\)$/.exec(tokens[using + 1]?.text ?? "");
  return { left: unquote(left.text), key: keys ? unquote(keys[1]!) : null };
}

/** A result with more rows than the view on its join's left: which view, how many rows it has. */
export interface JoinGrowth {
  left: ReadableView;
  leftRows: number;
  key: string | null;
}

/**
 * When the query joins a readable view to something and gives more rows than that view has, the
 * join matched some of its rows more than once: how many the view has, to say so. Only the names of
 * readable views are counted.
 */
export async function joinGrowth(
  db: Connector,
  sql: string,
  views: readonly ReadableView[],
  resultRows: number,
): Promise<JoinGrowth | null> {
  const join = joinOf(sql);
  const left = join && views.find((v) => v.name === join.left);
  if (!join || !left) return null;
  const leftRows = Number((await db.query(`SELECT count(*) AS n FROM ${ident(left.name)}`)).rows[0]?.n ?? 0);
  return resultRows > leftRows ? { left, leftRows, key: join.key } : null;
}
