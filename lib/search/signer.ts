import type { IndexBuilder } from "../data/list";
import { wholeBuffer } from "./sign";

/** Signs search text off the page's thread: one worker, started when the first index is built, and kept. */
let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (ipc: Uint8Array) => void; reject: (e: Error) => void }>();

export function signInWorker(textIpc: Uint8Array): Promise<Uint8Array> {
  if (!worker) {
    const started = new Worker(new URL("./sign.worker.ts", import.meta.url), { type: "module" });
    // Every signature waited for fails with the worker, and the next one starts a new worker.
    const stop = (message: string) => {
      for (const w of waiting.values()) w.reject(new Error(message));
      waiting.clear();
      started.terminate();
      if (worker === started) worker = null;
    };
    started.onmessage = (e: MessageEvent<{ id: number; ipc?: Uint8Array; error?: string }>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.ipc) w?.resolve(e.data.ipc);
      else w?.reject(new Error(e.data.error ?? "the search index could not be built"));
    };
    started.onerror = (e) => stop(e.message || "the search index's worker stopped");
    started.onmessageerror = () => stop("the search index's worker answered what the page could not read");
    worker = started;
  }
  const id = next++;
  const running = worker;
  const bytes = wholeBuffer(textIpc);
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    try {
      running.postMessage({ id, ipc: bytes }, [bytes.buffer]);
    } catch (e) {
      waiting.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** The page's index builder: text signed in the worker, signatures taken in by `insert`. */
export const pageIndexBuilder = (insert: IndexBuilder["insert"]): IndexBuilder => ({ sign: signInWorker, insert });
