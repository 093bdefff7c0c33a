"use client";
import { Modal } from "@/components/ui/modal";
import { KEYMAP } from "./keymap";

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Modal
      labelledBy="help-title"
      onClose={onClose}
      closeKeys={["?"]}
      testId="help"
      className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl"
    >
      <div className="mb-3 flex items-center">
        <h2 id="help-title" className="text-base font-semibold">
          Keyboard
        </h2>
        <button type="button" onClick={onClose} className="ml-auto rounded px-2 text-slate-600 hover:bg-slate-100">
          Close
        </button>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {KEYMAP.map((b) => (
          <div key={b.action} className="contents">
            <dt className="flex gap-1">
              {(b.shown ?? b.keys).map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{b.help}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-slate-600">
        Keys do nothing while you type in a box. Every view is in the page address: copy it to share exactly what you
        see.
      </p>
    </Modal>
  );
}
