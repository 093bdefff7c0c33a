import { specOf } from "../layouts/registry";
import type { LayoutId } from "../types";

/**
 * SELECT list that adds the derived columns to a staged batch whose first row is number `offset`:
 * row number, preview, turns, characters, and the layout's summaries; computed once at load, so
 * listing, sorting and counting never walk nested text. Offset null: no row number (the rows of a
 * file read whole are numbered by the table they go into, see `loadFilesSql`).
 */
export function deriveSelect(layout: LayoutId, offset: number | null, columns: readonly string[]): string {
  const spec = specOf(layout);
  const { preview, turns, chars } = spec.derived(columns);
  return [
    ...(offset === null ? [] : [`CAST(${Math.trunc(offset)} + rowid AS BIGINT) AS __row`]),
    `CAST(${preview} AS VARCHAR) AS __preview`,
    `CAST(${turns} AS INTEGER) AS __turns`,
    `CAST(${chars} AS BIGINT) AS __chars`,
    ...spec.summaries.map(([name, expr]) => `${expr} AS ${name}`),
    "*",
  ].join(", ");
}
