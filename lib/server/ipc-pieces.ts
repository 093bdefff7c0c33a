import { type RecordBatch, type Schema, Table, tableToIPC } from "apache-arrow";

/** The bytes of a schema (and the stream's end), kept per schema: the same answers are asked again and again. */
const heads = new Map<string, Uint8Array>();
function headOf(schema: Schema): Uint8Array {
  const key = JSON.stringify(schema.fields.map((f) => [f.name, String(f.type), [...f.metadata]]));
  let head = heads.get(key);
  if (!head) {
    head = tableToIPC(new Table(schema), "stream");
    if (heads.size > 500) heads.clear();
    heads.set(key, head);
  }
  return head;
}

/**
 * Arrow IPC stream bytes, a piece at a time: the schema first, then each batch as its own message,
 * then the end marker; the pieces together are one stream any Arrow reader reads.
 */
export class IpcPieces {
  private readonly head: Uint8Array;
  private started = false;

  constructor(private readonly schema: Schema) {
    this.head = headOf(schema);
  }

  /** The bytes of a batch (with the schema before the first one). */
  batch(batch: RecordBatch): Uint8Array {
    const whole = tableToIPC(new Table([batch]), "stream");
    const schemaBytes = this.head.byteLength - 8;
    const message = whole.subarray(schemaBytes, whole.byteLength - 8);
    if (this.started) return message;
    this.started = true;
    return whole.subarray(0, whole.byteLength - 8);
  }

  /** The end of the stream (the schema too, when no batch came). */
  end(): Uint8Array {
    return this.started ? this.head.subarray(this.head.byteLength - 8) : this.head;
  }
}
