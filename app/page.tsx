import { Suspense } from "react";
import { Explorer } from "@/components/explorer/explorer";
import { WorkspaceProvider } from "@/components/query/workspace";
import { DEFAULT_HF_BASE } from "@/lib/datasets/catalog";

// Rendered per request so each page carries its own CSP nonce.
export const dynamic = "force-dynamic";

/** The Hub the catalog loads from: HF_BASE_URL (a mirror, or a local copy for tests), else huggingface.co. */
function hubBase(): string {
  const configured = process.env.HF_BASE_URL?.trim().replace(/\/+$/, "");
  return configured && /^https?:\/\//.test(configured) ? configured : DEFAULT_HF_BASE;
}

/** With `npm run serve`, the page also opens the datasets the app's server was started with. */
export default function Page() {
  return (
    <Suspense>
      <WorkspaceProvider>
        <Explorer hubBase={hubBase()} serving={Boolean(process.env.EXPLORER_DATA || process.env.EXPLORER_SERVING)} />
      </WorkspaceProvider>
    </Suspense>
  );
}
