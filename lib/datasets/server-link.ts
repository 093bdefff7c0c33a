import { HttpConnector, newSession } from "../engine/http";
import { QueryManager } from "../query/manager";
import { SERVER_URL, type Served } from "../server/protocol";
import { DerivedTables } from "./derived";
import type { WorkspaceState } from "./workspace-state";

/** How often a page asks a server whose loads are not done where they stand. */
const POLL_MS = 500;

/**
 * The page's link to the app's server (`npm run serve`): its datasets, their loads, and one query
 * queue over HTTP under this page's session, with derived tables of its own. Whether the server
 * answers is watched: a request that gets no answer at all marks it gone until one does again.
 */
export class ServerLink {
  readonly derived = new DerivedTables();
  readonly connector: HttpConnector;
  readonly queries: QueryManager;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly wanted = new Set<string>();

  constructor(
    private readonly page: { state(): WorkspaceState; patch(p: Partial<WorkspaceState>): void },
    private readonly url = SERVER_URL,
  ) {
    this.connector = new HttpConnector(
      url,
      newSession(),
      (reached) => this.reached(reached),
      () => this.renewed(),
    );
    // Statements of one page run one at a time on its connection, as in the browser.
    this.queries = new QueryManager(this.connector);
    void this.refresh().catch(() => this.page.patch({ served: [] }));
  }

  private reached(yes: boolean) {
    const gone = this.page.state().serverGone;
    if (yes && gone) this.page.patch({ serverGone: null });
    if (!yes && !gone) {
      this.page.patch({
        serverGone: "The server stopped answering. What is on screen stays; start it again, then Retry.",
      });
    }
  }

  /**
   * The server answers on a new connection of this page (it was restarted, or the page's connection
   * went idle and was closed): the page's temporary tables there are gone, so nothing it knew of them
   * or read through them stands, and the views ask again.
   */
  private renewed() {
    this.derived.forgetAll();
    this.queries.clearCache();
    this.page.patch({ serverEpoch: this.page.state().serverEpoch + 1 });
  }

  /** Asks the server again after it stopped answering; the views ask again once it answers. */
  async retry() {
    try {
      await this.refresh();
      this.queries.clearCache();
      this.page.patch({ serverGone: null, serverEpoch: this.page.state().serverEpoch + 1 });
    } catch {
      this.page.patch({
        serverGone: "The server still does not answer. Start it again (npm run serve …), then Retry.",
      });
    }
  }

  /** The page asks for this dataset: it opens once its load on the server is done. */
  open(id: string) {
    this.wanted.add(id);
    this.adopt();
  }

  /** Datasets asked for that are ready and not open yet join the page, on the server's engine. */
  private adopt() {
    const { served, datasets } = this.page.state();
    const ready = (served ?? []).flatMap((s) =>
      this.wanted.has(s.id) && !datasets.has(s.id) && s.state === "ready" && s.dataset
        ? [[s.id, { ...s.dataset, engine: "server" as const, derived: this.derived }] as const]
        : [],
    );
    if (ready.length) this.page.patch({ datasets: new Map([...datasets, ...ready]) });
  }

  /** Asks what the server serves (again while any load runs); resolves with the list. */
  async refresh(): Promise<Served[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const response = await fetch(this.url, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`The server answered HTTP ${response.status}.`);
    const { datasets } = (await response.json()) as { datasets: Served[] };
    this.page.patch({ served: datasets });
    this.adopt();
    if (datasets.some((d) => d.state === "waiting" || d.state === "loading")) {
      this.timer = setTimeout(() => void this.refresh().catch(() => undefined), POLL_MS);
    }
    return datasets;
  }
}
