import "@tanstack/react-table";
import type { ListColumn } from "@/lib/layouts/spec";

declare module "@tanstack/react-table" {
  // The type parameters must match the library's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The list column this header stands for (the list's leaf columns). */
    column?: ListColumn;
    /** Right-aligned tabular figures. */
    numeric?: boolean;
    /** A longer explanation of the header. */
    title?: string;
  }
}
