import type { RecordData } from "@/lib/data/record";
import { DialogueView } from "@/components/dialogue/dialogue-view";
import { Markdown } from "@/components/text/markdown";

type Pair = Extract<RecordData, { kind: "pair" }>;

const score = (n: number | null) => (n === null ? "—" : n.toFixed(n % 1 === 0 ? 0 : 2));

export function PairView({ record, query }: { record: Pair; query: string }) {
  const tie = record.scoreChosen !== null && record.scoreChosen === record.scoreRejected;
  const margin =
    record.scoreChosen !== null && record.scoreRejected !== null ? record.scoreChosen - record.scoreRejected : null;
  // The prompt is the first user turn of both sides; show it once above them.
  const strip = (m: Pair["chosen"]) => (m[0]?.role === "user" && m[0].content === record.prompt ? m.slice(1) : m);
  return (
    <div className="flex flex-col gap-3">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Prompt</div>
        <Markdown text={record.prompt} highlight={query} />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          chosen <b className="tabular-nums">{score(record.scoreChosen)}</b>
        </span>
        <span>
          rejected <b className="tabular-nums">{score(record.scoreRejected)}</b>
        </span>
        <span>
          margin <b className="tabular-nums">{margin === null ? "—" : score(margin)}</b>
        </span>
        {tie && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">tie</span>}
      </div>
      <div className="grid gap-3 xl:grid-cols-2">
        <div data-testid="chosen" className="rounded-lg border-2 border-emerald-300 p-2">
          <div className="mb-2 text-xs font-semibold text-emerald-700 uppercase">
            Chosen · {score(record.scoreChosen)}
          </div>
          <DialogueView messages={strip(record.chosen)} query={query} />
        </div>
        <div data-testid="rejected" className="rounded-lg border-2 border-rose-300 p-2">
          <div className="mb-2 text-xs font-semibold text-rose-700 uppercase">
            Rejected · {score(record.scoreRejected)}
          </div>
          <DialogueView messages={strip(record.rejected)} query={query} />
        </div>
      </div>
    </div>
  );
}
