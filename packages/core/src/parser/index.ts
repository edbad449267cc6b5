export * from "./parse-notice.ts";
export { normalizeNoticeText, normalizeCharacters, type NormalizedText, type SourceLine } from "./normalize-text.ts";
export { mapStatusText } from "./status-words.ts";
export { findMoney, findDocRefs, type MoneyMention } from "./amounts.ts";
