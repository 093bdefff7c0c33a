/**
 * Questions a short answer can answer whole: yes/no questions ("Is seawater heavier than fresh water?",
 * "海水は真水より重いですか？") and those that ask for one word or a choice of yes or no. A response of a
 * few characters to one of these ("Yes.", "はい。") may be right, so the length check counts them apart.
 * Each is one regular expression, read the same by DuckDB (RE2, flag `i`) and by JavaScript.
 */

/** Spaces as both engines read them alike (RE2's \\s is ASCII only, JavaScript's is not): written out. */
const SP = "[ \t\n\r\f\v\u00a0\u3000\ufeff]";
const NOT_SP = "[^ \t\n\r\f\v\u00a0\u3000\ufeff]";

const AUX =
  "is|are|was|were|am|do|does|did|can|could|will|would|should|shall|has|have|had|may|might|must|" +
  "isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't|shouldn't|hasn't|haven't";

/** A single English question that opens with an auxiliary verb and ends on its question mark. */
export const YES_NO_EN = `^${SP}*(${AUX})${SP}[^?]*\\?${SP}*$`;
/** …but not a request put as one ("Can you write…?", "Would you explain…?"). */
export const REQUEST_EN = `^${SP}*${NOT_SP}+${SP}+(you|u)\\b`;
/**
 * Asked outright for yes or no, true or false, or one word ("Answer yes or no: …", "True or false: …",
 * "… in one word."), not the words anywhere ("a function that returns true or false").
 */
export const ASKS_SHORT =
  `\\b(yes or no|yes/no|true or false)${SP}*[:?]|^${SP}*(yes or no|true or false)\\b|\\banswer (with )?(yes|no|true|false)\\b|` +
  "\\b(in|with) (one|a single) word\\b|\\bone-word answer\\b|一言で|一語で|ひとことで|はいかいいえで|はい/いいえで";
/** A Japanese question ending in か？ … */
export const YES_NO_JA = `[かの][？?]${SP}*$`;
/** …without a question word (何, なぜ, どう, どこ, いつ, 誰…), so it asks yes or no. */
export const WH_JA = "何|なに|なぜ|どう|どこ|いつ|誰|だれ|どれ|どの|どちら|どんな|いくつ|いくら";

/** The rule as SQL over a text column (an expression); patterns are constants of this module. */
export function asksShortAnswerSql(text: string): string {
  const m = (pattern: string) => `regexp_matches(${text}, '${pattern.replaceAll("'", "''")}', 'i')`;
  return `coalesce((${m(YES_NO_EN)} AND NOT ${m(REQUEST_EN)}) OR ${m(ASKS_SHORT)} OR (${m(YES_NO_JA)} AND NOT ${m(WH_JA)}), false)`;
}

/** The same rule in JavaScript (the tests' oracle). */
export function asksShortAnswer(text: string | null): boolean {
  if (text === null) return false;
  const m = (pattern: string) => new RegExp(pattern, "i").test(text);
  return (m(YES_NO_EN) && !m(REQUEST_EN)) || m(ASKS_SHORT) || (m(YES_NO_JA) && !m(WH_JA));
}
