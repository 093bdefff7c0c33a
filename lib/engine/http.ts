import { tableFromIPC } from "apache-arrow";
import { resultOf } from "./plain";
import { QueryAbortedError, type Connector, type QueryOptions, type QueryResult, type SqlParam } from "./types";

/** The server did not answer at all (stopped, or the network is gone): what was on screen stays. */
export class ServerUnreachable extends Error {
  constructor(readonly url: string) {
    super(`The server at ${new URL(url, location.href).origin} stopped answering.`);
    this.name = "ServerUnreachable";
  }
}

/**
 * Native DuckDB on the app's server, over HTTP (the shape of Mosaic's REST connector): each statement
 * is posted as JSON with its kind (read, write, or only prepare) and bound values, under this page's
 * session, and answered as Arrow IPC. Aborting drops the request, and the server stops the statement.
 */
export class HttpConnector implements Connector {
  constructor(
    private readonly url: string,
    readonly session: string,
    /** Told of every request that got no answer at all, and of the first that did after. */
    private readonly onReach: (reached: boolean) => void = () => undefined,
  ) {}

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const { signal } = options;
    if (signal?.aborted) throw new QueryAbortedError();
    const type = options.prepareOnly ? "prepare" : options.write ? "write" : "read";
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session: this.session, type, sql, params }),
        credentials: "same-origin",
        signal,
      });
    } catch {
      if (signal?.aborted) throw new QueryAbortedError();
      this.onReach(false);
      throw new ServerUnreachable(this.url);
    }
    if (response.status >= 502 && response.status <= 504) {
      this.onReach(false);
      throw new ServerUnreachable(this.url);
    }
    this.onReach(true);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      throw new Error(body?.error ?? `The server answered HTTP ${response.status}.`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      if (signal?.aborted) throw new QueryAbortedError();
      this.onReach(false);
      throw new ServerUnreachable(this.url);
    }
    if (signal?.aborted) throw new QueryAbortedError();
    return options.arrow ? { columns: [], rows: [], ipc: bytes } : resultOf(tableFromIPC(bytes));
  }
}

/** A session id for this page: its own connection, and its own temporary tables, on the server. */
export const newSession = () => crypto.randomUUID().replaceAll("-", "");
