import { copyName } from "../console/addresses";
import type { ApprovedFiles } from "../engine/types";
import { fetchWhole } from "../ingest/reader";

/** The largest file a query may read from an address (a copy is held in the page). */
const COPY_LIMIT = 512 * 1024 * 1024;

/**
 * Copies of addresses the user agreed to read from a query, by address: each is downloaded whole,
 * once, in a reader worker (the engine itself reads no address), and put where the engine may read it.
 */
export class AddressCopies {
  private readonly copies = new Map<string, Promise<string>>();
  private made = 0;

  /** The path the engine reads an address's copy by. Only for addresses whose host the user agreed to. */
  pathOf(url: string, files: ApprovedFiles | undefined, signal?: AbortSignal): Promise<string> {
    const known = this.copies.get(url);
    if (known) return known;
    if (!files) return Promise.reject(new Error("This engine reads no address from a query."));
    const name = copyName(url, ++this.made);
    const copy = fetchWhole(url, url, COPY_LIMIT, signal).then((bytes) => files.put(name, bytes));
    this.copies.set(url, copy);
    copy.catch(() => this.copies.delete(url));
    return copy;
  }
}
