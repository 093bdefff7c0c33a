import { memo } from "react";
import { flexRender, type Table } from "@tanstack/react-table";
import type { ListRow } from "@/lib/data/list";
import { isNumericKind } from "./cells";

/**
 * The list's header rows: column groups, then one sort button per column. It renders again only when
 * the columns or the sort change (`sortKey`), not on every scroll.
 */
/** What a sort button sorts, in words: its group's name with its own ("Honesty avg"). */
function sortName(column: {
  id: string;
  parent?: { columnDef: { header?: unknown } };
  columnDef: { meta?: { column?: { title: string } } };
}) {
  const own = column.columnDef.meta?.column?.title ?? column.id;
  const group = column.parent?.columnDef.header;
  return typeof group === "string" && group !== "" ? `${group} ${own}` : own;
}

export const ListHeader = memo(function ListHeader({
  table,
  template,
}: {
  table: Table<ListRow>;
  template: string;
  sortKey: string;
}) {
  return (
    <>
      {table.getHeaderGroups().map((group) => (
        <div
          key={group.id}
          role="row"
          className="grid border-b border-slate-200 bg-slate-100 text-xs font-semibold text-slate-600"
          style={{ gridTemplateColumns: template }}
        >
          {group.headers.map((h) => {
            const span = { gridColumn: `span ${h.colSpan}` };
            if (h.isPlaceholder) return <div key={h.id} style={span} aria-hidden />;
            if (h.subHeaders.length > 0) {
              return (
                <div
                  key={h.id}
                  style={span}
                  role="columnheader"
                  title={String(h.column.columnDef.header)}
                  className="truncate border-l border-slate-200 px-1 pt-1 text-center"
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </div>
              );
            }
            const dir = h.column.getIsSorted();
            const column = h.column.columnDef.meta?.column;
            const numeric = column ? isNumericKind(column.kind) : false;
            if (column?.unsortable) {
              return (
                <div
                  key={h.id}
                  style={span}
                  role="columnheader"
                  title={column.title}
                  className="truncate px-2 py-1.5 text-left"
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </div>
              );
            }
            return (
              <div
                key={h.id}
                style={span}
                role="columnheader"
                aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
              >
                <button
                  type="button"
                  data-testid={`sort-${h.column.id}`}
                  onClick={h.column.getToggleSortingHandler()}
                  className={`w-full truncate px-2 py-1.5 hover:bg-slate-200 ${numeric ? "text-right" : "text-left"}`}
                  title={`Sort by ${sortName(h.column)}`}
                >
                  <span className="sr-only">Sort by {sortName(h.column)}: </span>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                  {column?.subtitle && (
                    <span className="block truncate font-mono text-[10px] font-normal text-slate-600">
                      {column.subtitle}
                    </span>
                  )}
                </button>
              </div>
            );
          })}
        </div>
      ))}
    </>
  );
});
