import { columnType } from "../formats/column-names";
import { ident } from "../sql/ident";
import { blankSql } from "../text/rules";
import type { CheckSpec } from "./types";

const TEXT = /^VARCHAR/i;

/** A table of no known layout: whole rows repeated, and texts that are empty. */
export const genericChecks: CheckSpec[] = [
  {
    id: "duplicate_row",
    title: "Duplicate rows",
    reason: "A row repeated in every column weighs twice in whatever is trained or measured on it.",
    predicate: (ds) => {
      if (!ds.columns.length) return "false";
      const key = `hash(${ds.columns.map(ident).join(", ")})`;
      return `${key} IN (SELECT ${key} FROM ${ident(ds.table)} GROUP BY 1 HAVING count(*) > 1)`;
    },
    group: (ds) => {
      if (!ds.columns.length) return "SELECT NULL AS __row, NULL AS g WHERE false";
      const key = `hash(${ds.columns.map(ident).join(", ")})`;
      return `SELECT __row, g FROM (SELECT __row, ${key} AS g, count(*) OVER (PARTITION BY ${key}) AS n FROM ${ident(ds.table)}) WHERE n > 1`;
    },
  },
  {
    id: "empty_value",
    title: "Empty texts",
    reason: "A text value that is empty or only spaces (not missing) is usually a failed export or generation.",
    predicate: (ds) => {
      const texts = ds.columns.filter((c) => TEXT.test(columnType(ds, c) ?? ""));
      if (!texts.length) return "false";
      return `(${texts.map((c) => `(${ident(c)} IS NOT NULL AND ${blankSql(ident(c))})`).join(" OR ")})`;
    },
  },
];
