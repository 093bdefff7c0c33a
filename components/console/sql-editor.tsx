"use client";
import { useMemo, type Ref } from "react";
import CodeMirror, { type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { PostgreSQL, sql } from "@codemirror/lang-sql";

interface Props {
  value: string;
  onChange: (text: string) => void;
  onRun: () => void;
  /** Table names and their columns, for completion. */
  schema: Record<string, string[]>;
  /** The editor, for text put in from outside (a name clicked in the schema list). */
  editorRef?: Ref<ReactCodeMirrorRef>;
}

/** Puts text at the editor's cursor (replacing what is selected), then gives it the focus. */
export function insertAtCursor(editor: ReactCodeMirrorRef | null, text: string) {
  const view = editor?.view;
  if (!view) return;
  view.dispatch(view.state.replaceSelection(text));
  view.focus();
}

/** CodeMirror with SQL highlighting, completion of the open datasets' names and columns, and Ctrl/Cmd+Enter to run. */
export function SqlEditor({ value, onChange, onRun, schema, editorRef }: Props) {
  const extensions = useMemo(
    () => [
      sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
      // long lines wrap: nothing scrolls sideways, on a phone least of all
      EditorView.lineWrapping,
      // the editable text itself is the input a screen reader meets
      EditorView.contentAttributes.of({ "aria-label": "SQL query (Ctrl+Enter runs it)" }),
      // The text area fills the editor: a click below the last line puts the cursor there, not on the page.
      EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: "7rem" } }),
      Prec.highest(
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              onRun();
              return true;
            },
          },
        ]),
      ),
    ],
    [schema, onRun],
  );
  return (
    <div data-testid="sql-editor" className="overflow-hidden rounded border border-slate-300 text-sm">
      <CodeMirror
        ref={editorRef}
        value={value}
        onChange={onChange}
        extensions={extensions}
        minHeight="7rem"
        maxHeight="16rem"
        basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: false }}
        aria-label="SQL"
      />
    </div>
  );
}
