"use client";
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { Workspace, type WorkspaceState } from "@/lib/datasets/workspace";
import { initialState } from "@/lib/datasets/workspace-state";
import { getBrowserBackend } from "@/lib/engine/browser";
import type { EngineKind } from "@/lib/types";
import { prewarmReader } from "@/lib/ingest/reader";

let pageWorkspace: Workspace | null = null;

/**
 * The page's one workspace over DuckDB-WASM. It is made as soon as this module runs in the page,
 * before React hydrates: compiling the engine's WebAssembly is most of the cold start.
 */
function browserWorkspace(): Workspace | null {
  if (typeof window === "undefined") return null;
  if (!pageWorkspace) {
    pageWorkspace = new Workspace(getBrowserBackend());
    prewarmReader();
  }
  return pageWorkspace;
}
browserWorkspace();

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ children, workspace }: { children: ReactNode; workspace?: Workspace }) {
  return <WorkspaceContext.Provider value={workspace ?? browserWorkspace()}>{children}</WorkspaceContext.Provider>;
}

/** What a view reads before any workspace is there. */
const EMPTY: WorkspaceState = initialState();
const noop = () => () => undefined;

/** The workspace of the page (none while rendering on the server). */
export function useWorkspace(): Workspace | null {
  return useContext(WorkspaceContext);
}

/** For a dataset on the server: moves on each time the server answers again after it stopped. */
export function useServerEpoch(engine: EngineKind | undefined): number {
  const ws = useWorkspace();
  return useSyncExternalStore(
    ws?.subscribe ?? noop,
    () => (engine === "server" ? (ws?.snapshot().serverEpoch ?? 0) : 0),
    () => 0,
  );
}

/** For a dataset on the server: whether the server has stopped answering (what is on screen then stays). */
export function useServerGone(engine: EngineKind | undefined): boolean {
  const ws = useWorkspace();
  return useSyncExternalStore(
    ws?.subscribe ?? noop,
    () => engine === "server" && Boolean(ws?.snapshot().serverGone),
    () => false,
  );
}

/** What is open and loading; re-renders when it changes. */
export function useWorkspaceState(): WorkspaceState {
  const ws = useWorkspace();
  return useSyncExternalStore(ws?.subscribe ?? noop, ws?.snapshot ?? (() => EMPTY), () => EMPTY);
}
