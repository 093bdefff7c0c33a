"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { addressesIn, withCopies } from "@/lib/console/addresses";
import { ConsoleRefusal, runQuery, type ConsoleResult } from "@/lib/console/run";
import type { HostTrust } from "@/lib/datasets/trust";
import { isAbort } from "@/lib/engine/types";
import type { EngineKind } from "@/lib/types";
import { useWorkspace } from "@/components/query/workspace";

export type Run =
  | { state: "running"; fetching?: string }
  | { state: "done"; result: ConsoleResult }
  | { state: "error"; message: string; refused: boolean }
  | { state: "cancelled" };

/** A query that reads from hosts the user has not agreed to: nothing runs or is fetched until a yes. */
export interface HostQuestion {
  hosts: string[];
  yes: () => void;
  no: () => void;
}

/**
 * Runs console queries. A query that reads a web address (written whole as a string) runs only once
 * the user agreed to its host, whether the query came in a link or was typed: then the page fetches
 * the file itself and the query reads that copy. The engine reads no address by itself, so an address
 * built at run time is refused by it.
 */
export function useConsoleRun(trust: HostTrust, onSql: (sql: string) => void, engine: EngineKind = "browser") {
  const ws = useWorkspace();
  const [run, setRun] = useState<Run | null>(null);
  const [question, setQuestion] = useState<HostQuestion | null>(null);
  const controller = useRef<AbortController | null>(null);

  const execute = useCallback(
    async (text: string, c: AbortController) => {
      if (!ws) return;
      const addresses = addressesIn(text);
      const copies = new Map<string, string>();
      for (const a of addresses) {
        if (copies.has(a.url)) continue;
        setRun({ state: "running", fetching: a.url });
        copies.set(a.url, await ws.copyOf(a.url, c.signal));
      }
      setRun({ state: "running" });
      const on = { engine };
      const db = ws.queriesFor(on).client({ priority: "console", signal: c.signal });
      const result = await runQuery(db, ws.derivedFor(on), withCopies(text, addresses, copies), c.signal);
      return { ...result, ds: { ...result.ds, engine } };
    },
    [ws, engine],
  );

  const start = useCallback(
    (text: string) => {
      if (!ws) return;
      controller.current?.abort();
      setQuestion(null);
      onSql(text);
      const go = () => {
        const c = new AbortController();
        controller.current = c;
        setRun({ state: "running" });
        execute(text, c).then(
          (result) => {
            if (!c.signal.aborted && result) setRun({ state: "done", result });
          },
          (e: unknown) => {
            if (c.signal.aborted || isAbort(e)) return setRun({ state: "cancelled" });
            setRun({
              state: "error",
              message: e instanceof Error ? e.message : String(e),
              refused: e instanceof ConsoleRefusal,
            });
          },
        );
      };
      const urls = addressesIn(text).map((a) => a.url);
      if (engine === "server" && urls.length > 0) {
        // The server reads only the datasets it was started with; a page's copy is not on its disk.
        return setRun({
          state: "error",
          message: `A query on the server reads only the datasets it was started with, not ${urls[0]}: run it on a dataset in this tab.`,
          refused: true,
        });
      }
      const hosts = trust.untrusted(urls, window.location.origin);
      if (hosts.length === 0) return go();
      setRun(null);
      setQuestion({
        hosts,
        yes: () => {
          trust.allowHosts(hosts);
          setQuestion(null);
          go();
        },
        no: () => {
          setQuestion(null);
          setRun({ state: "cancelled" });
        },
      });
    },
    [ws, trust, onSql, execute, engine],
  );

  useEffect(() => () => controller.current?.abort(), []);
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { run, setRun, question, start, cancel };
}
