import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // The type parameters must match the library's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned tabular figures. */
    numeric?: boolean;
    /** Text that may wrap over two lines. */
    wrap?: boolean;
    /** A longer explanation of the header. */
    title?: string;
  }
}
