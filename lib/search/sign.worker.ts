/// <reference lib="webworker" />
import { signatureIpc } from "./sign";

// The search index's signatures are computed here, off the page's thread (see `signInWorker`).
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ id: number; ipc: Uint8Array }>) => {
  try {
    const ipc = signatureIpc(e.data.ipc);
    scope.postMessage({ id: e.data.id, ipc }, [ipc.buffer]);
  } catch (err) {
    scope.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) });
  }
};
