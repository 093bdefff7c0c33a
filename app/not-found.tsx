import Link from "next/link";
import { connection } from "next/server";

/** Pages that do not exist. Rendered per request, like the explorer, so its scripts carry the nonce of the CSP. */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 text-sm text-slate-600">
      <h1 className="text-base font-semibold text-slate-800">There is no page at this address.</h1>
      <Link href="/" className="text-sky-700 underline">
        Open the explorer
      </Link>
    </main>
  );
}
