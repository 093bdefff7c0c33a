import { NextResponse, type NextRequest } from "next/server";

/** A configured plain-http Hub mirror off this machine must be reachable too. */
function hubOrigin(): string {
  try {
    const url = new URL(process.env.HF_BASE_URL ?? "");
    return url.protocol === "http:" ? ` ${url.origin}` : "";
  } catch {
    return "";
  }
}

/** What the app answers; anything else (TRACE, PUT, …) is refused before it reaches a route. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

/**
 * The page itself fetches only from its own origin. Data is read in the reader worker, whose policy
 * comes with its script (below): addresses the user typed or agreed to (any https host, a mirror on
 * this machine, the configured Hub), each first passing the page's host check.
 */
function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Arrow's builders in the reader and export workers generate their code (no DOM there, no data evaluated).
const workerPolicy = () =>
  [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
    `connect-src 'self' https: http://127.0.0.1:* http://localhost:*${hubOrigin()}`,
  ].join("; ");

/**
 * A server started to listen beyond this machine (`npm run serve -- --hostname 0.0.0.0`) answers only
 * requests for its own address that carry its token: opened once with `?token=…`, the page keeps it
 * in a cookie no script can read and no other site sends.
 */
function gate(request: NextRequest): NextResponse | null {
  const hosts = (process.env.EXPLORER_HOSTS ?? "").split(",").filter(Boolean);
  const host = request.headers.get("host") ?? "";
  if (hosts.length && !hosts.includes(host)) {
    return new NextResponse(`This server answers to ${hosts.join(", ")}.\n`, { status: 421 });
  }
  const token = process.env.EXPLORER_TOKEN;
  if (!token) return null;
  const given = request.nextUrl.searchParams.get("token");
  if (given !== null && given === token) {
    const url = request.nextUrl.clone();
    url.searchParams.delete("token");
    const response = NextResponse.redirect(url);
    response.cookies.set("explorer_token", token, { httpOnly: true, sameSite: "strict", path: "/" });
    return response;
  }
  if (request.cookies.get("explorer_token")?.value === token) return null;
  return new NextResponse("This server needs its token: open the address it printed when it started (…/?token=…).\n", {
    status: 401,
  });
}

const STATIC = /^\/(_next\/static|_next\/image|favicon\.ico|duckdb\/|parquet\/|samples\/)/;

export function proxy(request: NextRequest) {
  if (!METHODS.has(request.method)) {
    return new NextResponse(null, { status: 405, headers: { Allow: [...METHODS].join(", ") } });
  }
  const refused = gate(request);
  if (refused) return refused;
  const path = request.nextUrl.pathname;
  if (STATIC.test(path) && !path.startsWith("/_next/static/chunks/turbopack-worker-")) return NextResponse.next();
  if (path.startsWith("/_next/static/")) {
    // A worker's policy is the one its script is served with (the page's does not reach it).
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", workerPolicy());
    return response;
  }
  const nonce = btoa(crypto.randomUUID());
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

// Every request but the data server's (its route gates each request itself and answers JSON and Arrow
// with headers of its own): pages (prefetches too) get their policy, the bootstrap script every worker
// of the app starts from gets the workers', and all are gated when the server listens beyond this machine.
export const config = { matcher: ["/((?!api/).*)"] };
