import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import type { ListRow } from "@/lib/data/list";
import type { LayoutId } from "@/lib/formats/layouts";
import { ASPECTS, type Aspect } from "@/lib/formats/ratings";
import { Highlight } from "@/components/text/highlight";

const col = createColumnHelper<ListRow>();
const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));
const num = (v: unknown) => (typeof v === "number" ? v : null);
const fixed = (v: unknown, digits = 2) => {
  const n = num(v);
  return n === null ? "—" : n.toFixed(n % 1 === 0 ? 0 : digits);
};

export const ASPECT_SHORT: Record<Aspect, string> = {
  instruction_following: "Instruction following",
  honesty: "Honesty",
  truthfulness: "Truthfulness",
  helpfulness: "Helpfulness",
};

/** Mean on a 1–5 scale, tinted from red to green so a column of them reads at a glance. */
function MeanCell({ value }: { value: unknown }) {
  const n = num(value);
  if (n === null) return <span className="text-slate-400">—</span>;
  const tint =
    n >= 4.5 ? "text-emerald-700" : n >= 3.5 ? "text-lime-700" : n >= 2.5 ? "text-amber-700" : "text-rose-700";
  return <span className={`font-semibold ${tint}`}>{n.toFixed(2)}</span>;
}

const TURNS_LABEL: Partial<Record<LayoutId, string>> = { ultrafeedback: "Compl.", ultrafeedback_binarized: "Turns" };

const numeric = (id: string, header: string, size: number, render: (v: unknown) => React.ReactNode, title?: string) =>
  col.accessor((r) => r.cells[id] ?? null, {
    id,
    header,
    size,
    sortDescFirst: true,
    meta: { numeric: true, title },
    cell: (c) => render(c.getValue()),
  });

function feedbackColumns(query: string) {
  return [
    col.accessor((r) => r.cells.source ?? "", {
      id: "source",
      header: "Source",
      size: 96,
      cell: (c) => <span className="text-xs text-slate-600">{String(c.getValue())}</span>,
    }),
    col.accessor((r) => r.cells.__models ?? "", {
      id: "__models",
      header: "Models",
      size: 200,
      meta: { wrap: true },
      cell: (c) => (
        <span className="text-xs text-slate-600">
          <Highlight text={String(c.getValue())} query={query} />
        </span>
      ),
    }),
    ...ASPECTS.map((a) =>
      col.group({
        id: `group_${a}`,
        header: ASPECT_SHORT[a],
        columns: [
          numeric(
            `__mean_${a}`,
            "avg",
            58,
            (v) => <MeanCell value={v} />,
            `mean ${a.replace("_", " ")} over the completions (N/A left out)`,
          ),
          numeric(
            `__spread_${a}`,
            "Δ",
            50,
            (v) => fixed(v),
            `spread of ${a.replace("_", " ")}: highest minus lowest rating`,
          ),
        ],
      }),
    ),
    col.group({
      id: "group_overall",
      header: "Overall score",
      columns: [
        numeric("__overall_min", "min", 50, (v) => fixed(v, 1), "lowest overall_score of the completions"),
        numeric("__overall_max", "max", 50, (v) => fixed(v, 1), "highest overall_score of the completions"),
      ],
    }),
    numeric("__na", "N/A", 48, (v) => (num(v) ? <span className="font-semibold text-slate-700">{fixed(v)}</span> : "")),
  ];
}

function pairColumns() {
  return [
    numeric("score_chosen", "Chosen", 76, (v) => fixed(v)),
    numeric("score_rejected", "Rejected", 84, (v) => fixed(v)),
    numeric("__margin", "Margin", 72, (v) =>
      num(v) === 0 ? <span className="rounded bg-amber-100 px-1 text-amber-800">tie</span> : fixed(v),
    ),
  ];
}

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
          meta: { wrap: true },
          cell: (c) => <Highlight text={String(c.getValue())} query={query} />,
        }),
      ),
    ] as ColumnDef<ListRow, unknown>[];
  }
  const preview = col.accessor("preview", {
    id: "__preview",
    header: layout === "ultrafeedback" ? "Instruction" : "Prompt",
    size: 0,
    meta: { wrap: true },
    cell: (c) => <Highlight text={c.getValue()} query={query} />,
  });
  const turns = col.accessor("turns", {
    id: "__turns",
    header: TURNS_LABEL[layout] ?? "Turns",
    size: 64,
    meta: { numeric: true },
    cell: (c) => fmt(c.getValue()),
  });
  const chars = col.accessor("chars", {
    id: "__chars",
    header: "Chars",
    size: 80,
    sortDescFirst: true,
    meta: { numeric: true },
    cell: (c) => fmt(c.getValue()),
  });
  if (layout === "ultrafeedback")
    return [row, preview, ...feedbackColumns(query), turns] as ColumnDef<ListRow, unknown>[];
  if (layout === "ultrafeedback_binarized") {
    return [row, preview, ...pairColumns(), chars] as ColumnDef<ListRow, unknown>[];
  }
  return [row, preview, turns, chars] as ColumnDef<ListRow, unknown>[];
}
