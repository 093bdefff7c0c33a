import { Suspense } from "react";
import { Explorer } from "@/components/explorer/explorer";

// Rendered per request so each page carries its own CSP nonce.
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <Suspense>
      <Explorer />
    </Suspense>
  );
}
