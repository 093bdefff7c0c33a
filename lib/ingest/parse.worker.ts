/// <reference lib="webworker" />
import { parseSegment, type Segment, type SegmentResult } from "./json-segments";
import type { LayoutId } from "../types";

/**
 * A parser of JSON Lines segments for a reader worker (see `parallelJsonBatches`): each reader it
 * serves talks to it over a port of its own, handed over by the page.
 */
export interface ParseRequest {
  id: number;
  name: string;
  layout: LayoutId;
  segment: Segment;
}
export interface ParseAnswer {
  id: number;
  result: SegmentResult;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<{ port: MessagePort }>) => {
  const { port } = event.data;
  port.onmessage = (e: MessageEvent<ParseRequest>) => {
    const { id, name, layout, segment } = e.data;
    const result = parseSegment(name, layout, segment);
    const answer: ParseAnswer = { id, result };
    port.postMessage(
      answer,
      result.batches.map((b) => b.ipc.buffer as ArrayBuffer),
    );
  };
};
