import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { DataServer } from "./database";
import { handleCatalog, handleQuery } from "./http";
import { SERVER_URL } from "./protocol";

/** Until the socket takes more (or closes). */
const drained = (res: ServerResponse) =>
  new Promise<void>((ok) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      ok();
    };
    res.on("drain", done).on("close", done);
  });

/** Whether a request is for the data server, not for the app's pages. */
export const isDbRequest = (req: IncomingMessage) => {
  const path = (req.url ?? "").split("?")[0]!;
  return path === SERVER_URL || path === `${SERVER_URL}/`;
};

/**
 * Answers a request for the data server straight from Node's HTTP server, as the route handler
 * does under `next start`, without the app's router in between (a few milliseconds a statement).
 * The request is the same web `Request` the handler reads (its body streamed, its signal aborted
 * when the asker goes away), so every check of `handleQuery` holds here alike.
 */
export async function answerDb(server: DataServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const post = req.method === "POST";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? SERVER_URL}`, {
    method: post ? "POST" : "GET",
    headers,
    body: post ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: gone.signal,
    duplex: "half",
  } as RequestInit);
  let response: Response;
  try {
    response = post ? await handleQuery(request, server) : handleCatalog(request, server);
  } catch (e) {
    response = Response.json({ error: `The server failed: ${(e as Error).message.split("\n")[0]}` }, { status: 500 });
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (req.method === "HEAD" || !response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (gone.signal.aborted) {
        await reader.cancel();
        break;
      }
      // Wait for the socket to take a piece before reading the next (a large answer streams).
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  }
}
