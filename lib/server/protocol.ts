import type { LoadedDataset } from "../types";

/** Where the server's data answers (`npm run serve`): its route handler. */
export const SERVER_URL = "/api/db";

/** What a page sees of a dataset a server serves: where its load stands and, once ready, the dataset. */
export interface Served {
  /** `server:<name>`, the dataset's id in links. */
  id: string;
  name: string;
  files: string[];
  bytes: number;
  state: "waiting" | "loading" | "ready" | "failed";
  /** What the load is doing, and how far (0–100) where DuckDB says. */
  phase: string | null;
  percent: number | null;
  /** Opened from the database file of an earlier start. */
  cached: boolean;
  message?: string;
  dataset?: Omit<LoadedDataset, "derived">;
}
