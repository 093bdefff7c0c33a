import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import type { ListRow } from "@/lib/data/list";
import type { LayoutId } from "@/lib/formats/layouts";
import { Highlight } from "@/components/text/highlight";

const col = createColumnHelper<ListRow>();
const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

const TURNS_LABEL: Partial<Record<LayoutId, string>> = { ultrafeedback: "Compl.", ultrafeedback_binarized: "Turns" };

export function listColumns(layout: LayoutId, genericColumns: string[], query: string): ColumnDef<ListRow, unknown>[] {
  const row = col.accessor("row", { id: "__row", header: "#", size: 64, cell: (c) => fmt(c.getValue()) });
  if (layout === "generic") {
    return [
      row,
      ...genericColumns.map((name) =>
        col.accessor((r) => r.cells[name] ?? "", {
          id: name,
          header: name,
          size: 200,
          cell: (c) => <Highlight text={String(c.getValue())} query={query} />,
        }),
      ),
    ] as ColumnDef<ListRow, unknown>[];
  }
  return [
    row,
    col.accessor("preview", {
      id: "__preview",
      header: layout === "ultrafeedback" ? "Instruction" : "Prompt",
      size: 0,
      cell: (c) => <Highlight text={c.getValue()} query={query} />,
    }),
    col.accessor("turns", {
      id: "__turns",
      header: TURNS_LABEL[layout] ?? "Turns",
      size: 64,
      cell: (c) => fmt(c.getValue()),
    }),
    col.accessor("chars", {
      id: "__chars",
      header: "Chars",
      size: 80,
      sortDescFirst: true,
      cell: (c) => fmt(c.getValue()),
    }),
  ] as ColumnDef<ListRow, unknown>[];
}
