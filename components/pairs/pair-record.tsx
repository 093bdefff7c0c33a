"use client";
import { diffWords } from "diff";
import { pairingOf } from "@/lib/pairs/align";
import { flagTitle } from "@/lib/pairs/flags";
import { fetchPairRecord, type AlignedUnit } from "@/lib/pairs/record";
import type { PairSettings } from "@/lib/pairs/rules";
import type { Unit } from "@/lib/pairs/units";
import { isolate } from "@/lib/text/format";
import type { DatasetRef } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { Highlight } from "@/components/text/highlight";
import { TextBody } from "@/components/text/text-body";

interface Props {
  ds: DatasetRef;
  row: number;
  query: string;
  settings: PairSettings;
}

/** A unit's flags, the length band read with the settings in force. */
function unitFlags(u: AlignedUnit, s: PairSettings): string[] {
  const out = [...u.flags];
  if (u.ratio !== null && (u.ratio < s.ratioMin || u.ratio > s.ratioMax)) out.push("length");
  if (u.left === null || u.right === null) if (!u.expected) out.push("dropped");
  return out;
}

/**
 * A row beside its partner's, unit by unit (turn by turn, completion by completion): the two sides
 * (`pair-left`, `pair-right`) share their lines, so each unit stands beside its counterpart; what a
 * flag is on is marked there, and between versions the words that changed.
 */
export function PairRecordView({ ds, row, query, settings }: Props) {
  const stored = pairingOf(ds);
  const rec = useQuery(
    stored ? [ds.table, stored.table, row, "pair-record"] : null,
    (db) => fetchPairRecord(db, ds, row),
    "list",
    ds.engine,
  );
  if (!stored) return null;
  const data = rec.data;
  if (!data || data.left !== row) return <p className="text-sm text-slate-600">Aligning this row with its partner…</p>;
  const { summary } = data;
  const version = summary.kind === "version";
  const n = data.units.length;
  const lines = data.units.map((u) => ({ u, flags: unitFlags(u, settings) }));
  const flagged = lines.flatMap(({ u, flags }, i) => (flags.length ? [{ i, u, flags }] : []));
  const side = (which: "left" | "right") => (
    <div
      data-testid={`pair-${which}`}
      className="grid gap-y-2"
      style={{
        gridRow: `1 / span ${Math.max(1, n)}`,
        gridColumn: which === "left" ? 1 : 2,
        gridTemplateRows: "subgrid",
      }}
    >
      {lines.map(({ u, flags }, i) => (
        <UnitCell key={i} line={i} u={u} which={which} flags={flags} query={query} diff={version} />
      ))}
    </div>
  );
  return (
    <section data-testid="pair-record" aria-label="Both sides of the row" className="flex flex-col gap-2">
      <header className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
        <span className="font-semibold text-slate-800">
          Row {row}
          {data.key !== null && (
            <>
              {" "}
              · key <bdi className="font-mono">{data.key}</bdi>
            </>
          )}
        </span>
        {data.right === null ? (
          <span className="text-rose-800">
            <bdi>{isolate(summary.right.name)}</bdi> has no row with this key.
          </span>
        ) : (
          <span>
            beside row {data.right} of <bdi>{isolate(summary.right.name)}</bdi> (
            {version ? "another version" : "a translation"})
          </span>
        )}
        {summary.assistantOnly !== "none" && data.right !== null && (
          <span data-testid="pair-record-pattern">
            {summary.assistantOnly === "left" ? "The partner" : "This side"} holds only the assistant&apos;s turns.
          </span>
        )}
      </header>
      {flagged.length > 0 && (
        <nav
          aria-label="Flagged units"
          data-testid="pair-flagged"
          className="flex flex-wrap items-center gap-1 text-xs"
        >
          <span className="text-slate-600">Flagged here:</span>
          {flagged.map(({ i, u, flags }) => (
            <button
              key={i}
              type="button"
              onClick={() =>
                document
                  .querySelector(
                    `[data-testid=pair-right] [data-line="${i}"], [data-testid=pair-left] [data-line="${i}"]`,
                  )
                  ?.scrollIntoView({ block: "center" })
              }
              className="rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-amber-900 hover:bg-amber-100"
            >
              {(u.left ?? u.right)?.part}: {flags.map(flagTitle).join(", ").toLowerCase()}
            </button>
          ))}
        </nav>
      )}
      <div className="grid grid-cols-2 gap-x-3 text-sm">
        {side("left")}
        {side("right")}
      </div>
    </section>
  );
}

const KIND_STYLE: Record<Unit["kind"], string> = {
  text: "bg-white",
  score: "bg-slate-100",
  label: "bg-slate-200 font-semibold",
};

function UnitCell({
  line,
  u,
  which,
  flags,
  query,
  diff,
}: {
  line: number;
  u: AlignedUnit;
  which: "left" | "right";
  flags: string[];
  query: string;
  diff: boolean;
}) {
  const mine = u[which];
  const other = u[which === "left" ? "right" : "left"];
  if (!mine) {
    return (
      <div
        data-line={line}
        data-missing={u.expected ? "expected" : "missing"}
        className={`rounded border border-dashed px-2 py-1 text-xs ${u.expected ? "border-slate-300 text-slate-500" : "border-rose-400 bg-rose-50 text-rose-800"}`}
      >
        {u.expected ? "— not translated (this side holds only the assistant's turns)" : "— missing on this side"}
      </div>
    );
  }
  const flagged = flags.length > 0;
  const text = mine.text ?? "";
  return (
    <div
      data-line={line}
      data-part={mine.part}
      data-flags={flags.join(" ")}
      className={`min-w-0 rounded border px-2 py-1 ${flagged ? "border-amber-500 ring-1 ring-amber-300" : "border-slate-200"} ${KIND_STYLE[mine.kind]}`}
    >
      <div className="flex flex-wrap items-center gap-1 text-[11px] text-slate-600">
        <span>{mine.part}</span>
        {mine.role && mine.kind === "text" && <span className="rounded bg-slate-100 px-1">{mine.role}</span>}
        {which === "right" && u.ratio !== null && flags.includes("length") && (
          <span className="rounded bg-amber-100 px-1 text-amber-900">{u.ratio.toFixed(2)}× the original</span>
        )}
        {flags.map((f) => (
          <span key={f} className="rounded bg-amber-100 px-1 font-medium text-amber-900">
            {flagTitle(f)}
          </span>
        ))}
      </div>
      {mine.text === null ? (
        <p className="text-xs text-slate-500 italic">(none)</p>
      ) : mine.kind !== "text" ? (
        <p className="font-mono text-xs break-words">
          <Highlight text={text} query={query} />
        </p>
      ) : diff && other && other.text !== mine.text ? (
        <WordDiff mine={text} other={other.text ?? ""} which={which} />
      ) : (
        <div className="max-h-[32rem] overflow-y-auto">
          <TextBody text={text} query={query} raw={false} />
        </div>
      )}
    </div>
  );
}

/** A text beside another version of it, the words this side holds that the other does not marked. */
function WordDiff({ mine, other, which }: { mine: string; other: string; which: "left" | "right" }) {
  const parts = which === "left" ? diffWords(mine, other) : diffWords(other, mine);
  return (
    <p data-testid="word-diff" className="text-sm leading-relaxed break-words whitespace-pre-wrap">
      {parts.map((p, i) =>
        p.added ? (
          which === "right" ? (
            <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
              {p.value}
            </ins>
          ) : null
        ) : p.removed ? (
          which === "left" ? (
            <del key={i} className="bg-rose-100 text-rose-900">
              {p.value}
            </del>
          ) : null
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </p>
  );
}
