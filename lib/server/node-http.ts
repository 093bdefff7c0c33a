import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { DataServer } from "./database";
import { catalogReply, queryReply, refuse, type HeaderReader, type Reply } from "./http";
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

/** Node's request headers read as web `Headers` are (a repeated header joined with commas). */
export const nodeHeaders = (headers: IncomingHttpHeaders): HeaderReader => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

/**
 * The request's body, read until it ends or until it is past `limit` (then the answer refuses it at
 * once, and what still comes is read and dropped so that the answer can be sent).
 */
function bodyPieces(req: IncomingMessage, limit: number): Promise<Uint8Array[]> {
  return new Promise((ok, fail) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    req.on("data", (piece: Buffer) => {
      if (size > limit) return;
      parts.push(piece);
      size += piece.byteLength;
      if (size > limit) ok(parts);
    });
    req.on("end", () => ok(parts));
    req.on("error", fail);
  });
}

async function* each(pieces: Promise<Uint8Array[]>) {
  yield* await pieces;
}

/**
 * Answers a request for the data server straight from Node's HTTP server, as the route handler does
 * under `next start`, without the app's router or web streams in between: the same checks and the
 * same answer (`queryReply`), its bytes written to the socket as they come; the statement is stopped
 * when the asker goes away.
 */
export async function answerDb(server: DataServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  const headers = nodeHeaders(req.headers);
  let reply: Reply;
  try {
    reply =
      req.method === "POST"
        ? await queryReply(headers, each(bodyPieces(req, server.config.limits.body)), gone.signal, server)
        : catalogReply(headers, server);
  } catch (e) {
    reply = refuse(500, `The server failed: ${(e as Error).message.split("\n")[0]}`);
  }
  if (req.method === "HEAD") {
    res.writeHead(reply.status, reply.headers).end();
    await reply.rest?.return(undefined);
    return;
  }
  if (!reply.rest) {
    const [only, ...more] = reply.head;
    const body = more.length ? Buffer.concat(reply.head) : (only ?? new Uint8Array());
    res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(body.byteLength) }).end(body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  try {
    for (const piece of reply.head) if (!res.write(piece)) await drained(res);
    for (let next = await reply.rest.next(); !next.done; next = await reply.rest.next()) {
      if (gone.signal.aborted) break;
      // Wait for the socket to take a piece before reading the next (a large answer streams).
      if (!res.write(next.value)) await drained(res);
    }
    if (gone.signal.aborted) await reply.rest.return(undefined);
    res.end();
  } catch {
    await reply.rest.return(undefined).catch(() => undefined);
    res.destroy();
  }
}
