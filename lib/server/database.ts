import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DerivedTables } from "../datasets/derived";
import { NativeEngine } from "../engine/native";
import { detectFiles, loadFilesSql, pathLiteral } from "../ingest/sql-stage";
import { readableName } from "../ingest/views";
import { ident } from "../sql/ident";
import { SEARCH_BYTES_COLUMN, searchTextSql } from "../sql/search";
import type { ServedSpec, ServerConfig } from "./config";
import type { Served } from "./protocol";
import { SearchText, WarmTables } from "./search-text";
import { Sessions } from "./sessions";

/** Bumped whenever what a load writes changes: every cached database is then built again. */
const LOAD_VERSION = 8;

interface Entry extends Served {
  spec: ServedSpec;
  /** Its search text as an SQL expression of its columns (once it is open). */
  searchSql?: string;
  file: string;
  catalog: string;
}

/** The cache folder beside the data (or, where it cannot be written, one in the system's temporary folder). */
function cacheDir(firstFile: string): string {
  const beside = join(/* turbopackIgnore: true */ dirname(firstFile), ".explorer-cache");
  try {
    mkdirSync(/* turbopackIgnore: true */ beside, { recursive: true });
    return beside;
  } catch {
    const elsewhere = join(
      /* turbopackIgnore: true */ tmpdir(),
      "explorer-cache",
      createHash("sha256").update(beside).digest("hex").slice(0, 12),
    );
    mkdirSync(/* turbopackIgnore: true */ elsewhere, { recursive: true });
    return elsewhere;
  }
}

/** Which files a dataset is, under which name: the caches made of them share it, whatever their state. */
function cacheSubject(spec: ServedSpec, sqlName: string): string {
  return createHash("sha256")
    .update(JSON.stringify([sqlName, spec.paths]))
    .digest("hex")
    .slice(0, 12);
}

/** The identity of a dataset's files as they are now: a changed, moved or added file makes a new one. */
function cacheKey(spec: ServedSpec, sqlName: string): string {
  const files = spec.paths.map((p) => {
    const s = statSync(/* turbopackIgnore: true */ p);
    return [p, s.size, s.mtimeMs];
  });
  return createHash("sha256")
    .update(JSON.stringify([LOAD_VERSION, sqlName, files]))
    .digest("hex")
    .slice(0, 16);
}

/**
 * The server's data: each dataset it was started with loaded once into a DuckDB database file in a
 * cache folder beside its files (a later start on the same, unchanged files opens that file at
 * once), then attached read-only to the serving database. The serving database reads no file and no
 * address by itself from its first statement on (its switches locked; only the cache folders may be
 * attached), and each page gets a connection of its own for its temporary tables.
 */
export class DataServer {
  readonly entries: Entry[];
  readonly sessions: Sessions;
  private readonly search: SearchText;
  private readonly warm: WarmTables;
  private readonly serving: Promise<DuckDBInstance>;
  private attached: string[] = [];

  constructor(readonly config: ServerConfig) {
    const taken = new Set<string>();
    this.entries = config.datasets.map((spec, i) => {
      const id = `server:${spec.name}`;
      const sqlName = readableName(id, taken);
      taken.add(sqlName);
      const dir = cacheDir(spec.paths[0]!);
      const key = cacheKey(spec, sqlName);
      const file = join(/* turbopackIgnore: true */ dir, `${cacheSubject(spec, sqlName)}-${key}.duckdb`);
      return {
        id,
        name: spec.name,
        files: spec.paths.map((p) => basename(p)),
        bytes: spec.paths.reduce((s, p) => s + statSync(/* turbopackIgnore: true */ p).size, 0),
        state: "waiting",
        phase: null,
        percent: null,
        cached: existsSync(/* turbopackIgnore: true */ file),
        spec,
        file,
        catalog: `d${i + 1}`,
        dataset: {
          id,
          name: spec.name,
          sqlName,
          table: `t_${key}`,
          layout: "generic",
          columns: [],
          rows: 0,
          files: [],
          origins: [],
        },
      };
    });
    this.serving = this.openServing();
    this.sessions = new Sessions(this.serving, () => this.attached, config.limits);
    this.search = new SearchText(this.serving);
    this.warm = new WarmTables(this.serving);
  }

  private async openServing(): Promise<DuckDBInstance> {
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    // Only the datasets' own database files may be opened (to attach them): no folder, no other file.
    const files = this.entries.flatMap((e) => [e.file, `${e.file}.wal`]);
    for (const sql of [
      "SET autoload_known_extensions = false",
      "SET autoinstall_known_extensions = false",
      `SET allowed_paths = [${files.map(pathLiteral).join(", ")}]`,
      "SET enable_external_access = false",
      "SET lock_configuration = true",
    ]) {
      await conn.run(sql);
    }
    conn.closeSync();
    return db;
  }

  private reopen!: () => void;
  /**
   * Every dataset kept from an earlier start is open again (or failed): a query waits for this, so a
   * page that was reading them before a restart is answered, not refused, once they are back.
   */
  readonly reopened = new Promise<void>((resolve) => (this.reopen = resolve));

  /** Opens the datasets kept from an earlier start first, then loads the others one after another, each with every core. */
  async start(): Promise<void> {
    const kept = this.entries.filter((e) => existsSync(/* turbopackIgnore: true */ e.file));
    try {
      for (const entry of kept) await this.open(entry);
    } finally {
      this.reopen();
    }
    for (const entry of this.entries) if (!kept.includes(entry)) await this.open(entry);
    // Every dataset answers from its file first; then each one's search text moves to memory while it fits.
    for (const entry of this.entries) {
      const bytes = entry.dataset?.searchBytes;
      if (entry.state !== "ready" || !entry.dataset?.searchTable || !entry.searchSql || bytes === undefined) continue;
      entry.searchIn = "copying";
      const held = await this.search.hold(entry.catalog, entry.dataset.table, entry.searchSql, bytes);
      entry.searchIn = held ? "memory" : "file";
    }
    // Then each dataset's whole file is read once into DuckDB's buffers, while they fit.
    for (const entry of this.entries) {
      if (entry.state !== "ready" || !entry.dataset) continue;
      entry.tableIn = "reading";
      entry.tableIn = (await this.warm.read(entry.catalog, entry.dataset.table, entry.file)) ? "memory" : "file";
    }
  }

  private async open(entry: Entry) {
    try {
      if (!existsSync(/* turbopackIgnore: true */ entry.file)) await this.build(entry);
      await this.attach(entry);
    } catch (e) {
      Object.assign(entry, {
        state: "failed",
        phase: null,
        percent: null,
        message: String(e instanceof Error ? e.message : e).split("\n")[0],
      });
    }
  }

  /** What the picker lists: each dataset with where its load stands. */
  catalog(): Served[] {
    return this.entries.map((e) => ({
      id: e.id,
      name: e.name,
      files: e.files,
      bytes: e.bytes,
      state: e.state,
      phase: e.phase,
      percent: e.percent,
      cached: e.cached,
      message: e.message,
      searchIn: e.searchIn,
      tableIn: e.tableIn,
      dataset: e.dataset,
    }));
  }

  private async build(entry: Entry) {
    Object.assign(entry, { state: "loading", phase: "reading the files", percent: 0, cached: false });
    const partial = `${entry.file}.partial`;
    for (const f of [partial, `${partial}.wal`]) rmSync(/* turbopackIgnore: true */ f, { force: true });
    const engine = await NativeEngine.open(partial);
    const second = await engine.another();
    const progress = setInterval(() => {
      // Files read in two lanes: how far the load is, from the parts done and each lane's own progress.
      const p = engine.conn.progress.percentage;
      if (p >= 0 && entry.spec.paths.length === 1) entry.percent = Math.min(100, Math.round(p));
    }, 250);
    try {
      await engine.query("SET enable_progress_bar = true");
      await engine.query("SET enable_progress_bar_print = false");
      // Stored as it is read: a query from the file then costs what it costs from memory (train_prefs sorted
      // by margin: 23 ms compressed, 6 ms so, 5 ms from memory), for a file a few per cent larger (its text
      // compresses little anyway).
      await engine.query("PRAGMA force_compression = 'uncompressed'");
      const { layout } = await detectFiles(engine, entry.spec.paths);
      const base = entry.dataset!;
      const ds = await loadFilesSql(engine, {
        table: base.table,
        layout,
        paths: entry.spec.paths,
        derived: new DerivedTables("load"),
        sqlName: base.sqlName,
        search: true,
        rowIndex: true,
        lanes: [second],
        onPhase: (phase, done) =>
          Object.assign(entry, { phase, percent: done === undefined ? null : Math.round(done * 100) }),
      });
      const [text] = (await engine.query(`SELECT sum(${SEARCH_BYTES_COLUMN})::BIGINT AS n FROM ${ident(base.table)}`))
        .rows;
      const dataset: Served["dataset"] = {
        ...base,
        layout: ds.layout,
        columns: ds.columns,
        columnTypes: ds.columnTypes,
        // Searched through the view the serving database makes of the text (see `SearchText`).
        indexed: true,
        searchApart: true,
        lateBuilt: true,
        rows: ds.rows,
        files: entry.files,
        origins: entry.spec.paths,
        searchBytes: Number(text?.n ?? 0),
      };
      await engine.query("CREATE TABLE __explorer_dataset AS SELECT $1::VARCHAR AS descriptor", [
        JSON.stringify(dataset),
      ]);
      await engine.query("CHECKPOINT");
    } finally {
      clearInterval(progress);
      engine.close();
    }
    renameSync(/* turbopackIgnore: true */ partial, entry.file);
    // What was kept of these files before (since changed, or by an earlier version of the load) is not read again.
    const dir = dirname(entry.file);
    const subject = basename(entry.file).split("-")[0]!;
    for (const f of readdirSync(/* turbopackIgnore: true */ dir)) {
      if (f.startsWith(`${subject}-`) && !f.startsWith(basename(entry.file))) {
        rmSync(/* turbopackIgnore: true */ join(dir, f), { force: true });
      }
    }
  }

  private async attach(entry: Entry) {
    const db = await this.serving;
    const conn = await db.connect();
    try {
      await conn.run(`ATTACH ${pathLiteral(entry.file)} AS ${entry.catalog} (READ_ONLY)`);
      const reader = await conn.runAndReadAll(`SELECT descriptor FROM ${entry.catalog}.__explorer_dataset`);
      const dataset = JSON.parse(String(reader.getRowsJS()[0]?.[0])) as NonNullable<Served["dataset"]>;
      if (dataset.indexed) {
        entry.searchSql = searchTextSql(dataset.layout, dataset.columns);
        dataset.searchTable = await this.search.expose(entry.catalog, dataset.table, entry.searchSql);
        entry.searchIn = "file";
      }
      this.attached = [...this.attached, entry.catalog];
      Object.assign(entry, { state: "ready", phase: null, percent: null, dataset });
    } finally {
      conn.closeSync();
    }
  }
}

/** The one server of this process (`scripts/serve-app.ts`, the route handler and the start-up hook share it). */
export function dataServer(config: ServerConfig): DataServer {
  const scope = globalThis as typeof globalThis & { __explorerServer?: DataServer };
  if (!scope.__explorerServer) {
    scope.__explorerServer = new DataServer(config);
    void scope.__explorerServer.start();
  }
  return scope.__explorerServer;
}
