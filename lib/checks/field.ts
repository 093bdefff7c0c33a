import type { FilterField } from "../filters/field";
import type { CheckSpec } from "./types";
import { checkFlagsPredicate, inlineRel } from "./flags";
import { resolveSettings } from "./types";
import type { LayoutId } from "../types";

/** Checks that had another name in earlier links. */
export const RENAMED_CHECKS: Readonly<Record<string, string>> = { short_response: "under_length" };

/**
 * The filter a check line sets (`check=<id>`): exactly the rows the check flags, with the settings in
 * force. While the report's flags are stored for these settings the list reads them; otherwise the
 * check's own SQL decides (the same rows either way).
 */
export function checkField(
  checksOf: (layout: LayoutId) => readonly CheckSpec[],
  known: ReadonlySet<string>,
  title: (id: string) => string,
): FilterField {
  const find = (layout: LayoutId, id: string) => checksOf(layout).find((c) => c.id === id) ?? null;
  return {
    id: "check",
    op: "is",
    label: "Check",
    level: "row",
    param: "check",
    hidden: true,
    renamed: RENAMED_CHECKS,
    // A link is read before its dataset is known: any check's name stands until then.
    accepts: (c, ds) => c.op === "is" && (ds.table === "" ? known.has(c.value) : find(ds.layout, c.value) !== null),
    predicate: (c, { ds, params, settings }) => {
      if (c.op !== "is") return null;
      const check = find(ds.layout, c.value);
      if (!check) return null;
      const checks = checksOf(ds.layout);
      const s = resolveSettings(checks, settings);
      return checkFlagsPredicate(ds, checks, s, check.id) ?? check.predicate(ds, s, params, inlineRel(ds, s, params));
    },
    // The words of the dataset's own check, as its line in the report says them.
    describe: (c, ds) => `check: ${c.op === "is" ? ((ds && find(ds.layout, c.value)?.title) ?? title(c.value)) : ""}`,
  };
}
