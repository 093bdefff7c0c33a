import type { RecordData } from "@/lib/data/record";
import { Markdown } from "@/components/text/markdown";
import { CompletionCard } from "./completion-card";
import { RatingSummary } from "./rating-summary";

type Feedback = Extract<RecordData, { kind: "feedback" }>;

export function CompletionsView({ record, query }: { record: Feedback; query: string }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="mb-1 flex gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <span>Instruction</span>
          {record.source && <span className="rounded bg-slate-100 px-1.5 normal-case">{record.source}</span>}
          {record.id && <span className="font-mono normal-case">{record.id}</span>}
        </div>
        <Markdown text={record.instruction} highlight={query} />
        {(record.correctAnswers.length > 0 || record.incorrectAnswers.length > 0) && (
          <div className="mt-2 grid gap-1 text-xs">
            {record.correctAnswers.length > 0 && <p>Correct answers: {record.correctAnswers.join(" · ")}</p>}
            {record.incorrectAnswers.length > 0 && <p>Incorrect answers: {record.incorrectAnswers.join(" · ")}</p>}
          </div>
        )}
      </div>
      {record.completions.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <RatingSummary completions={record.completions} />
        </div>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-4">
        {record.completions.map((c, i) => (
          <CompletionCard key={i} completion={c} query={query} />
        ))}
      </div>
    </div>
  );
}
