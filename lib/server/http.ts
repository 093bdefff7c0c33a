import { concatBytes } from "../engine/bytes";
import type { ServerConfig } from "./config";
import type { DataServer } from "./database";
import { Refused, type Kind } from "./guard";
import { CONNECTION_HEADER, LIMIT_HEADER } from "./protocol";
import { QueryFailed } from "./sessions";

/**
 * The server's HTTP face (after Mosaic's REST connector): POST a JSON body `{session, type, sql,
 * params}` and get the answer as an Arrow IPC stream; GET the datasets it serves and how their loads
 * stand. Every request is hostile until shown otherwise: its Host must be the server's (DNS
 * rebinding), a token is needed when the server listens beyond this machine, a page of another origin
 * is refused, a body must be JSON (no simple cross-origin form post) and small, and no CORS header is
 * ever sent.
 */

/** What a header reader needs: web `Headers`, or Node's request headers through `nodeHeaders`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * An answer before it becomes a web `Response` (the route handler) or is written to Node's socket
 * (`npm run serve`): its status and headers, the bytes ready now, and the rest of a large answer.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  head: Uint8Array[];
  rest: AsyncGenerator<Uint8Array> | null;
}

/** Every answer's: never cached, never sniffed as another type. */
const COMMON_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

const jsonReply = (status: number, body: unknown): Reply => ({
  status,
  headers: { "Content-Type": "application/json", ...COMMON_HEADERS },
  head: [new TextEncoder().encode(JSON.stringify(body))],
  rest: null,
});

/** A refusal (or a failure): its status and its reason in words, as JSON. */
export const refuse = (status: number, error: string) => jsonReply(status, { error });

/** The request's token: a bearer header, or the cookie the page got when it was opened with `?token=`. */
function tokenOf(headers: HeaderReader): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  if (bearer) return bearer[1]!;
  const cookie = /(?:^|;\s*)explorer_token=([^;]+)/.exec(headers.get("cookie") ?? "");
  return cookie ? decodeURIComponent(cookie[1]!) : null;
}

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** Why a request may not be answered at all (wrong host, no token, another origin), or null. */
export function gate(headers: HeaderReader, config: ServerConfig): Reply | null {
  const host = headers.get("host") ?? "";
  if (config.hosts.length && !config.hosts.includes(host)) {
    return refuse(421, `This server answers to ${config.hosts.join(", ")}, not to “${host.slice(0, 100)}”.`);
  }
  if (config.token) {
    const token = tokenOf(headers);
    if (!token || !sameSecret(token, config.token)) {
      return refuse(401, "This server needs its token: open the address it printed when it started (…/?token=…).");
    }
  }
  const origin = headers.get("origin");
  if (origin && origin !== `http://${host}` && origin !== `https://${host}`) {
    return refuse(403, "Pages of other origins may not use this server.");
  }
  if (headers.get("sec-fetch-site") === "cross-site") {
    return refuse(403, "Pages of other origins may not use this server.");
  }
  return null;
}

const KINDS: readonly Kind[] = ["read", "write", "prepare"];
const isParam = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

interface Body {
  session: string;
  type: Kind;
  sql: string;
  params: (string | number | boolean | null)[];
}

/** The body (a web body stream or Node's request, both async iterables of bytes), read up to the limit, if it is the JSON of one statement; else why not. */
async function bodyOf(
  headers: HeaderReader,
  chunks: AsyncIterable<Uint8Array> | null,
  limit: number,
): Promise<Body | Reply> {
  const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return refuse(415, "The server takes JSON only (Content-Type: application/json).");
  const declared = Number(headers.get("content-length") ?? 0);
  if (declared > limit) return refuse(413, `The request is larger than the server takes (${limit} bytes).`);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks ?? []) {
    size += chunk.byteLength;
    // Leaving the loop early ends the stream (a web stream is cancelled, Node's request destroyed).
    if (size > limit) return refuse(413, `The request is larger than the server takes (${limit} bytes).`);
    parts.push(chunk);
  }
  let body: Partial<Body>;
  try {
    body = JSON.parse(Buffer.concat(parts).toString("utf8")) as Partial<Body>;
  } catch {
    return refuse(400, "The request is not valid JSON.");
  }
  const ok =
    typeof body.session === "string" &&
    /^[A-Za-z0-9_-]{1,64}$/.test(body.session) &&
    KINDS.includes(body.type as Kind) &&
    typeof body.sql === "string" &&
    (body.params === undefined || (Array.isArray(body.params) && body.params.every(isParam)));
  if (!ok) return refuse(400, "The request must be {session, type: read | write | prepare, sql, params}.");
  return { params: [], ...body } as Body;
}

/** GET: the datasets the server serves, and where their loads stand. */
export function catalogReply(headers: HeaderReader, server: DataServer): Reply {
  return gate(headers, server.config) ?? jsonReply(200, { datasets: server.catalog() });
}

/**
 * POST: one statement of one page's session, answered as Arrow IPC. `signal` aborts when the asker
 * goes away: a statement still waiting its turn never starts, a running one is interrupted.
 */
export async function queryReply(
  headers: HeaderReader,
  chunks: AsyncIterable<Uint8Array> | null,
  signal: AbortSignal,
  server: DataServer,
): Promise<Reply> {
  const gated = gate(headers, server.config);
  if (gated) return gated;
  const body = await bodyOf(headers, chunks, server.config.limits.body);
  if (!("session" in body)) return body;
  let connection = "";
  try {
    // After a restart, the datasets kept from before are opened again first; a query waits for them.
    await server.reopened;
    const session = await server.sessions.get(body.session);
    connection = session.id;
    const answer = await session.run(body.type, body.sql, body.params, signal);
    return {
      status: 200,
      headers: {
        "Content-Type": "application/vnd.apache.arrow.stream",
        ...COMMON_HEADERS,
        [CONNECTION_HEADER]: connection,
        [LIMIT_HEADER]: String(server.config.limits.answer),
      },
      head: answer.head,
      rest: answer.rest,
    };
  } catch (e) {
    const refused =
      e instanceof Refused || e instanceof QueryFailed
        ? refuse(e.status, e.message)
        : refuse(500, `The server failed: ${(e as Error).message.split("\n")[0]}`);
    if (connection) refused.headers[CONNECTION_HEADER] = connection;
    return refused;
  }
}

/** A reply as a web `Response`: one body when it was read whole, else a stream that pulls the rest as it is taken. */
export function responseOf(reply: Reply): Response {
  const { rest } = reply;
  if (!rest) return new Response(concatBytes(reply.head) as Uint8Array<ArrayBuffer>, reply);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of reply.head) controller.enqueue(piece);
    },
    async pull(controller) {
      try {
        const next = await rest.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await rest.return(undefined);
    },
  });
  return new Response(stream, reply);
}

/** The route handler's GET (`next start` with data of its own). */
export function handleCatalog(request: Request, server: DataServer): Response {
  return responseOf(catalogReply(request.headers, server));
}

/** The route handler's POST. */
export async function handleQuery(request: Request, server: DataServer): Promise<Response> {
  return responseOf(await queryReply(request.headers, request.body, request.signal, server));
}
