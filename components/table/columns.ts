import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import type { Cell, ListRow } from "@/lib/data/list";
import { own } from "@/lib/engine/values";
import type { ListColumn } from "@/lib/layouts/spec";

const col = createColumnHelper<ListRow>();

/** A list cell's value: the row's base fields (number, preview, turns, characters) or a further column. */
export function cellValue(r: ListRow, c: ListColumn): Cell {
  switch (c.id) {
    case "__row":
      return r.row;
    case "__preview":
      return r.preview;
    case "__turns":
      return r.turns;
    case "__chars":
      return r.chars;
    default:
      return own(r.cells, c.id) ?? null;
  }
}

/**
 * The layout's list columns as TanStack column definitions: the table runs in manual mode and owns
 * the headers (groups, sort state); SQL sorts, and rows render straight from the column list.
 */
export function tableColumns(columns: readonly ListColumn[]): ColumnDef<ListRow, unknown>[] {
  const out: ColumnDef<ListRow, unknown>[] = [];
  const leaf = (c: ListColumn) =>
    col.accessor((r) => cellValue(r, c), {
      id: c.id,
      header: c.header,
      size: c.width ?? 0,
      sortDescFirst: c.descFirst ?? false,
      meta: { column: c },
    }) as ColumnDef<ListRow, unknown>;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (!c.group) {
      out.push(leaf(c));
      continue;
    }
    const members: ListColumn[] = [];
    while (i < columns.length && columns[i]!.group === c.group) members.push(columns[i++]!);
    i--;
    out.push(
      col.group({ id: `group_${c.group}_${i}`, header: c.group, columns: members.map(leaf) }) as ColumnDef<
        ListRow,
        unknown
      >,
    );
  }
  return out;
}
