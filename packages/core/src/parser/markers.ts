import { readChineseNumber, readCircledNumber } from "./numerals.ts";

/** Numbering styles a paragraph can start with, from the top of the official hierarchy down. */
export type MarkerType =
  | "cn-dun" // 一、
  | "cn-paren" // （一）
  | "ar-dot" // 1. / 1、
  | "ar-paren" // （1） / 1）
  | "circled" // ①
  | "wenti" // 问题一： / 第一个问题
  | "labeled" // 反馈问题：… without a number
  | "measure"; // 一是 / 第一， / 首先

/** A numbering marker at the start of a paragraph. */
export interface Marker {
  type: MarkerType;
  /** The number as written, punctuation removed: "1", "问题一", "一". */
  number: string;
  /** Numeric value of the number; null when it has none (labeled) or is unreadable. */
  value: number | null;
  /** Text after the marker (and after a 反馈问题： label). */
  rest: string;
  /** The headline carried an explicit problem label (反馈问题： / 问题N：). */
  hasProblemLabel: boolean;
}

const CN = "[一二三四五六七八九十百零〇两]";
const WENTI = new RegExp(`^(?:巡察)?(?:反馈)?(问题)\\s*((?:${CN}|\\d){1,6})\\s*[：:、.．，,]?\\s*[.．:：]?`);
const WENTI_ORDINAL = new RegExp(`^第(${CN}{1,4}|\\d{1,3})个?问题\\s*[：:、.．，,]?`);
const FEEDBACK_NUMBERED = /^(\d{1,3})\s*[.．、]\s*(?:巡察)?(?:反馈|发现)?问题\s*[：:]\s*/;
const FEEDBACK_NUMBER_AFTER = /^(?:巡察)?反馈问题\s*(\d{1,3})\s*[：:.．、]\s*/;
const AR_DOT = /^(\d{1,3})\s*(?:[.．、](?![\d.．])|\s(?=[\u4e00-\u9fff“《]))\s*/;
const AR_PAREN = /^(?:[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})[）)])\s*/;
const CN_PAREN = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/;
const CN_DUN = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*/;
const CIRCLED = /^([\u2460-\u2473])\s*/;
const MEASURE = /^(?:([一二三四五六七八九十]{1,3})是|第([一二三四五六七八九十]{1,3})[，,、：:]|(首先|其次|再次|最后)[，,、：:])/;
const LABELED = /^(?:巡察)?(?:反馈问题|存在问题|问题描述|问题表现|发现问题|问题)\s*[：:]\s*/;

/** Reads the numbering marker at the start of a compact paragraph; null when it has none. */
export function readMarker(compact: string): Marker | null {
  let match = FEEDBACK_NUMBERED.exec(compact);
  if (match) return { type: "ar-dot", number: match[1], value: Number(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: true };
  match = FEEDBACK_NUMBER_AFTER.exec(compact);
  if (match) return { type: "wenti", number: `反馈问题${match[1]}`, value: Number(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: true };
  match = WENTI.exec(compact);
  if (match) {
    const value = readChineseNumber(match[2]);
    if (value !== null && value > 0) {
      return { type: "wenti", number: `问题${match[2]}`, value, rest: compact.slice(match[0].length), hasProblemLabel: true };
    }
  }
  match = WENTI_ORDINAL.exec(compact);
  if (match) {
    return { type: "wenti", number: match[0].replace(/[：:、.．，,]$/, ""), value: readChineseNumber(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: true };
  }
  match = MEASURE.exec(compact);
  if (match) {
    const numeral = match[1] ?? match[2];
    return { type: "measure", number: match[0], value: numeral ? readChineseNumber(numeral) : null, rest: compact.slice(match[0].length), hasProblemLabel: false };
  }
  match = CN_PAREN.exec(compact);
  if (match) return { type: "cn-paren", number: match[1], value: readChineseNumber(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: false };
  match = AR_PAREN.exec(compact);
  if (match) {
    const digits = match[1] ?? match[2];
    return { type: "ar-paren", number: digits, value: Number(digits), rest: compact.slice(match[0].length), hasProblemLabel: false };
  }
  match = CN_DUN.exec(compact);
  if (match) return { type: "cn-dun", number: match[1], value: readChineseNumber(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: false };
  match = AR_DOT.exec(compact);
  if (match) {
    return { type: "ar-dot", number: match[1], value: Number(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: false };
  }
  match = CIRCLED.exec(compact);
  if (match) return { type: "circled", number: match[1], value: readCircledNumber(match[1]), rest: compact.slice(match[0].length), hasProblemLabel: false };
  match = LABELED.exec(compact);
  if (match && compact.length > match[0].length + 1) {
    return { type: "labeled", number: "", value: null, rest: compact.slice(match[0].length), hasProblemLabel: true };
  }
  return null;
}

/** Rank of a marker type in the official hierarchy (一、 > （一） > 1. > （1） > ①); problem labels sit at the 1. level. */
export function rankMarker(type: MarkerType): number {
  switch (type) {
    case "cn-dun":
      return 0;
    case "cn-paren":
      return 1;
    case "ar-dot":
    case "wenti":
    case "labeled":
      return 2;
    case "ar-paren":
      return 3;
    case "circled":
      return 4;
    case "measure":
      return 5;
  }
}
