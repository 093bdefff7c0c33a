"use client";
import { useState, useSyncExternalStore } from "react";
import type { ReadableView } from "@/lib/console/tables";
import { MARKS_TABLE } from "@/lib/marks/table";
import { ident } from "@/lib/sql/ident";
import type { EngineKind } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { useWorkspace } from "@/components/query/workspace";

const never = () => () => undefined;

interface Column {
  name: string;
  type: string;
}

/** A name as it is typed: bare when it can be, quoted otherwise (and when it is one of DuckDB's reserved words). */
const typed = (name: string, reserved: ReadonlySet<string>) =>
  /^[a-z_][a-z0-9_]*$/.test(name) && !reserved.has(name) ? name : ident(name);

/**
 * The views a query can read, each with its columns and their types as DuckDB describes them; a click
 * on a name puts it in the query at the cursor. The tables behind these views are the page's own and
 * are not listed.
 */
export function SchemaList({
  views: datasetViews,
  engine,
  onInsert,
}: {
  views: readonly ReadableView[];
  engine: EngineKind;
  onInsert: (text: string) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(datasetViews.slice(0, 1).map((v) => v.name)));
  // The page's marks are a table to query too, once it is made.
  const marksTable = useWorkspace()?.derivedFor({ engine }).marks;
  const marks = useSyncExternalStore(
    marksTable?.subscribe ?? never,
    () => marksTable?.exists ?? false,
    () => false,
  );
  const described = useQuery(
    ["console-schema", datasetViews.map((v) => v.name), marks],
    async (db) => {
      const views = marks ? [...datasetViews, { name: MARKS_TABLE, noun: "your marks", dataset: "" }] : datasetViews;
      const columns = await Promise.all(
        views.map(async (v) => {
          const { rows } = await db.query(`DESCRIBE ${ident(v.name)}`);
          return rows.map((r): Column => ({ name: String(r.column_name), type: String(r.column_type) }));
        }),
      );
      const words = await db.query("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'");
      return { views, columns, reserved: new Set(words.rows.map((r) => String(r.keyword_name))) };
    },
    "panel",
    engine,
  );
  const views = described.data?.views ?? datasetViews;
  const reserved = described.data?.reserved ?? new Set<string>();
  const toggle = (name: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  return (
    <nav
      data-testid="sql-schema"
      aria-label="Views to query"
      className="hidden min-h-0 w-72 shrink-0 flex-col gap-1 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 text-xs lg:flex"
    >
      <h3 className="font-semibold text-slate-700">Views to query</h3>
      <p className="text-slate-600">A click puts a name in the query.</p>
      <ul className="flex flex-col gap-1">
        {views.map((v, i) => {
          const columns = described.data?.columns[i];
          const expanded = open.has(v.name);
          return (
            <li key={v.name} data-testid="sql-schema-view" data-name={v.name}>
              <div className="flex items-center gap-1">
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-label={`${expanded ? "Hide" : "Show"} the columns of ${v.name}`}
                  onClick={() => toggle(v.name)}
                  className="min-h-6 w-6 shrink-0 rounded text-slate-600 hover:bg-slate-200"
                >
                  {expanded ? "▾" : "▸"}
                </button>
                <button
                  type="button"
                  data-testid="sql-schema-name"
                  onClick={() => onInsert(typed(v.name, reserved))}
                  title={`Put ${v.name} in the query`}
                  className="min-h-6 min-w-0 rounded px-1 text-left font-mono font-medium break-all text-sky-800 hover:bg-sky-100"
                >
                  {v.name}
                </button>
                <span className="ml-auto shrink-0 text-slate-600">{v.noun}</span>
              </div>
              {expanded && (
                <ul className="mt-0.5 ml-7 flex flex-col" aria-label={`Columns of ${v.name}`}>
                  {!columns && <li className="text-slate-600">{described.error ? described.error.message : "…"}</li>}
                  {columns?.map((c) => (
                    <li key={c.name} data-testid="sql-schema-column" className="flex max-w-full items-baseline gap-2">
                      <button
                        type="button"
                        onClick={() => onInsert(typed(c.name, reserved))}
                        className="min-h-6 max-w-[65%] shrink-0 rounded px-1 text-left font-mono break-all text-slate-800 hover:bg-sky-100"
                      >
                        {c.name}
                      </button>
                      <span className="ml-auto min-w-0 truncate font-mono text-[10px] text-slate-600" title={c.type}>
                        {c.type.toLowerCase()}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
