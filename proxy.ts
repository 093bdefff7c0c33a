import { NextResponse, type NextRequest } from "next/server";

/** A configured plain-http mirror elsewhere must be reachable too. */
function hubOrigin(): string {
  try {
    const url = new URL(process.env.HF_BASE_URL ?? "");
    return url.protocol === "http:" ? ` ${url.origin}` : "";
  } catch {
    return "";
  }
}

/** Every page gets a fresh nonce; inline scripts without it, and every remote origin, are refused. */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Data may come from the Hub, a mirror or any https address the user types; local mirrors on this machine too.
    `connect-src 'self' https: http://127.0.0.1:* http://localhost:*${hubOrigin()}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|duckdb/|parquet/|samples/).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
