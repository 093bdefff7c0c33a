"use client";
import { useEffect } from "react";
import { useWorkspace } from "@/components/query/workspace";

/**
 * Only with `?bench` in the address: lets the benchmark (scripts/bench) time SQL on the page's own
 * engine and tables, through the same query queue the views use. Renders nothing.
 */
export function BenchHook() {
  const ws = useWorkspace();
  useEffect(() => {
    if (!ws || !new URLSearchParams(window.location.search).has("bench")) return;
    (window as Window & { __explorer?: unknown }).__explorer = {
      query: (sql: string, params: unknown[]) => ws.queries.request(sql, params as never, { cache: false }),
      datasets: () => [...ws.snapshot().datasets.values()],
    };
  }, [ws]);
  return null;
}
