import type { Field } from "apache-arrow";
import { MARK_FIELD } from "../marks/sql";
import { CHECK_FIELD } from "../checks/index";
import { OVERLAP_FIELD } from "../checks/overlap";
import { PAIR_FIELD, PAIR_SEARCH_FIELD } from "../pairs/field";
import type { FilterField } from "../filters/field";
import type { LayoutId } from "../types";
import { binarized } from "./binarized";
import { generic } from "./generic";
import type { LayoutSpec } from "./spec";
import { ultrachat200k } from "./ultrachat-200k";
import { ultrachatRaw } from "./ultrachat-raw";
import { ultrafeedback } from "./ultrafeedback";

/** The known layouts, in the order detection tries them; anything else is a generic table. */
export const LAYOUTS: LayoutSpec[] = [binarized, ultrafeedback, ultrachat200k, ultrachatRaw];

const BY_ID = new Map<LayoutId, LayoutSpec>([...LAYOUTS, generic].map((s) => [s.id, s]));

export function specOf(id: LayoutId): LayoutSpec {
  return BY_ID.get(id) ?? generic;
}

/** The column types of a known layout when it arrives as JSON (generators and tests write them). */
export function layoutFields(id: LayoutId): Field[] {
  const fields = specOf(id).fields;
  if (!fields) throw new Error(`${id} has no fixed columns`);
  return fields;
}

/** Every field any layout offers, by URL parameter: links are read before the dataset is known. */
export const ALL_FIELDS: FilterField[] = [
  ...new Map(
    [ultrafeedback, binarized, ultrachat200k, ultrachatRaw, generic].flatMap((s) => s.filters).map((f) => [f.id, f]),
  ).values(),
  CHECK_FIELD,
  OVERLAP_FIELD,
  MARK_FIELD,
  PAIR_FIELD,
  PAIR_SEARCH_FIELD,
];

export type Detection = { layout: LayoutId } | { layout: LayoutId; missing: string[] };

/**
 * Picks the layout from column names alone, in priority order. A file that carries part of a
 * known signature but lacks a column the views need is reported, not shown as a generic table.
 */
export function detectLayout(columns: readonly string[]): Detection {
  const have = new Set(columns);
  for (const layout of LAYOUTS) {
    if (!layout.signature.some((c) => have.has(c))) continue;
    const missing = layout.required.filter((c) => !have.has(c));
    return missing.length > 0 ? { layout: layout.id, missing } : { layout: layout.id };
  }
  return { layout: "generic" };
}

/** The layout of a file's columns, or what it lacks, in words a reader can act on. */
export function detectOrExplain(columns: readonly string[]): { layout: LayoutId } | { problem: string } {
  const detected = detectLayout(columns);
  if (!("missing" in detected)) return { layout: detected.layout };
  const plural = detected.missing.length > 1 ? "s" : "";
  return {
    problem: `looks like ${specOf(detected.layout).label} but lacks the column${plural} ${detected.missing.join(", ")}`,
  };
}
