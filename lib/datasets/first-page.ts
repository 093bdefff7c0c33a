import type { ListRow } from "../data/list";
import type { RecordData } from "../data/record";
import firstPage from "./first-page.json";

/**
 * The first page of the default sample and its first record, exactly as the database lists them
 * (written by `npm run samples` with native DuckDB and the same SQL), shown while the database starts.
 */
export const FIRST_PAGE = firstPage as unknown as { id: string; rows: ListRow[]; record: RecordData | null };
