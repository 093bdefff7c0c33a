import type { IndexBuilder } from "../data/list";
import { wholeBuffer } from "./sign";

/** Signs search text off the page's thread: one worker, started when the first index is built, and kept. */
let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (ipc: Uint8Array) => void; reject: (e: Error) => void }>();

export function signInWorker(textIpc: Uint8Array): Promise<Uint8Array> {
  if (!worker) {
    worker = new Worker(new URL("./sign.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<{ id: number; ipc?: Uint8Array; error?: string }>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.ipc) w?.resolve(e.data.ipc);
      else w?.reject(new Error(e.data.error ?? "the search index could not be built"));
    };
    worker.onerror = (e) => {
      for (const w of waiting.values()) w.reject(new Error(e.message || "the search index's worker stopped"));
      waiting.clear();
      worker = null;
    };
  }
  const id = next++;
  const running = worker;
  const bytes = wholeBuffer(textIpc);
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    running.postMessage({ id, ipc: bytes }, [bytes.buffer]);
  });
}

/** The page's index builder: text signed in the worker, signatures taken in by `insert`. */
export const pageIndexBuilder = (insert: IndexBuilder["insert"]): IndexBuilder => ({ sign: signInWorker, insert });
