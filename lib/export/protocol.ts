import type { PlainRow } from "../engine/types";
import type { LayoutId } from "../types";
import type { ExportFormat } from "./encode";

export type ExportRequest =
  | {
      type: "start";
      format: ExportFormat;
      layout: LayoutId;
      columns: string[];
      /** Columns that hold the exact text of a number (see `exportSelect`). */
      numberText: string[];
      /** The file's own names of columns stored under another: the export writes those. */
      labels: Record<string, string>;
      parquetWasmUrl: string;
    }
  | { type: "page"; rows: PlainRow[] }
  /** A page as the database's own Arrow IPC stream. */
  | { type: "ipc"; bytes: Uint8Array }
  | { type: "end" };

export type ExportResponse =
  /** Ready for the next page of rows. */
  { type: "need" } | { type: "chunk"; bytes: Uint8Array } | { type: "done" } | { type: "error"; message: string };
