import { PostgreSQL } from "@codemirror/lang-sql";

/** A web address written whole as a string in a query, where it stands in the text. */
export interface Address {
  url: string;
  from: number;
  to: number;
}

/** The text of a string literal ('…' with '' for a quote, E'…', $$…$$), or null for another token. */
function literalText(token: string): string | null {
  if (/^[eE]'/.test(token)) return token.slice(2, -1);
  if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
  const dollar = /^\$([A-Za-z_]*)\$([\s\S]*)\$\1\$$/.exec(token);
  return dollar ? dollar[2]! : null;
}

/** Table functions that read a file or an address given as their first arguments. */
const READERS = /^(read_\w+|parquet_\w+|\w+_scan|sniff_csv|glob)$/i;

type Node = ReturnType<ReturnType<typeof PostgreSQL.language.parser.parse>["resolve"]>;

/**
 * Whether a string stands where the engine reads it as a file: an argument of a reader (alone or in a
 * list: `read_csv(['…', '…'])`), or a table in FROM or JOIN (`FROM '….parquet'`). A string anywhere
 * else (`LIKE 'http://%'`, `url = 'https://…'`) is text, never fetched.
 */
function isRead(string: Node): boolean {
  let holder = string.parent;
  if (holder?.name === "Brackets") holder = holder.parent;
  if (holder?.name === "Parens") {
    const fn = holder.prevSibling;
    return (
      (fn?.name === "Identifier" || fn?.name === "QuotedIdentifier") &&
      READERS.test(fn.name === "Identifier" ? text(fn) : text(fn).slice(1, -1))
    );
  }
  for (let before = string.prevSibling; before; before = before.prevSibling) {
    if (before.name === "Punctuation" && text(before) === ",") continue;
    if (before.name === "Keyword") return /^(from|join)$/i.test(text(before));
    if (before.name !== "Identifier" && before.name !== "String" && before.name !== "Parens") return false;
  }
  return false;
}

let source = "";
const text = (n: Node) => source.slice(n.from, n.to);

/**
 * The http(s) addresses a query reads, as string literals where the engine reads a file, found by
 * parsing it (SQL's grammar, so an address in a comment, a quoted name or plain text is not one). An
 * address built at run time (`'http://…' || x`) is not found here: the engine refuses to read it (see
 * `lockdown.ts`).
 */
export function addressesIn(sql: string): Address[] {
  source = sql;
  const strings: { from: number; to: number; read: boolean }[] = [];
  PostgreSQL.language.parser.parse(sql).iterate({
    enter: (n) => {
      if (n.node.firstChild !== null || n.name !== "String") return;
      const last = strings.at(-1);
      // 'it''s' arrives as two tokens side by side: one literal.
      if (last && last.to === n.from && sql[n.from] === "'") last.to = n.to;
      else strings.push({ from: n.from, to: n.to, read: isRead(n.node) });
    },
  });
  return strings.flatMap(({ from, to, read }) => {
    const text = read ? literalText(sql.slice(from, to)) : null;
    return text !== null && /^https?:\/\/[^\s]+$/i.test(text.trim()) ? [{ url: text.trim(), from, to }] : [];
  });
}

/** The query with each address replaced by the path of its approved copy (paths are the page's own). */
export function withCopies(sql: string, addresses: readonly Address[], paths: ReadonlyMap<string, string>): string {
  let out = "";
  let at = 0;
  for (const a of addresses) {
    const path = paths.get(a.url);
    if (path === undefined) continue;
    out += `${sql.slice(at, a.from)}'${path.replaceAll("'", "''")}'`;
    at = a.to;
  }
  return out + sql.slice(at);
}

/** A file name for an address's copy: its last path segment, in letters the engine reads plainly. */
export function copyName(url: string, n: number): string {
  let last = "file";
  try {
    last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "file";
  } catch {
    // keep the default
  }
  return `${n}-${last.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "file"}`;
}
