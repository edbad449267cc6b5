// Header and closing: title, signature (issuer + date), inspection facts, contacts and public period.
import type { Paragraph } from "./paragraphs.ts";
import { compareDateParts, findDateRanges, findDates, formatDate, resolveYearNear, type DateMention, type DateParts } from "./dates.ts";
import { readYearDigits, readChineseNumber } from "./numerals.ts";

const TITLE_END = /(?:通报|公示|公告|通告|情况|报告|说明|通知|函|公开)(?:[（(][^（）()]{0,20}[）)])?$/;
// A site's column tag printed in front of a title: 【巡察整改】, [通知公告].
const TITLE_TAG = /^(?:[【\[][^】\]]{1,12}[】\]])+/;
const TITLE_TOPIC = /关于|整改|巡察|巡视/;
const ORG_END = /(?:党组|党委|委员会|党总支|党支部|总支部|支部|工委|党工委|局|委|办公室|办|厅|院|所|学校|中学|小学|大学|学院|中心|公司|集团|政府|部|会|站|队|处|科|馆|社|台|行|署)$/;
const CN = "[〇零○O一二三四五六七八九十]";

/** The title and the paragraphs it spans. */
export interface TitleInfo {
  title: string | null;
  /** Issuer named in front of 关于 in the title, when there is one. */
  titleIssuer: string | null;
  /** Index of the first paragraph after the title (0 when there is no title). */
  bodyStart: number;
}

function isOrgName(text: string): boolean {
  return text.length >= 3 && text.length <= 40 && ORG_END.test(text) && !/[。，,；;：:]/.test(text);
}

/** Finds the title in the first paragraphs: the one ending in 通报/公示/… that speaks of 整改/巡察, with the issuer line above it when the title starts with 关于. */
export function readTitle(paragraphs: Paragraph[]): TitleInfo {
  const limit = Math.min(paragraphs.length, 12);
  for (let j = 0; j < limit; j++) {
    const compact = paragraphs[j].compact;
    if (compact.length > 120 || /[。；;]/.test(compact) || /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、])/.test(compact)) continue;
    const candidate = compact.replace(/[。：:]$/, "").replace(TITLE_TAG, "");
    if (!TITLE_END.test(candidate)) continue;
    let title = candidate;
    let first = j;
    // A title split over lines: pull in the short unpunctuated line(s) above it. An organisation name above a
    // line that starts with 关于 is the issuer line; above any other line it is the first half of the title.
    while (first > 0 && j - first < 2 && !title.includes("关于") && !title.startsWith(paragraphs[first - 1].compact) && isTitleFragment(paragraphs[first - 1].compact) && !isTitleEndLine(paragraphs[first - 1].compact)) {
      first--;
      title = paragraphs[first].compact.replace(TITLE_TAG, "") + title;
    }
    if (!TITLE_TOPIC.test(title)) continue;
    if (title.startsWith("关于") && first > 0 && isOrgName(paragraphs[first - 1].compact)) {
      first--;
      title = paragraphs[first].compact + title;
    }
    const aboutIndex = title.indexOf("关于");
    const prefix = aboutIndex > 0 ? title.slice(0, aboutIndex) : "";
    return { title, titleIssuer: isOrgName(prefix) ? prefix : null, bodyStart: j + 1 };
  }
  return { title: null, titleIssuer: null, bodyStart: 0 };
}

function isTitleFragment(compact: string): boolean {
  return compact.length > 0 && compact.length <= 60 && !/[。，,；;：:]/.test(compact) && !/^\d/.test(compact);
}

// A line that is a whole title by itself (or a site column such as 公示公告) is not the first half of the next line.
function isTitleEndLine(compact: string): boolean {
  return TITLE_END.test(compact.replace(TITLE_TAG, "")) || /^(?:公示公告|通知公告|工作动态|巡察工作|巡察动态|新闻中心|要闻|信息公开)$/.test(compact);
}

const SPEAKER_LINE =
  /^(.{2,30}?(?:局|委|办|厅|院|部|署|中心|政府|公司|集团|学校|大学))(?:党组书记、?|党委书记、?)?(?:局长|主任|厅长|院长|部长|署长|审计长|书记|总经理|董事长|校长)[\u4e00-\u9fff·]{2,4}$/;

/** The organisation of the person delivering a report (市审计局局长 俞金华), from the first paragraphs; null when none. */
export function readSpeakerIssuer(paragraphs: Paragraph[]): string | null {
  for (let i = 0; i < Math.min(paragraphs.length, 6); i++) {
    const compact = paragraphs[i].compact;
    if (compact.length > 40) continue;
    const match = SPEAKER_LINE.exec(compact);
    if (match && isOrgName(match[1])) return match[1];
  }
  return null;
}

/** Whether a metadata source (来源：…) names an organisation rather than a website or platform. */
export function isIssuerName(text: string | null): text is string {
  return text !== null && isOrgName(text) && !/网$|网站|平台|客户端|微信|公众号|报$|日报|晚报|新闻/.test(text);
}

/** The signature block at the end: issuer and date. */
export interface SignatureInfo {
  issuer: string | null;
  date: string | null;
  /** A date line was found at the end (even if it could not be read). */
  hasDateLine: boolean;
  /** Paragraph indices of the signature block. */
  indices: number[];
}

const SIGNATURE_DATE = new RegExp(`^(.{0,40}?)((?:\\d{2,6}|${CN}{2,6})年(?:\\d{1,3}|${CN}{1,3})月(?:\\d{1,3}|${CN}{1,3})日)(?:印发|发布)?$`);
const ISO_SIGNATURE_DATE = /^(.{0,40}?)(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/;

function readSignatureDate(text: string): { prefix: string; date: string | null } | null {
  const iso = ISO_SIGNATURE_DATE.exec(text);
  if (iso) {
    return { prefix: iso[1], date: formatDate({ year: Number(iso[2]), month: Number(iso[3]), day: Number(iso[4]) }) };
  }
  const match = SIGNATURE_DATE.exec(text);
  if (!match) return null;
  const dateText = match[2];
  const parts = /^(.+?)年(.+?)月(.+?)日$/.exec(dateText);
  if (!parts) return { prefix: match[1], date: null };
  const year = /^\d+$/.test(parts[1]) ? (parts[1].length === 4 ? Number(parts[1]) : null) : readYearDigits(parts[1]);
  const month = readChineseNumber(parts[2]);
  const day = readChineseNumber(parts[3]);
  const date: DateParts = { year, month, day };
  return { prefix: match[1], date: year === null || month === null || day === null ? null : formatDate(date) };
}

/** Finds the signature block (issuer line and date line) among the last paragraphs. */
export function readSignature(paragraphs: Paragraph[]): SignatureInfo {
  const stop = Math.max(0, paragraphs.length - 15);
  for (let i = paragraphs.length - 1; i >= stop; i--) {
    const compact = paragraphs[i].compact;
    if (compact.length > 60) continue;
    const found = readSignatureDate(compact);
    if (!found) continue;
    const indices = [i];
    let issuer: string | null = null;
    const prefix = found.prefix.replace(/[（(]?盖章[）)]?$/, "");
    if (prefix && isOrgName(prefix)) issuer = prefix;
    else if (i > 0 && isOrgName(paragraphs[i - 1].compact.replace(/[（(]?盖章[）)]?$/, ""))) {
      issuer = paragraphs[i - 1].compact.replace(/[（(]?盖章[）)]?$/, "");
      indices.unshift(i - 1);
    }
    return { issuer, date: found.date, hasDateLine: true, indices };
  }
  return { issuer: null, date: null, hasDateLine: false, indices: [] };
}

/** Inspection facts from the introduction. */
export interface InspectionInfo {
  by: string | null;
  level: string | null;
  start: string | null;
  end: string | null;
  feedbackDate: string | null;
}

const INSPECTION_GROUP =
  /(中央|省委|自治区党委|市委|州委|盟委|区委|县委|旗委|市|县|区|省)?(?:第(?:[一二三四五六七八九十]{1,3}|\d{1,2})轮)?(第(?:[一二三四五六七八九十]{1,3}|\d{1,2}))?(?:专项|机动|联动|提级)?(?:巡察|巡视)(?:[“"][^”"]{1,8}[”"])?(第(?:[一二三四五六七八九十]{1,3}|\d{1,2}))?组(?![长员])/g;
const AUDIT_GROUP = /审计(?:局|厅|署|办)(?:派出(?:的)?审计组)?|审计组(?![长员])/g;
const LEVEL_HINT = /(中央|省委|自治区党委|市委|州委|盟委|区委|县委|旗委)(?:统一|的)?(?:部署|安排|要求|巡察|巡视)/;
// Words that show a clause is about something else than the group's name (a decision, a date, an action).
const NOT_A_NAME = /根据|按照|依据|部署|安排|要求|同意|期间|召开|开展|进行|派出|日|时|会上|会议|近日|日前|今年|目前|今天|上午|下午|代表|书记|组长|主任|同志|主持|出席|参加|传达/;

function splitSentences(compact: string): string[] {
  return compact.split(/(?<=[。！？!?])/);
}

/** The words in front of a group's core name that belong to it (苏州市委第三轮对村(社区)提级巡察“回头看”第一组, 市委深化“最多跑一次”改革、优化营商环境专项巡察组). */
function namePrefix(sentence: string, at: number, hasLevel: boolean): string {
  let start = at;
  while (start > 0 && at - start < 40 && !"，,。；;：:！？!?\n".includes(sentence[start - 1])) start--;
  let prefix = sentence.slice(start, at).replace(/^由/, "");
  if (prefix === "" || NOT_A_NAME.test(prefix) || /\d/.test(prefix.replace(/第\d{1,2}轮/g, ""))) return "";
  // Next to a level (市委第一巡察组) only a place name may come before it (相城区委第二巡察组).
  if (hasLevel && (prefix.length > 6 || !/^[\u4e00-\u9fff]+$/.test(prefix))) return "";
  if (!hasLevel && !/中央|省委|市委|州委|县委|区委|旗委|党委|党组|[市县区省]/.test(prefix)) return "";
  prefix = prefix.replace(/^(?:向|对|在|的|是|和|与)/, "");
  return prefix;
}

function findGroup(sentence: string, pattern: RegExp): { by: string; level: string | null } | null {
  pattern.lastIndex = 0;
  let chosen: RegExpExecArray | null = null;
  for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
    if (match[1] || match[2] || match[3]) {
      chosen = match;
      break;
    }
    chosen ??= match;
  }
  if (!chosen) return null;
  const level = chosen[1] ?? null;
  const by = namePrefix(sentence, chosen.index, level !== null) + chosen[0];
  return { by, level: level ? (level.endsWith("委") ? level : `${level}委`) : null };
}

/** Reads who inspected, when, and when the feedback was given, from the introduction's sentences; a year-less feedback date takes its year from the text before it or, failing that, from the publication date. */
export function readInspection(introCompact: string, published: DateParts | null = null): InspectionInfo {
  const info: InspectionInfo = { by: null, level: null, start: null, end: null, feedbackDate: null };
  const text = introCompact.slice(0, 20_000);
  const sentences = splitSentences(text);
  // Audit reports name an audit body and its fieldwork period where inspection notices name a 巡察组.
  const isAudit = !/巡察|巡视/.test(text) && /审计/.test(text);
  const topic = isAudit ? /审计/ : /巡察|巡视/;
  let lastYear: number | null = null;
  let hasRange = false;
  for (const sentence of sentences) {
    if (!topic.test(sentence)) {
      for (const mention of findDates(sentence)) if (mention.parts.year !== null && !mention.isDamaged) lastYear = mention.parts.year;
      continue;
    }
    if (info.by === null) {
      const group = findGroup(sentence, isAudit ? AUDIT_GROUP : INSPECTION_GROUP);
      if (group) {
        info.by = group.by;
        if (group.level) info.level = group.level;
      }
    }
    if (info.level === null) {
      const hint = LEVEL_HINT.exec(sentence);
      if (hint) info.level = hint[1];
    }
    const mentions = findDates(sentence);
    const ranges = findDateRanges(sentence, mentions);
    const inRange = new Set<DateMention>();
    if (!hasRange && ranges.length > 0) {
      const range = ranges[0];
      hasRange = true;
      const fromParts = { ...range.from.parts, year: range.from.parts.year ?? lastYear };
      const toParts = { ...range.to.parts, year: range.to.parts.year ?? fromParts.year };
      info.start = formatDate(fromParts, range.from.isDamaged);
      info.end = formatDate(toParts, range.to.isDamaged);
      inRange.add(range.from);
      for (const mention of mentions) if (mention.start >= range.from.start && mention.end <= range.to.end) inRange.add(mention);
    }
    if (info.feedbackDate === null) {
      const feedbackAt = sentence.search(/反馈/);
      if (feedbackAt >= 0) {
        let chosen: DateMention | null = null;
        for (const mention of mentions) {
          if (inRange.has(mention) || ranges.some((range) => mention.start >= range.from.start && mention.end <= range.to.end)) continue;
          if (mention.start < feedbackAt) chosen = mention;
          else if (!chosen) chosen = mention;
        }
        if (chosen) {
          let parts = chosen.parts;
          let contextYear = lastYear;
          for (const mention of mentions) if (mention.start < chosen.start && mention.parts.year !== null && !mention.isDamaged) contextYear = mention.parts.year;
          if (parts.year === null && contextYear !== null) {
            const lastYear = contextYear;
            parts = { ...parts, year: lastYear };
            const end = info.end ? /^(\d{4})-(\d{2})/.exec(info.end) : null;
            if (end && Number(end[1]) === lastYear && parts.month !== null && parts.month < Number(end[2])) parts = { ...parts, year: lastYear + 1 };
          } else if (parts.year === null && published && published.year !== null && parts.month !== null) {
            // 3月23日，…反馈: the page's own date gives the year (the feedback is not after publication).
            parts = resolveYearNear(parts, published);
            if (compareDateParts(parts, published) === 1) parts = { ...parts, year: (parts.year ?? 0) - 1 };
          }
          info.feedbackDate = formatDate(parts, chosen.isDamaged);
        }
      }
    }
    for (const mention of mentions) if (mention.parts.year !== null && !mention.isDamaged) lastYear = mention.parts.year;
  }
  return info;
}

/** Contact channels offered for public supervision. */
export interface ContactInfo {
  phones: string[];
  emails: string[];
  postal: string[];
}

const PHONE_NUMBER = "(?:[（(]0\\d{2,3}[）)]\\d{7,8}|0\\d{2,3}[-－—–]?\\d{7,8}|1[3-9]\\d{9}|\\d{5,8})(?:[-－—–转]\\d{1,5})?";
// Numbers printed one after another: joined by 、/或/和, or only by spaces (0553-2595762 15212242863).
const PHONE_SEPARATOR = "(?:\\s*(?:[、,，/]|或|和|及)\\s*|\\s+)";
const LABELLED_PHONES = new RegExp(
  `(?:联系电话|举报电话|监督电话|咨询电话|投诉电话|值班电话|办公电话|受理电话|电话号码|电话|热线|手机|座机)(?:号码)?(?:为|是)?\\s*[：:]?\\s*((?:${PHONE_NUMBER})(?:${PHONE_SEPARATOR}(?:${PHONE_NUMBER}))*)`,
  "g",
);
const BARE_PHONE = /(?<![\d-])(?:[（(]0\d{2,3}[）)]\d{7,8}|0\d{2,3}[-－—–]\d{7,8})(?!\d)/g;
const BARE_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
// A landline and a mobile, or two mobiles, printed without a space between them.
const GLUED_LANDLINE_MOBILE = /((?:[（(]0\d{2,3}[）)]|0\d{2,3}[-－—–])\d{7})(1[3-9]\d{9})(?!\d)/g;
const GLUED_MOBILES = /(?<!\d)(1[3-9]\d{9})(1[3-9]\d{9})(?!\d)/g;
const POSTAL =
  /(?:通信地址|通讯地址|邮寄地址|来信地址|联系地址|邮政信箱|信箱地址|(?<!电子|举报|意见)信箱|来信请寄至?|来信寄至|地址)(?:为|是)?[：:]?([^；;。|｜]{2,80})/g;
const POSTAL_STOP = /[，,]?(?:联系)?(?:电话|电子邮箱|电子信箱|邮箱|网址|传真|联系人|举报网址|手机)/;
// A place where people come, not where letters go: 办公地址设在…, 意见箱设在…等办公场所.
const NOT_POSTAL = /^(?:设在|设于|位于|在)|办公场所|意见箱|举报箱|接待室|会议室/;

function findEmails(text: string): string[] {
  const result: string[] = [];
  let at = text.indexOf("@");
  while (at >= 0 && result.length < 50) {
    let left = at;
    while (left > 0 && at - left < 64 && /[A-Za-z0-9._%+-]/.test(text[left - 1])) left--;
    let right = at + 1;
    while (right < text.length && right - at < 255 && /[A-Za-z0-9.-]/.test(text[right])) right++;
    const candidate = text.slice(left, right).replace(/^[._%+-]+/, "").replace(/[.-]+$/, "");
    if (/^[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(candidate)) result.push(candidate);
    at = text.indexOf("@", right);
  }
  return result;
}

/** Reads phones (each number as printed), emails and postal addresses or mailboxes from the text outside the problems; spaces between numbers are kept in the input. */
export function readContacts(text: string): ContactInfo {
  const phones: string[] = [];
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
  };
  const spaced = text.replace(/[ \t]+/g, " ").replace(GLUED_LANDLINE_MOBILE, "$1 $2").replace(GLUED_MOBILES, "$1 $2");
  LABELLED_PHONES.lastIndex = 0;
  for (let match = LABELLED_PHONES.exec(spaced); match !== null; match = LABELLED_PHONES.exec(spaced)) {
    for (const number of match[1].split(/\s*(?:[、,，/]|或|和|及)\s*|\s+/)) if (number.length >= 5) add(phones, number);
  }
  BARE_PHONE.lastIndex = 0;
  for (let match = BARE_PHONE.exec(spaced); match !== null; match = BARE_PHONE.exec(spaced)) add(phones, match[0]);
  BARE_MOBILE.lastIndex = 0;
  for (let match = BARE_MOBILE.exec(spaced); match !== null; match = BARE_MOBILE.exec(spaced)) add(phones, match[0]);
  const compact = text.replace(/\s+/g, "");
  const emails: string[] = [];
  for (const email of findEmails(compact)) add(emails, email);
  const postal: string[] = [];
  POSTAL.lastIndex = 0;
  for (let match = POSTAL.exec(compact); match !== null; match = POSTAL.exec(compact)) {
    let value = match[1];
    const stop = POSTAL_STOP.exec(value);
    if (stop) value = value.slice(0, stop.index);
    value = value.replace(/[，,、\s]+$/, "");
    if (NOT_POSTAL.test(value) || value.includes("@")) continue;
    // 邮政信箱：239000 — a box number is a postal address even without characters.
    const isBoxNumber = match[0].startsWith("邮政信箱") && /^[A-Za-z]?\d{4,7}$/.test(value);
    if ((value.length >= 3 && /[\u4e00-\u9fff]/.test(value)) || isBoxNumber) add(postal, value);
  }
  return { phones, emails, postal };
}

/** Reads the public comment period (公示期…至…); an empty period when only its length is stated; null when none is stated. */
export function readPublicPeriod(compact: string, publishedDate: string | null): { start: string | null; end: string | null } | null {
  const at = compact.search(/公示(?:期|时间|期限|日期)|公开(?:期限|时间|期)|意见反馈(?:时间|期限|截止)|反馈(?:截止|截至)(?:时间|日期)?|征求意见(?:时间|期)/);
  if (at < 0) return readInvitationPeriod(compact, publishedDate);
  const window = compact.slice(at, at + 80);
  const ranges = findDateRanges(window);
  const year = publishedDate ? Number(publishedDate.slice(0, 4)) : null;
  if (ranges.length > 0) {
    const from = { ...ranges[0].from.parts, year: ranges[0].from.parts.year ?? year };
    const to = { ...ranges[0].to.parts, year: ranges[0].to.parts.year ?? from.year };
    return { start: formatDate(from, ranges[0].from.isDamaged), end: formatDate(to, ranges[0].to.isDamaged) };
  }
  const single = findDates(window);
  if (single.length > 0 && /截至|截止|至/.test(window.slice(0, single[0].start + 4))) {
    const parts = { ...single[0].parts, year: single[0].parts.year ?? year };
    return { start: /自发布之日|发布之日起/.test(window) ? publishedDate : null, end: formatDate(parts, single[0].isDamaged) };
  }
  if (/\d{1,3}|[一二三四五六七八九十]{1,3}/.test(window) && /工作日|天|日/.test(window)) {
    return { start: /自发布之日|发布之日起|自公布之日/.test(window) ? publishedDate : null, end: null };
  }
  return null;
}

// An invitation sentence that names its own window: 请于2025年11月10日至11月16日期间反馈, 欢迎在…至…内来电来信.
const INVITATION = /请|欢迎|可于|可在/;
const OPINION = /意见|建议|反映|反馈|来信|来电|监督|举报/;

function readInvitationPeriod(compact: string, publishedDate: string | null): { start: string | null; end: string | null } | null {
  const year = publishedDate ? Number(publishedDate.slice(0, 4)) : null;
  for (const sentence of splitSentences(compact.slice(0, 50_000))) {
    if (sentence.length > 300 || !INVITATION.test(sentence) || !OPINION.test(sentence) || /巡察组|巡视组/.test(sentence)) continue;
    const ranges = findDateRanges(sentence);
    if (ranges.length === 0) {
      // 自即日起至2025年1月15日 / 自本通报发布之日起至…: the window opens on publication.
      const open = /(?:自即日起|即日起|自[^，。]{1,16}之日起)(?:至|到)/.exec(sentence);
      const end = open ? findDates(sentence.slice(open.index + open[0].length, open.index + open[0].length + 14))[0] : undefined;
      if (end && end.start === 0) return { start: publishedDate, end: formatDate({ ...end.parts, year: end.parts.year ?? year }, end.isDamaged) };
      continue;
    }
    const range = ranges[0];
    // The window is what the invitation asks for: the range must be followed by 期间/内/前 or by the verb itself.
    const after = sentence.slice(range.to.end, range.to.end + 8);
    if (!/^(?:期间|之间|内|前|止|的|，|,)?(?:通过|以|向|将|把)?.{0,4}(?:反馈|反映|提出|来信|来电|监督|举报)|^(?:期间|之间|内|前|止)/.test(after)) continue;
    const from = { ...range.from.parts, year: range.from.parts.year ?? year };
    const to = { ...range.to.parts, year: range.to.parts.year ?? from.year };
    return { start: formatDate(from, range.from.isDamaged), end: formatDate(to, range.to.isDamaged) };
  }
  return null;
}

/** Whether the text invites the public to supervise or send opinions. */
export function hasPublicInvitation(compact: string): boolean {
  return /欢迎.{0,40}(?:监督|意见|建议)|接受.{0,20}(?:群众|社会|公众)监督|如(?:有|对).{0,30}(?:意见|建议|问题).{0,20}(?:反映|联系|反馈|来信|来电)|(?:意见|建议)请.{0,12}(?:反映|联系|反馈)|监督电话|举报电话|公示期|公开期限/.test(compact);
}
