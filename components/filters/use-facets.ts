"use client";
import { fetchFacet, type FacetValue } from "@/lib/data/feedback";
import type { FilterField } from "@/lib/filters/field";
import type { DatasetRef } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

const NONE: Record<string, FacetValue[]> = {};

/** The values of the fields that offer them (models, principles, sources), over the whole dataset, by field id. */
export function useFacets(ds: DatasetRef & { rows?: number }, fields: readonly FilterField[]) {
  const faceted = fields.filter((f) => f.facet).map((f) => f.id);
  const loaded = useQuery(
    faceted.length ? [ds.table, ds.rows ?? null, faceted] : null,
    async (db) => {
      const values = await Promise.all(faceted.map((id) => fetchFacet(db, ds, id)));
      return Object.fromEntries(faceted.map((id, i) => [id, values[i]!]));
    },
    "panel",
    ds.engine,
  );
  return loaded.data ?? NONE;
}
