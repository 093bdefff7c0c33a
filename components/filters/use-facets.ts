"use client";
import { useEffect, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchFacet, type FacetValue } from "@/lib/data/feedback";
import type { Facet } from "@/lib/sql/feedback";
import type { DatasetRef } from "@/lib/sql/list";

type Facets = Record<Facet, FacetValue[]>;
const EMPTY: Facets = { model: [], principle: [], source: [] };

/** The values of the UltraFeedback facets over the whole dataset, read once per dataset. */
export function useFacets(engine: Engine | null, ds: DatasetRef): Facets {
  const [loaded, setLoaded] = useState<{ table: string; facets: Facets } | null>(null);
  useEffect(() => {
    if (!engine || ds.layout !== "ultrafeedback") return;
    let live = true;
    Promise.all([
      fetchFacet(engine, ds, "model"),
      fetchFacet(engine, ds, "principle"),
      fetchFacet(engine, ds, "source"),
    ])
      .then(
        ([model, principle, source]) => live && setLoaded({ table: ds.table, facets: { model, principle, source } }),
      )
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [engine, ds]);
  return loaded?.table === ds.table ? loaded.facets : EMPTY;
}
