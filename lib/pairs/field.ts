import type { FilterField } from "../filters/field";
import { flagTitle } from "./flags";
import { pairingOf, pairPredicate } from "./align";
import { pairSettings } from "./rules";

/** The headings and flags a pair's list can be filtered to (`pf=` in links). */
export const PAIR_FILTERS = [
  "aligned",
  "only_left",
  "repeated",
  "turns",
  "dropped",
  "untranslated",
  "length",
  "numbers",
  "code",
  "ratings",
  "changed",
  "equal",
] as const;

/** `pf=<flag>`: this side's rows under a flag of its pairing, as last computed. */
export const PAIR_FIELD: FilterField = {
  id: "pf",
  op: "is",
  label: "Pair",
  level: "row",
  param: "pf",
  hidden: true,
  accepts: (c, ds) =>
    c.op === "is" &&
    (PAIR_FILTERS as readonly string[]).includes(c.value) &&
    (ds.table === "" || pairingOf(ds) !== null),
  predicate: (c, { ds, params, settings }) =>
    c.op === "is" ? pairPredicate(ds, c.value, pairSettings(settings), params) : null,
  describe: (c) => (c.op === "is" ? `pair: ${flagTitle(c.value).toLowerCase()}` : "pair"),
};

/** Where the search looks when a partner is open: this side (no clause), the partner, or either. */
export type SearchSide = "partner" | "either";

/** `ps=partner|either`: the search reads the partner's rows too (or only them). */
export const PAIR_SEARCH_FIELD: FilterField = {
  id: "ps",
  op: "is",
  label: "Search in",
  level: "row",
  param: "ps",
  hidden: true,
  accepts: (c, ds) =>
    c.op === "is" && (c.value === "partner" || c.value === "either") && (ds.table === "" || pairingOf(ds) !== null),
  // The search itself reads it (see `conditions`): alone it narrows nothing.
  predicate: () => null,
  describe: (c) => (c.op === "is" && c.value === "partner" ? "search in the partner" : "search in either side"),
};
