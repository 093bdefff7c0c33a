import { tableFromIPC } from "apache-arrow";
import { CONNECTION_HEADER, LIMIT_HEADER } from "../server/protocol";
import { concatBytes } from "./bytes";
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
    /** Told when the server answers on a connection other than the one before (its tables are gone). */
    private readonly onNewConnection: () => void = () => undefined,
  ) {}

  private connection: string | null = null;

  private noteConnection(response: Response) {
    const id = response.headers.get(CONNECTION_HEADER);
    if (!id) return;
    const before = this.connection;
    this.connection = id;
    if (before !== null && before !== id) this.onNewConnection();
  }

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
    this.noteConnection(response);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      throw new Error(body?.error ?? `The server answered HTTP ${response.status}.`);
    }
    const limit = Number(response.headers.get(LIMIT_HEADER));
    const received = { bytes: 0 };
    let bytes: Uint8Array;
    try {
      bytes = await readAll(response, received);
    } catch {
      if (signal?.aborted) throw new QueryAbortedError();
      // Cut well into its allowance: the server stopped sending an answer too large, it did not stop.
      if (limit > 0 && received.bytes > limit / 2) {
        throw new Error(
          `The answer is larger than the server sends (${Math.round(limit / 2 ** 20)} MB): ask for fewer rows or columns.`,
        );
      }
      this.onReach(false);
      throw new ServerUnreachable(this.url);
    }
    if (signal?.aborted) throw new QueryAbortedError();
    return options.arrow ? { columns: [], rows: [], ipc: bytes } : resultOf(tableFromIPC(bytes));
  }
}

/** The whole body, counting what arrived (so a cut can be told apart from a stop). */
async function readAll(response: Response, received: { bytes: number }): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received.bytes += value.byteLength;
  }
  return concatBytes(chunks);
}

/** A session id for this page: its own connection, and its own temporary tables, on the server. */
export const newSession = () => crypto.randomUUID().replaceAll("-", "");
