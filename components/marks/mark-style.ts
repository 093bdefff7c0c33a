import type { Mark } from "@/lib/marks/types";

/** How each mark looks, the same in the list, the record and the panel. */
export const MARK_STYLE: Record<Mark, { label: string; key: string; on: string; chip: string }> = {
  keep: {
    label: "Keep",
    key: "1",
    on: "border-emerald-700 bg-emerald-700 text-white",
    chip: "bg-emerald-100 text-emerald-800",
  },
  discard: {
    label: "Discard",
    key: "2",
    on: "border-rose-700 bg-rose-700 text-white",
    chip: "bg-rose-100 text-rose-800",
  },
  review: {
    label: "Review",
    key: "3",
    on: "border-amber-600 bg-amber-600 text-white",
    chip: "bg-amber-100 text-amber-900",
  },
  swap: {
    label: "Swap",
    key: "4",
    on: "border-violet-700 bg-violet-700 text-white",
    chip: "bg-violet-100 text-violet-800",
  },
};
