import { serverConfig } from "@/lib/server/config";
import { dataServer } from "@/lib/server/database";
import { handleCatalog, handleQuery } from "@/lib/server/http";

// Native DuckDB runs in Node, never at the edge, and nothing here is cached or prerendered.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notServing = () =>
  Response.json(
    { error: "This app serves no data of its own: start it with npm run serve -- <files>." },
    { status: 404 },
  );

export function GET(request: Request) {
  const config = serverConfig();
  return config ? handleCatalog(request, dataServer(config)) : notServing();
}

export function POST(request: Request) {
  const config = serverConfig();
  return config ? handleQuery(request, dataServer(config)) : notServing();
}
