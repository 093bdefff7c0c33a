import type { Backend } from "../engine/types";
import type { LoadProgress } from "../ingest/load";
import { memoryNeed } from "../ingest/memory";
import type { IngestSource } from "../ingest/protocol";
import type { Served } from "../server/protocol";
import type { LoadedDataset } from "../types";

export interface Loading {
  /** Unique per load (the same dataset may be loaded again while an older load of it ends). */
  key: number;
  id: string;
  label: string;
  /** Waiting for a turn, or reading. */
  state: "queued" | "running";
  progress: LoadProgress | null;
  cancel: () => void;
}

export interface Failure {
  id: string;
  message: string;
  /** Tries again; none when trying again cannot help (a link that names nothing). */
  retry?: () => void;
  /** About the link, not a load: stays until dismissed, through the loads that follow. */
  sticky?: boolean;
}

export interface WorkspaceState {
  /** The engine answers queries. */
  ready: boolean;
  backend: Backend["kind"] | null;
  datasets: ReadonlyMap<string, LoadedDataset>;
  loads: readonly Loading[];
  failures: readonly Failure[];
  /** Datasets whose search column is being built. */
  preparing: ReadonlySet<string>;
  /** What the app's server serves, when the page has one (`npm run serve`); null: none. */
  served: readonly Served[] | null;
  /** The server stopped answering: why, in words (what is on screen stays). */
  serverGone: string | null;
  /** Moves on each time the server answers again after it stopped: what the views asked is asked again. */
  serverEpoch: number;
}

export interface LoadHandlers {
  /** The first rows are in: the view can move to them. */
  onFirstRows?: () => void;
  /** What the finished load is held against (a conversion's rows against the published count): a warning, or null. */
  check?: (ds: LoadedDataset) => string | null;
}

/** The files of a load, or how to find them first (a listing the Hub is asked for): the load's first step. */
export type Sources = IngestSource[] | ((signal: AbortSignal) => Promise<IngestSource[]>);

/** The memory a load's sources will take once in, as planned from their sizes (none known yet: 0). */
export const plannedNeed = (sources: Sources) =>
  typeof sources === "function"
    ? 0
    : memoryNeed(sources.map((s) => ({ name: s.name, bytes: s.kind === "file" ? s.file.size : (s.bytes ?? 0) })));

export interface Job {
  key: number;
  id: string;
  label: string;
  sources: Sources;
  controller: AbortController;
  handlers: LoadHandlers;
  resolve: (ds: LoadedDataset | null) => void;
}

/** A workspace's state when it starts: no engine yet, nothing open. */
export const initialState = (): WorkspaceState => ({
  ready: false,
  backend: null,
  datasets: new Map(),
  loads: [],
  failures: [],
  preparing: new Set(),
  served: null,
  serverGone: null,
  serverEpoch: 0,
});
