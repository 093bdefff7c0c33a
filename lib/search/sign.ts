import { makeData, makeVector, Table, tableFromIPC, tableToIPC, Uint64 } from "apache-arrow";
import { gramColumns, signaturesOf } from "./grams";

/**
 * The signatures (see `grams.ts`) of a slice of search text: Arrow IPC in (`__row` and `__text`, as
 * the engine answers them) and Arrow IPC out (`__row` as it came, then `GRAM_WORDS` unsigned 64-bit
 * columns), a row per text, in order. Vectors are made from their buffers: Arrow's builders compile
 * code at run time, which the page's Content-Security-Policy forbids.
 */
export function signatureIpc(textIpc: Uint8Array): Uint8Array {
  const input = tableFromIPC(textIpc);
  const [rows, text] = [input.getChild("__row"), input.getChild("__text")];
  if (!rows || !text) throw new Error("the search text to sign has no __row or no __text");
  const parts = text.data.map((d) => {
    const offsets = d.valueOffsets as ArrayLike<number | bigint> | undefined;
    if (!offsets) throw new Error(`the search text to sign is ${String(d.type)}, not text`);
    return { offsets, bytes: (d.values as Uint8Array) ?? new Uint8Array(0), length: d.length };
  });
  const words = signaturesOf(parts);
  const vectors = Object.fromEntries([
    ["__row", rows],
    ...gramColumns.map((name, w) => [
      name,
      makeVector(makeData({ type: new Uint64(), length: words[w]!.length, data: words[w]! })),
    ]),
  ]);
  return wholeBuffer(tableToIPC(new Table(vectors), "stream"));
}

/** Bytes that own their whole buffer, so that passing it to another thread takes nothing else along. */
export const wholeBuffer = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
