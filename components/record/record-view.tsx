"use client";
import type { RecordData } from "@/lib/data/record";
import { DialogueView } from "@/components/dialogue/dialogue-view";
import { PairView } from "@/components/feedback/pair-view";
import type { RawLink } from "@/components/feedback/raw-completions";
import { CompletionsView, type CompletionFocus } from "@/components/feedback/completions-view";
import { Highlight } from "@/components/text/highlight";
import { cutText, fmt } from "@/lib/text/format";

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
      {label} <span className="font-semibold text-slate-800 tabular-nums">{value}</span>
    </span>
  );
}

export function RecordView({
  record,
  query,
  link,
  actions,
  focus,
}: {
  record: RecordData;
  query: string;
  link?: RawLink;
  /** Controls at the end of the record's header line. */
  actions?: React.ReactNode;
  /** For completions: which meet the list's conditions, whose ratings the list shows. */
  focus?: CompletionFocus;
}) {
  return (
    <section data-testid="record" data-row={record.row} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Stat label="row" value={fmt(record.row)} />
        {record.kind === "dialogue" && (
          <>
            {record.id && <Stat label="id" value={record.id.length > 16 ? cutText(record.id, 16) + "…" : record.id} />}
            <Stat label="turns" value={String(record.messages.length)} />
            <Stat label="chars" value={fmt(record.messages.reduce((s, m) => s + m.content.length, 0))} />
          </>
        )}
        {actions && <span className="ml-auto">{actions}</span>}
      </div>
      {record.kind === "dialogue" && <DialogueView messages={record.messages} query={query} />}
      {record.kind === "pair" && <PairView record={record} query={query} link={link} />}
      {record.kind === "feedback" && <CompletionsView record={record} query={query} focus={focus} />}
      {record.kind === "generic" && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          {record.fields.map((f) => (
            <div key={f.name} className="contents">
              <dt className="font-mono text-xs text-slate-600">{f.name}</dt>
              <dd className="break-words whitespace-pre-wrap">
                <Highlight text={f.value} query={query} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
