import type { Connector, Query } from "../engine/types";
import type { DatasetRef } from "../types";
import { ident } from "./ident";
import { Params } from "./params";
import { builtSearch, searchWhere } from "./search";

/** Searches kept per dataset: the newest few, each a table of the rows it matches. */
const KEPT = 6;

interface Hits {
  table: string;
  ready: boolean;
  made: Promise<void>;
}

const storeOf = (ds: DatasetRef) => ds.derived?.store<Hits>("hits") ?? null;
/** A table that still grows is searched inline: rows kept from part of it would miss the rest. */
const growing = (ds: DatasetRef) => (ds as { loading?: boolean }).loading === true;
const keyOf = (ds: DatasetRef, needle: string) =>
  `${ds.table}\n${ds.indexed ? "i" : "n"}\n${(ds as { rows?: number }).rows ?? ""}\n${needle}`;

/** The statement that reads a search once into the rows it matches. */
export function hitsStatement(ds: DatasetRef, table: string, needle: string): Query {
  const params = new Params();
  const select =
    ds.indexed && ds.searchTable
      ? builtSearch({ ...ds, searchTable: ds.searchTable }, params.add(needle), needle)
      : `SELECT __row FROM ${ident(ds.table)} WHERE ${searchWhere(ds, needle, (v) => params.add(v))}`;
  return { sql: `CREATE TEMP TABLE ${ident(table)} AS ${select}`, params: params.values };
}

/** The table of rows a search matches, when it is kept and ready; null otherwise (the search is then run inline). */
export function keptHits(ds: DatasetRef, needle: string): string | null {
  if (growing(ds)) return null;
  const hits = storeOf(ds)?.get(keyOf(ds, needle));
  return hits?.ready ? hits.table : null;
}

/**
 * Reads a search once over all rows into a table of the rows it matches (a temporary table of the
 * workspace, dropped with the dataset), so the count, every page, the charts and an export of it read
 * those rows instead of scanning all text again. The same rows as the search run inline, always.
 */
export function keepHits(db: Connector, ds: DatasetRef, needle: string): Promise<void> {
  const store = storeOf(ds);
  if (!store || !ds.derived || needle.trim() === "" || growing(ds)) return Promise.resolve();
  const key = keyOf(ds, needle);
  const known = store.get(key);
  if (known) return known.made;
  const table = ds.derived.fresh("hits", ds.table);
  const hits: Hits = { table, ready: false, made: Promise.resolve() };
  const q = hitsStatement(ds, table, needle);
  hits.made = db
    .query(q.sql, q.params, { write: true, ownTables: true })
    .then(() => {
      hits.ready = true;
    })
    .catch((e: unknown) => {
      store.delete(key);
      throw e;
    });
  store.set(key, hits);
  // The oldest go (their tables dropped) once more than a few are kept.
  const ours = [...store.entries()].filter(([k]) => k.startsWith(`${ds.table}\n`));
  for (const [k, old] of ours.slice(0, Math.max(0, ours.length - KEPT))) {
    if (!old.ready) continue;
    store.delete(k);
    ds.derived.forget(old.table);
    void db
      .query(`DROP TABLE IF EXISTS ${ident(old.table)}`, [], { write: true, ownTables: true })
      .catch(() => undefined);
  }
  return hits.made;
}
