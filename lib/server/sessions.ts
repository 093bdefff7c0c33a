import { randomUUID } from "node:crypto";
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { batchOf, columnsOf, schemaOf } from "./arrow-out";
import { IpcPieces } from "./ipc-pieces";
import type { ServerConfig } from "./config";
import { admit, Refused, writeTarget, type Kind } from "./guard";

/** A statement DuckDB could not run, with its message (the first line). */
export class QueryFailed extends Error {
  readonly status = 400;
}

/** Bytes of an answer sent in one piece; a larger one streams, batch by batch. */
const FIRST_PIECE = 1 << 20;
/** A page's connection goes after this long unused (its temporary tables with it). */
const IDLE_MS = 30 * 60 * 1000;

export interface Answer {
  /** The Arrow IPC stream: the bytes read before answering, then the rest as it comes. */
  head: Uint8Array[];
  rest: AsyncGenerator<Uint8Array> | null;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

/**
 * One connection per page (a session id it makes when it starts): its temporary tables — check
 * flags, console results — are its own, so two tabs never see or break each other's. Its statements
 * run one at a time; one that runs past the time limit, or whose asker went away, is interrupted.
 */
class Session {
  /** Which connection this is: a page that sees it change knows its temporary tables are gone. */
  readonly id = randomUUID();
  private chain: Promise<unknown> = Promise.resolve();
  private path = "";
  lastUsed = Date.now();
  running = 0;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly attached: () => string[],
    private readonly limits: ServerConfig["limits"],
  ) {}

  close() {
    this.conn.closeSync();
  }

  /** Runs the statement in its turn; the answer streams while the connection is held for it. */
  run(kind: Kind, sql: string, params: readonly unknown[], signal: AbortSignal): Promise<Answer> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const start = this.chain.then(() => this.start(kind, sql, params, signal, release));
    this.chain = start.then(
      () => turn,
      () => undefined,
    );
    start.catch(() => release());
    return start;
  }

  private async start(
    kind: Kind,
    sql: string,
    params: readonly unknown[],
    signal: AbortSignal,
    release: () => void,
  ): Promise<Answer> {
    // Asked for, then left while waiting its turn: it never starts.
    if (signal.aborted) {
      release();
      throw new QueryFailed("The statement was stopped: the page no longer waits for it.");
    }
    this.running++;
    this.lastUsed = Date.now();
    let live = true;
    let why: string | null = null;
    const stop = (reason: string) => {
      if (!live || why) return;
      why = reason;
      this.conn.interrupt();
    };
    const onAbort = () => stop("the page no longer waits for it");
    signal.addEventListener("abort", onAbort);
    const timer = setTimeout(
      () => stop(`it ran longer than the server allows (${Math.round(this.limits.queryMs / 1000)} s), and was stopped`),
      this.limits.queryMs,
    );
    const finish = () => {
      if (!live) return;
      live = false;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      this.running--;
      this.lastUsed = Date.now();
      release();
    };
    const failed = (e: unknown) => new QueryFailed(why ? `The statement was stopped: ${why}.` : firstLine(e));
    try {
      await this.syncPath();
      const prepared = await this.conn.prepare(sql).catch((e: unknown) => {
        throw failed(e);
      });
      try {
        admit(kind, prepared.statementType, sql);
        if (kind === "write") await this.ownTarget(prepared.statementType, sql);
      } catch (e) {
        prepared.destroySync();
        throw e;
      }
      if (kind === "prepare") {
        prepared.destroySync();
        const empty = new IpcPieces(schemaOf([]));
        finish();
        return { head: [empty.end()], rest: null };
      }
      if (params.length) prepared.bind(params as DuckDBValue[]);
      const result = await prepared.stream().catch((e: unknown) => {
        throw failed(e);
      });
      const columns = columnsOf(result.columnNames(), result.columnTypes());
      const schema = schemaOf(columns);
      const pieces = new IpcPieces(schema);
      let sent = 0;
      const next = async (): Promise<Uint8Array | null> => {
        const chunk = await result.fetchChunk().catch((e: unknown) => {
          throw failed(e);
        });
        if (!chunk || chunk.rowCount === 0) return null;
        const bytes = pieces.batch(batchOf(schema, columns, chunk));
        sent += bytes.byteLength;
        if (sent > this.limits.answer) {
          throw new QueryFailed(
            `The answer is larger than the server sends (${Math.round(this.limits.answer / 2 ** 20)} MB): ask for fewer rows or columns.`,
          );
        }
        return bytes;
      };
      const head: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const bytes = await next();
        if (!bytes) {
          head.push(pieces.end());
          finish();
          return { head, rest: null };
        }
        head.push(bytes);
        size += bytes.byteLength;
        if (size >= FIRST_PIECE) break;
      }
      const rest = async function* () {
        try {
          for (let bytes = await next(); bytes; bytes = await next()) yield bytes;
          yield pieces.end();
        } finally {
          finish();
        }
      };
      return { head, rest: rest() };
    } catch (e) {
      finish();
      throw e;
    }
  }

  /**
   * An INSERT, DELETE or DROP reaches only this session's own TEMP tables and views: its table must be
   * one of them (DuckDB looks among them first for a name alone), or, for DROP … IF EXISTS, a name
   * nothing else holds either.
   */
  private async ownTarget(type: number, sql: string) {
    const target = writeTarget(type, sql);
    if (!target) return;
    const reader = await this.conn.runAndReadAll(
      `SELECT count(*) FILTER (WHERE database_name = 'temp') AS own, count(*) AS held FROM (` +
        `SELECT database_name, table_name AS name FROM duckdb_tables() UNION ALL ` +
        `SELECT database_name, view_name FROM duckdb_views() WHERE NOT internal) WHERE lower(name) = lower($1)`,
      [target.name],
    );
    const [own, held] = (reader.getRowsJS()[0] ?? [0, 0]).map(Number);
    if (own! > 0) return;
    if (target.ifExists && held === 0) return;
    throw new Refused(
      `A page writes only to its own temporary tables: ${JSON.stringify(target.name)} is not one of this page's. Nothing ran.`,
    );
  }

  /** The datasets attached so far are found by their names. */
  private async syncPath() {
    // The serving database's own schema last: the views a search reads (see `SearchText`).
    const path = [...this.attached().map((c) => `${c}.main`), "memory.main"].join(",");
    if (path === this.path) return;
    await this.conn.run(`SET search_path = '${path}'`);
    this.path = path;
  }
}

export class Sessions {
  private readonly open = new Map<string, Promise<Session>>();

  constructor(
    private readonly db: Promise<DuckDBInstance>,
    private readonly attached: () => string[],
    private readonly limits: ServerConfig["limits"],
  ) {
    setInterval(() => this.reap(), 60_000).unref();
  }

  /** The page's session, made on its first request. */
  get(id: string): Promise<Session> {
    let session = this.open.get(id);
    if (!session) {
      session = this.db.then(async (db) => new Session(await db.connect(), this.attached, this.limits));
      this.open.set(id, session);
      session.catch(() => this.open.delete(id));
    }
    return session;
  }

  private reap() {
    const now = Date.now();
    for (const [id, pending] of this.open) {
      void pending.then((s) => {
        if (s.running === 0 && now - s.lastUsed > IDLE_MS) {
          this.open.delete(id);
          s.close();
        }
      });
    }
  }
}
