import type { PairRecord } from "@/lib/formats/canonical";
import { DialogueView } from "@/components/dialogue/dialogue-view";
import { Markdown } from "@/components/text/markdown";
import { RawCompletions, type RawLink } from "./raw-completions";

type Pair = PairRecord;

const score = (n: number | null) => (n === null ? "—" : n.toFixed(n % 1 === 0 ? 0 : 2));

function Score({ label, value, tone }: { label: string; value: string; tone: string }) {
  return (
    <div className={`rounded-lg px-3 py-1.5 ${tone}`}>
      <div className="text-[11px] font-semibold tracking-wide uppercase opacity-80">{label}</div>
      <div className="text-xl font-bold tabular-nums">{value}</div>
    </div>
  );
}

export function PairView({ record, query, link }: { record: Pair; query: string; link?: RawLink }) {
  const tie = record.scoreChosen !== null && record.scoreChosen === record.scoreRejected;
  const margin =
    record.scoreChosen !== null && record.scoreRejected !== null ? record.scoreChosen - record.scoreRejected : null;
  // The prompt is the first user turn of both sides; show it once above them.
  const strip = (m: Pair["chosen"]) => (m[0]?.role === "user" && m[0].content === record.prompt ? m.slice(1) : m);
  return (
    <div className="flex flex-col gap-3">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Prompt</div>
        <Markdown text={record.prompt} highlight={query} />
      </div>
      <div data-testid="pair-scores" className="flex flex-wrap items-center gap-2">
        <Score label="score_chosen" value={score(record.scoreChosen)} tone="bg-emerald-50 text-emerald-900" />
        <Score label="score_rejected" value={score(record.scoreRejected)} tone="bg-rose-50 text-rose-900" />
        <Score label="margin" value={margin === null ? "—" : score(margin)} tone="bg-slate-100 text-slate-900" />
        {tie && (
          <span
            data-testid="tie"
            className="rounded bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-800"
            title="Both answers have the same overall_score; the pair says little about preference"
          >
            tie
          </span>
        )}
      </div>
      <div className="grid gap-3 xl:grid-cols-2">
        <div data-testid="chosen" className="min-w-0 rounded-lg border-2 border-emerald-300 p-2">
          <div className="mb-2 text-xs font-semibold text-emerald-700 uppercase">
            Chosen · {score(record.scoreChosen)}
          </div>
          <DialogueView messages={strip(record.chosen)} query={query} />
        </div>
        <div data-testid="rejected" className="min-w-0 rounded-lg border-2 border-rose-300 p-2">
          <div className="mb-2 text-xs font-semibold text-rose-700 uppercase">
            Rejected · {score(record.scoreRejected)}
          </div>
          <DialogueView messages={strip(record.rejected)} query={query} />
        </div>
      </div>
      {link && <RawCompletions pair={record} link={link} query={query} />}
    </div>
  );
}
