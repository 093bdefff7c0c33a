/**
 * Synthetic Japanese "translations" of the synthetic English samples: every line becomes Japanese
 * text of about half its length, keeping what a faithful translation keeps — list markers, numbers,
 * addresses and code blocks — so that only the flaws planted on purpose stand out.
 */
import { pick, type Rand } from "./synthetic-text";

const JA_PIECES = [
  "この点は思ったより大切です",
  "よくある間違いは手順を急ぐことです",
  "まずは小さく試してみるとよいでしょう",
  "記録を残すと違いがわかります",
  "周りの環境にも目を向けてください",
  "道具の手入れを忘れないようにしましょう",
  "根気よく続けることが近道です",
  "天候によって結果が変わります",
  "専門家の意見も参考になります",
  "慣れるまでは時間がかかります",
];

/** What a faithful translation keeps of a line: numbers and web addresses, in the order they appear. */
const KEPT = /https?:\/\/[^\s<>()[\]"']*[^\s<>()[\]"'.,;:!?]|[0-9]+/g;

/** One line of English as Japanese: its list marker, then sentences of about `ratio` of its length, then what it keeps. */
function line(r: Rand, text: string, ratio: number): string {
  const marker = /^(\s*(?:\d+\.|[-*]|#+|\|)\s*)/.exec(text)?.[1] ?? "";
  const body = text.slice(marker.length);
  if (body.trim() === "") return text;
  const kept = (body.match(KEPT) ?? []).map((k) => `（${k}）`).join("");
  const target = Math.max(6, Math.round(body.length * ratio));
  let out = "";
  while (out.length < target) out += pick(r, JA_PIECES) + "。";
  return marker + out + kept;
}

/** A text as Japanese, block by block; code blocks stay as they are. */
export function toJapanese(r: Rand, text: string, ratio = 0.5): string {
  const out: string[] = [];
  let code = false;
  for (const l of text.split("\n")) {
    if (l.startsWith("```")) {
      code = !code;
      out.push(l);
    } else out.push(code ? l : line(r, l, ratio));
  }
  return out.join("\n");
}

/** Whether a text is already Japanese (it then stays as it is). */
export const isJapanese = (text: string) => /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);

/** Translates unless the text is Japanese already. */
export const translated = (r: Rand, text: string, ratio = 0.5) =>
  isJapanese(text) ? text : toJapanese(r, text, ratio);

/** A translation cut short: its first sentence. */
export const cutShort = (text: string) => text.slice(0, Math.max(1, text.indexOf("。") + 1));

/** The first number of a text changed to another (a translation that altered a figure). */
export const changedNumber = (text: string) => text.replace(/[0-9]+/, (n) => String(Number(n) + 7));

/** A code block whose comment was translated (its code differs from the original's). */
export const translatedComment = (text: string) => text.replace(/# [^\n]*/, "# 測定した値だけを残す");
