import { cutText } from "../text/format";
import { tableFromIPC } from "apache-arrow";
import { layoutTypeProblem, renameColumns } from "../formats/arrow-schema";
import { ColumnNamer } from "../formats/column-names";
import type * as ParquetWasm from "parquet-wasm/esm";
import { detectOrExplain, specOf } from "../layouts/registry";
import type { IngestEvent } from "./json-batches";
import { IngestError } from "./protocol";

type Module = typeof ParquetWasm;

/** Reads a Parquet file one row group at a time; each group becomes one Arrow batch. */
export async function* parquetBatches(pq: Module, name: string, source: Blob): AsyncGenerator<IngestEvent> {
  if (source.size === 0) throw new IngestError(name, "the file is empty");
  let file: ParquetWasm.ParquetFile;
  try {
    file = await pq.ParquetFile.fromFile(source);
  } catch (e) {
    // A network failure while reading the footer is named by the reader; anything else is the file.
    if (e instanceof IngestError) throw e;
    const detail = describe(e);
    if (/corrupt footer|invalid parquet/i.test(detail)) {
      throw new IngestError(
        name,
        `does not end with a Parquet footer: the file is cut short, or not Parquet (${detail})`,
      );
    }
    throw new IngestError(name, `not a readable Parquet file (${detail})`);
  }
  const meta = file.metadata();
  const groups = meta.numRowGroups();
  const totalRows = meta.fileMetadata().numRows();
  const fields = tableFromIPC(file.schema().intoIPCStream()).schema.fields;
  const columns = fields.map((f) => f.name);
  const detected = detectOrExplain(columns);
  if ("problem" in detected) throw new IngestError(name, detected.problem);
  const spec = specOf(detected.layout);
  const wrong = spec.fields ? layoutTypeProblem(spec.label, spec.fields, fields) : null;
  if (wrong) throw new IngestError(name, wrong);
  if (totalRows === 0 || groups === 0) throw new IngestError(name, "the file has no rows");
  const namer = new ColumnNamer();
  const stored = columns.map((c) => namer.name(c));
  yield { kind: "schema", layout: detected.layout, columns: stored, labels: namer.renamed ? namer.labels : undefined };

  let bytesDone = 0;
  for (let g = 0; g < groups;) {
    // The first row group alone (the first rows show at once), then row groups together up to
    // BATCH_BYTES: each batch costs a hand-off to the engine and a statement there, whatever its size.
    const take: number[] = [g];
    let size = meta.rowGroup(g).compressedSize();
    let rows = meta.rowGroup(g).numRows();
    while (g > 0 && g + take.length < groups) {
      const next = meta.rowGroup(g + take.length);
      if (size + next.compressedSize() > BATCH_BYTES) break;
      size += next.compressedSize();
      rows += next.numRows();
      take.push(g + take.length);
    }
    let ipc: Uint8Array;
    try {
      ipc = (await file.read({ rowGroups: take })).intoIPCStream();
    } catch (e) {
      if (e instanceof IngestError) throw e;
      const which = take.length === 1 ? `row group ${g + 1}` : `row groups ${g + 1}–${g + take.length}`;
      throw new IngestError(name, `${which} of ${groups} could not be decoded (${describe(e)})`);
    }
    bytesDone += size;
    g += take.length;
    yield { kind: "batch", ipc: namer.renamed ? renameColumns(ipc, stored) : ipc, rows, bytesDone };
  }
}

/** The most compressed bytes of row groups read into one batch (one row group is read alone however large). */
const BATCH_BYTES = 12 * 1024 * 1024;

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 200 ? cutText(text, 200) + "…" : text;
}
