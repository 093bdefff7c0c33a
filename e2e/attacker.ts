import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Someone else's server on this machine: it serves a CSV to anyone and counts every request it gets. */
export interface Attacker {
  origin: string;
  host: string;
  requests: { method: string; url: string; origin: string | undefined }[];
  /** Paths answered with a redirect to another address. */
  redirects: Map<string, string>;
  close(): Promise<void>;
}

export async function startAttacker(): Promise<Attacker> {
  const requests: Attacker["requests"] = [];
  const redirects = new Map<string, string>();
  const body = "who,what\nsomeone,else's rows\nanother,row\n";
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", origin: req.headers.origin });
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "*");
    res.setHeader("Access-Control-Expose-Headers", "*");
    const to = redirects.get(req.url ?? "");
    if (to) {
      res.writeHead(302, { Location: to });
      return void res.end();
    }
    res.setHeader("Content-Type", "text/csv");
    res.setHeader("Content-Length", String(Buffer.byteLength(body)));
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    redirects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
