import { columnLabel, columnType } from "../formats/column-names";
import { own } from "../engine/values";
import { ident } from "../sql/ident";
import { ownColumn, PREVIEW, ROW_COLUMN, text } from "./common";
import type { LayoutSpec } from "./spec";
import { columnCharts } from "../stats/columns";

/** How many of a table's own columns its list shows. */
export const GENERIC_LIST_COLUMNS = 8;

/** Any other table: its own columns, listed and searched as text. */
export const generic: LayoutSpec = {
  id: "generic",
  label: "Table",
  noun: ["row", "rows"],
  signature: [],
  required: [],
  fields: null,
  normalize: (record) => record,
  derived: (columns) => ({
    preview: columns[0] !== undefined ? `left(CAST(${ident(columns[0])} AS VARCHAR), ${PREVIEW})` : "NULL",
    turns: "NULL",
    chars: "NULL",
  }),
  summaries: [],
  searchText: (columns) => columns.map((c) => `CAST(${ident(c)} AS VARCHAR)`),
  listColumns: (ds) => [
    ROW_COLUMN,
    ...ds.columns.slice(0, GENERIC_LIST_COLUMNS).map((c) => ownColumn(c, columnType(ds, c), own(ds.labels, c))),
  ],
  toRecord: (r, ds) => ({
    kind: "generic",
    row: Number(r.__row),
    fields: ds.columns.map((name) => ({ name: columnLabel(ds, name), value: text(own(r, name)) })),
  }),
  filters: [],
  charts: (_ds, columns) => columnCharts(columns),
  chartsFromColumns: true,
  stacked: false,
};
