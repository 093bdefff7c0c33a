"use client";
import type { HostQuestion } from "./use-console-run";

const BUTTON = "rounded border border-amber-300 bg-white px-2 py-0.5 hover:bg-amber-100";

/** Asks before a query reads from hosts the page does not read from unasked, naming each. */
export function HostQuestionBar({ question }: { question: HostQuestion }) {
  const { hosts } = question;
  return (
    <div
      role="alertdialog"
      aria-labelledby="sql-host-text"
      data-testid="sql-host"
      className="flex flex-wrap items-center gap-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <span id="sql-host-text" className="min-w-0 flex-1 break-words">
        This query reads data from{" "}
        {hosts.map((h, i) => (
          <span key={h}>
            {i > 0 && ", "}
            <strong data-testid="sql-host-name" className="font-mono">
              <bdi>{h}</bdi>
            </strong>
          </span>
        ))}
        . Nothing has been fetched: the page reads from a host only when you say so, and then downloads each file the
        query names whole.
      </span>
      <button type="button" data-testid="sql-host-read" onClick={question.yes} className={BUTTON}>
        Read from {hosts.length === 1 ? hosts[0] : "them"}
      </button>
      <button type="button" data-testid="sql-host-decline" onClick={question.no} className={BUTTON}>
        Don’t
      </button>
    </div>
  );
}
