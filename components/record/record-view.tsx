"use client";
import type { RecordData } from "@/lib/data/record";
import { DialogueView } from "@/components/dialogue/dialogue-view";
import { PairView } from "@/components/feedback/pair-view";
import type { RawLink } from "@/components/feedback/raw-completions";
import { CompletionsView, type CompletionFocus } from "@/components/feedback/completions-view";
import { Highlight } from "@/components/text/highlight";
import { cutText, fmt } from "@/lib/text/format";
import { CopyButton } from "@/components/ui/copy-button";
import { useRecordMark } from "@/components/marks/mark-bar";
import { MARK_STYLE } from "@/components/marks/mark-style";
import { HEADER_HEIGHT, HEADER_TOP } from "./sticky";

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
      <RecordHeader record={record} actions={actions} />
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

/**
 * Row, id, turns and the record's mark, kept in view while reading down a long record; the id shown
 * cut is copied whole.
 */
function RecordHeader({ record, actions }: { record: RecordData; actions?: React.ReactNode }) {
  const mark = useRecordMark();
  const id = record.kind === "generic" ? null : record.id;
  return (
    <div
      data-testid="record-header"
      className="sticky z-20 -mx-4 flex items-center gap-2 overflow-hidden border-b border-slate-200 bg-slate-50/95 px-4 py-1.5 backdrop-blur"
      style={{ height: HEADER_HEIGHT, top: HEADER_TOP }}
    >
      <Stat label="row" value={fmt(record.row)} />
      {mark && (
        <span
          data-testid="record-mark"
          data-mark={mark}
          className={`rounded border px-1.5 text-xs ${MARK_STYLE[mark].chip}`}
        >
          {MARK_STYLE[mark].label}
        </span>
      )}
      {id && (
        <span className="flex min-w-0 items-center" title={id}>
          <Stat label="id" value={id.length > 16 ? cutText(id, 16) + "…" : id} />
          <CopyButton text={id} label="copy" title="Copy the whole id" className="min-h-6" />
        </span>
      )}
      {record.kind === "dialogue" && (
        <>
          <Stat label="turns" value={String(record.messages.length)} />
          <span className="hidden sm:inline">
            <Stat label="chars" value={fmt(record.messages.reduce((s, m) => s + m.content.length, 0))} />
          </span>
        </>
      )}
      {record.kind === "feedback" && <Stat label="completions" value={String(record.completions.length)} />}
      {actions && <span className="ml-auto shrink-0">{actions}</span>}
    </div>
  );
}
