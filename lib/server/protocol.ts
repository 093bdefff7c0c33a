import type { LoadedDataset } from "../types";
import type { SearchIn, TableIn } from "./search-text";

/** Where the server's data answers (`npm run serve`; GET: its datasets, POST: one statement). */
export const SERVER_URL = "/api/db";

/** Names the server's connection of a page: a new one (a restart, an idle page's reaped) has none of its tables. */
export const CONNECTION_HEADER = "X-Explorer-Connection";
/** The most bytes one answer may have: a stream cut past it was cut for its size, not by a crash. */
export const LIMIT_HEADER = "X-Explorer-Answer-Limit";

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
  /** Where its search reads the text: its database file, or (once copied) the server's memory. */
  searchIn?: SearchIn;
  /** Where its rows are read: DuckDB's buffers once its file was read through, while that is under way, or the file. */
  tableIn?: TableIn;
  dataset?: Omit<LoadedDataset, "derived"> & { searchBytes?: number };
}
