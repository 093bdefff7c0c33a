/** @type {import('next').NextConfig} */
const immutable = [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The engine's wasm is 34 MB; gzipping it on every request costs more CPU than it saves on a local link.
  compress: false,
  async headers() {
    return [
      // Files are served as the type their name says, never as what their bytes look like.
      { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
      { source: "/duckdb/:file*", headers: immutable },
      { source: "/parquet/:file*", headers: immutable },
    ];
  },
};

export default nextConfig;
