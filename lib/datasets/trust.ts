/**
 * The hosts this page may read data from without asking: the configured Hub, the page's own origin,
 * and those the user typed or agreed to in this tab. An address that arrives in a link names another
 * host only with the user's yes, so a shared link cannot make the page fetch from anywhere it likes.
 */
export class HostTrust {
  private readonly hosts = new Set<string>();

  constructor(
    addresses: string[],
    private readonly storage: Pick<Storage, "getItem" | "setItem"> | null = null,
  ) {
    for (const a of addresses) this.add(a);
    try {
      const kept = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "[]") as unknown;
      if (Array.isArray(kept)) for (const h of kept) if (typeof h === "string") this.hosts.add(h);
    } catch {
      // An unreadable record of this tab's answers only means asking again.
    }
  }

  /** Trusts the host of an address the user typed. */
  allow(address: string) {
    this.add(address);
    this.keep();
  }

  /** Trusts hosts the user said yes to. */
  allowHosts(hosts: readonly string[]) {
    for (const h of hosts) this.hosts.add(h);
    this.keep();
  }

  private keep() {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify([...this.hosts]));
    } catch {
      // Kept for this page only.
    }
  }

  /** The hosts of these addresses that are not trusted yet, each once. */
  untrusted(urls: readonly string[], pageOrigin: string): string[] {
    const out = new Set<string>();
    for (const u of urls) {
      const url = parse(u, pageOrigin);
      if (url && url.origin !== pageOrigin && !this.hosts.has(url.host)) out.add(url.host);
    }
    return [...out];
  }

  private add(address: string) {
    const url = parse(address);
    if (url) this.hosts.add(url.host);
  }
}

const STORAGE_KEY = "trusted-hosts";

function parse(address: string, base?: string): URL | null {
  try {
    return new URL(address, base);
  } catch {
    return null;
  }
}
