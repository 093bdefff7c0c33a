import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The version of what a load makes of its files: a hash of the code that reads, derives and stores
 * them. A copy kept in a browser by another version is read again from its files.
 */
function ingestVersion() {
  const hash = createHash("sha256");
  for (const dir of ["lib/ingest", "lib/layouts", "lib/sql", "lib/store"]) {
    const files = readdirSync(join(import.meta.dirname, dir), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .sort();
    for (const f of files) hash.update(`${dir}/${f}\n`).update(readFileSync(join(import.meta.dirname, dir, f)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** @type {import('next').NextConfig} */
const immutable = [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  env: { NEXT_PUBLIC_INGEST_VERSION: ingestVersion() },
  // The engine's wasm is 34 MB; gzipping it on every request costs more CPU than it saves on a local link.
  compress: false,
  // Native DuckDB (the data server of `npm run serve`) is loaded by Node as it is, never bundled.
  serverExternalPackages: ["@duckdb/node-api", "@duckdb/node-bindings"],
  // The data server opens files by paths it is given at run time: no file of the tree is part of the
  // build (benchmark data and database caches run to tens of GB).
  outputFileTracingExcludes: { "*": ["bench-data/**", "**/.explorer-cache/**", "test-results/**", "screenshots/**"] },
  async headers() {
    return [
      // Files are served as the type their name says, never as what their bytes look like.
      { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
      { source: "/duckdb/:file*", headers: immutable },
      // The engine's worker reads nothing but its own WebAssembly: no address at all, whatever a statement asks.
      {
        source: "/duckdb/:file(.*\\.worker\\.js)",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
          },
        ],
      },
      { source: "/parquet/:file*", headers: immutable },
    ];
  },
};

export default nextConfig;
