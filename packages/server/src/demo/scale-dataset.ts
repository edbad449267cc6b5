// A generated province-scale dataset (`zhenggai demo --scale N`): units with departments and
// people, five years of inspection rounds, findings, measures with a realistic status mix and
// deadlines, progress, evidence metadata, sign-off, 回头看, registers and audit history. Pure: the
// rows come from a seeded generator (same seed, same N, same starting ids → same rows) and are
// written by ScaleDemoService in bulk. Every row obeys the product's rules: a completed measure has
// evidence and an approved closure whose every step was decided by a different person holding the
// step's role (never the submitter); a pending closure has evidence; a rebound measure has its
// review. All names are invented.
import { DEFAULT_SIGNOFF_CHAIN, isCompletedStatus, rollupFindingStatus, type MeasureKind, type Role, type Status } from "@zhenggai/core";
import type { BulkColumn } from "../repositories/bulk.repository.ts";

/** Tables whose rows the generator numbers itself (others get identity ids). */
export const SCALE_ID_TABLES = ["orgs", "users", "inspections", "findings", "measures", "progress_reports", "evidence", "closures"] as const;
/** A table the generator numbers. */
export type ScaleIdTable = (typeof SCALE_ID_TABLES)[number];

const col = (name: string, type: string): BulkColumn => ({ name, type });

/** Column lists of every generated table, in the order of the row tuples. */
export const SCALE_COLUMNS = {
  orgs: [col("id", "bigint"), col("parent_id", "bigint"), col("kind", "text"), col("name", "text"), col("party_org_name", "text"), col("path", "text")],
  users: [col("id", "bigint"), col("username", "text"), col("display_name", "text"), col("password_hash", "text")],
  user_roles: [col("user_id", "bigint"), col("org_id", "bigint"), col("role", "text")],
  inspections: [
    col("id", "bigint"), col("org_id", "bigint"), col("name", "text"), col("kind", "text"), col("group_name", "text"), col("level", "text"),
    col("start_date", "date"), col("end_date", "date"), col("feedback_date", "date"), col("feedback_doc_numbers", "jsonb"),
    col("created_at", "timestamptz"), col("updated_at", "timestamptz"),
  ],
  findings: [
    col("id", "bigint"), col("inspection_id", "bigint"), col("org_id", "bigint"), col("seq", "integer"), col("number", "text"), col("category", "text"),
    col("title", "text"), col("sub_points", "jsonb"), col("source", "text"), col("status", "text"), col("lead_leader", "text"),
    col("lead_department_id", "bigint"), col("due_date", "date"), col("progress_text", "text"), col("created_at", "timestamptz"), col("updated_at", "timestamptz"),
  ],
  measures: [
    col("id", "bigint"), col("finding_id", "bigint"), col("org_id", "bigint"), col("seq", "integer"), col("text", "text"), col("kind", "text"),
    col("leader_name", "text"), col("leader_user_id", "bigint"), col("department_id", "bigint"), col("owner_name", "text"), col("owner_user_id", "bigint"),
    col("due_date", "date"), col("original_due_date", "date"), col("status", "text"), col("version", "integer"), col("created_at", "timestamptz"), col("updated_at", "timestamptz"),
  ],
  progress_reports: [col("id", "bigint"), col("measure_id", "bigint"), col("org_id", "bigint"), col("report_date", "date"), col("text", "text"), col("author_id", "bigint"), col("created_at", "timestamptz")],
  evidence: [
    col("id", "bigint"), col("measure_id", "bigint"), col("org_id", "bigint"), col("sha256", "text"), col("file_name", "text"), col("mime_type", "text"),
    col("size_bytes", "bigint"), col("effective_date", "date"), col("description", "text"), col("uploaded_by", "bigint"), col("created_at", "timestamptz"),
  ],
  closures: [
    col("id", "bigint"), col("measure_id", "bigint"), col("org_id", "bigint"), col("target_status", "text"), col("state", "text"), col("chain", "jsonb"),
    col("submitted_by", "bigint"), col("submitted_at", "timestamptz"), col("decided_at", "timestamptz"),
  ],
  closure_decisions: [col("closure_id", "bigint"), col("step_index", "integer"), col("user_id", "bigint"), col("decision", "text"), col("reason", "text"), col("decided_at", "timestamptz")],
  reviews: [col("measure_id", "bigint"), col("org_id", "bigint"), col("review_date", "date"), col("outcome", "text"), col("note", "text"), col("reviewed_by", "bigint"), col("created_at", "timestamptz")],
  rules: [col("org_id", "bigint"), col("inspection_id", "bigint"), col("title", "text"), col("doc_number", "text"), col("issued_date", "date"), col("finding_ids", "jsonb")],
  accountabilities: [col("org_id", "bigint"), col("inspection_id", "bigint"), col("finding_id", "bigint"), col("person_name", "text"), col("kind", "text"), col("decided_date", "date"), col("people", "integer")],
  recoveries: [col("org_id", "bigint"), col("inspection_id", "bigint"), col("finding_id", "bigint"), col("kind", "text"), col("amount_fen", "bigint"), col("recovered_date", "date")],
  petitions: [col("org_id", "bigint"), col("inspection_id", "bigint"), col("subject", "text"), col("received_date", "date"), col("state", "text"), col("closed_date", "date")],
  leads: [col("org_id", "bigint"), col("inspection_id", "bigint"), col("subject", "text"), col("received_date", "date"), col("state", "text"), col("people", "integer")],
  directives: [
    col("org_id", "bigint"), col("issued_by_org_id", "bigint"), col("inspection_id", "bigint"), col("finding_id", "bigint"), col("text", "text"),
    col("reply_due", "date"), col("reply_text", "text"), col("replied_at", "timestamptz"), col("state", "text"), col("issued_by", "bigint"),
  ],
  audit_log: [
    col("at", "timestamptz"), col("actor_id", "bigint"), col("actor_name", "text"), col("action", "text"), col("entity", "text"), col("entity_id", "text"),
    col("org_id", "bigint"), col("before", "jsonb"), col("after", "jsonb"),
  ],
} satisfies Record<string, BulkColumn[]>;

/** A generated table. */
export type ScaleTable = keyof typeof SCALE_COLUMNS;

/** Tables in the order their rows must be written (parents first). */
export const SCALE_TABLE_ORDER: readonly ScaleTable[] = [
  "orgs", "users", "user_roles", "inspections", "findings", "measures", "progress_reports", "evidence", "closures", "closure_decisions", "reviews",
  "rules", "accountabilities", "recoveries", "petitions", "leads", "directives", "audit_log",
];

/** Rows of one slice of the dataset (a few units), per table. */
export type ScaleChunk = { [T in ScaleTable]: unknown[][] } & { measureCount: number };

/** A stand-in evidence file already in the file store. */
export interface ScaleEvidenceFile {
  sha256: string;
  sizeBytes: number;
}

/** What to generate and where. */
export interface ScaleOptions {
  measures: number;
  seed: string;
  /** Today in Asia/Shanghai (YYYY-MM-DD): rounds reach five years back from it. */
  today: string;
  /** The office the units hang under, and its materialised path ('/1/'). */
  officeId: number;
  officePath: string;
  /** Largest existing id per numbered table; generated ids follow. */
  baseIds: Record<ScaleIdTable, number>;
  evidenceFiles: readonly ScaleEvidenceFile[];
}

/** One generated person (the few with passwords are chosen by the service). */
export interface ScalePerson {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
}

/** Measures per unit: a unit's five years of rounds. */
export const MEASURES_PER_UNIT = 500;
/** Departments per unit. */
export const DEPARTMENTS_PER_UNIT = 8;

/** How many units a dataset of `measures` measures spreads over (200 at 100k, 2,000 at 1M). */
export function unitCountFor(measures: number): number {
  return Math.min(2000, Math.max(1, Math.round(measures / MEASURES_PER_UNIT)));
}

// ---- seeded randomness -------------------------------------------------------------------------

/** A small fast seeded generator (mulberry32 over an xmur3 hash of the seed text). */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i += 1) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    this.state = (h ^ (h >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

// ---- invented vocabulary -----------------------------------------------------------------------

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然俊峰嘉欣怡晨阳子涵雨佳琪思远海燕春梅立新晓东";
const PLACE_A = "青白云临安永宁松柏清河长乐丰泽桃源新和平阳东湖南塘金沙石门双峰龙泉凤鸣玉溪怀远宝丰嘉禾富川";
const BUREAUS = [
  "教育局", "卫生健康局", "自然资源局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "市场监督管理局",
  "生态环境局", "民政局", "人力资源和社会保障局", "财政局", "审计局", "统计局", "医疗保障局", "应急管理局", "林业局", "城市管理局",
  "发展和改革局", "工业和信息化局", "退役军人事务局", "司法局", "乡村振兴局", "供销合作社", "机关事务服务中心", "融媒体中心", "人民医院", "职业技术学校",
];
const DEPARTMENTS = ["办公室", "组织人事科", "财务审计科", "政策法规科", "规划发展科", "监督检查科", "行政审批科", "机关党委", "信息中心", "综合业务科"];
const CATEGORIES = [
  "贯彻落实党的路线方针政策和重大决策部署方面",
  "落实全面从严治党主体责任和监督责任方面",
  "落实新时代党的组织路线和干部队伍建设方面",
  "落实以往巡察和审计整改方面",
];
const PROBLEM_STEMS = [
  "{项目}资金拨付滞后，专款专用执行不严",
  "{项目}建设进度落后于计划，督促推进不力",
  "政府采购程序不规范，{项目}存在化整为零现象",
  "“三重一大”事项集体决策执行不到位，部分事项会后补签",
  "意识形态工作责任制落实不够有力",
  "基层党组织“三会一课”开展不规范，记录不完整",
  "干部选拔任用程序执行不严，档案材料缺失",
  "公务用车管理不规范，存在私车公养问题",
  "违规发放津贴补贴，合计金额尚未清退",
  "对下属单位监督管理失之于宽，{项目}账目混乱",
  "落实中央八项规定精神不够到位，公务接待超标准",
  "固定资产管理混乱，账实不符",
  "民生实事推进缓慢，{项目}群众反映强烈",
  "以往巡察反馈问题整改不彻底，{项目}问题反弹",
  "合同管理不规范，{项目}未按约定验收",
  "专项债券资金闲置，{项目}未形成实物工作量",
  "安全生产责任落实不到位，{项目}隐患整改滞后",
  "信访问题化解不力，{项目}重复信访较多",
];
const MEASURE_STEMS = [
  "制定{项目}整改工作方案，明确时间表和路线图",
  "全面清理{项目}资金台账，逐笔核实拨付情况",
  "修订完善内部控制制度，规范审批流程",
  "开展专项检查，对发现问题建立清单逐项销号",
  "组织专题学习培训，提高干部规范意识",
  "追回违规发放的款项并上缴财政",
  "约谈相关责任人，严肃追责问责",
  "建立{项目}定期调度机制，每月通报进展",
  "完善“三重一大”决策制度，严格会议纪要管理",
  "补齐干部人事档案缺失材料，开展专项审核",
  "对{项目}开展第三方审计，督促限期整改",
  "健全公务用车使用台账，实行一车一档",
  "召开专题民主生活会，深刻剖析问题根源",
  "建立长效机制，将整改情况纳入年度考核",
  "推动{项目}加快建设，确保按期完工验收",
];
const PROJECT_TYPES = ["道路改造", "污水处理", "校舍维修", "安置小区", "农田水利", "乡村公路", "供水工程", "智慧平台", "养老中心", "产业园区", "河道整治", "老旧小区", "冷链物流", "文化广场", "体育公园"];
const PROGRESS_STEMS = [
  "已召开专题会议研究部署，制定整改方案",
  "已完成问题排查，形成清单并落实责任人",
  "相关款项已清退 {n} 万元，剩余部分正在追缴",
  "已修订制度 {n} 项，并组织全体干部学习",
  "工程已完成总工程量的 {n}%，正在加快推进",
  "已对 {n} 名相关人员进行约谈提醒",
];
/** About a thousand invented project names: a text search for one finds a handful of rows. */
const PROJECTS = Array.from(
  { length: 1000 },
  (_, i) => `${PLACE_A[i % PLACE_A.length]}${PLACE_A[Math.floor(i / PLACE_A.length) % PLACE_A.length]}${PROJECT_TYPES[i % PROJECT_TYPES.length]}项目`,
);
/** A project name the generated texts mention in about one measure in three thousand (the benchmark's text search). */
export const SCALE_SAMPLE_PROJECT = PROJECTS[137];
const RETURN_REASONS = ["佐证材料不能证明整改到位，请补充验收材料", "整改措施与问题对应不清，请说明整改成效", "缺少资金清退凭证，请补充"];

// Date arithmetic on day numbers with small caches: a million measures do millions of these.
const DAY_MS = 86_400_000;
const dayNumbers = new Map<string, number>();
const dayTexts = new Map<number, string>();

function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(date, n);
  }
  return n;
}

function addDays(date: string, days: number): string {
  const n = dayNumber(date) + days;
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(n, text);
  }
  return text;
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** An instant on a day (office hours, UTC+8 → 01:00–09:00Z), as ISO text. */
function at(day: string, random: SeededRandom): string {
  return `${day}T0${random.int(1, 8)}:${String(random.int(10, 59))}:00Z`;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

// ---- the generator -----------------------------------------------------------------------------

interface UnitPeople {
  unitId: number;
  office: ScalePerson;
  leaders: ScalePerson[];
  /** Per department: its head and a staff member who submits. */
  departments: { orgId: number; name: string; head: ScalePerson; staff: ScalePerson }[];
}

const actorName = (person: ScalePerson): string => `${person.displayName}（${person.username}）`;

/** Generates the dataset slice by slice. */
export class ScaleDatasetGenerator {
  readonly unitCount: number;
  /** People of the office and of the first unit (the service gives a few of them passwords). */
  readonly notablePeople: ScalePerson[] = [];
  private readonly options: ScaleOptions;
  private readonly random: SeededRandom;
  private readonly next: Record<ScaleIdTable, number>;
  private readonly projects = PROJECTS;
  private officePeople: ScalePerson[] = [];
  private usedUnitNames = new Set<string>();

  constructor(options: ScaleOptions) {
    this.options = options;
    this.random = new SeededRandom(`${options.seed}:${options.measures}`);
    this.unitCount = unitCountFor(options.measures);
    this.next = { ...options.baseIds };
  }

  private id(table: ScaleIdTable): number {
    this.next[table] += 1;
    return this.next[table];
  }

  private personName(): string {
    const random = this.random;
    return `${random.pick([...SURNAMES])}${random.pick([...GIVEN])}${random.chance(0.6) ? random.pick([...GIVEN]) : ""}`;
  }

  private fill(template: string): string {
    return template.replace("{项目}", this.random.pick(this.projects)).replace("{n}", String(this.random.int(2, 95)));
  }

  private emptyChunk(): ScaleChunk {
    const chunk = { measureCount: 0 } as ScaleChunk;
    for (const table of SCALE_TABLE_ORDER) chunk[table] = [];
    return chunk;
  }

  private person(chunk: ScaleChunk, username: string, role: Role, orgId: number): ScalePerson {
    const person: ScalePerson = { userId: this.id("users"), username, displayName: this.personName(), role, orgId };
    chunk.users.push([person.userId, username, person.displayName, null]);
    chunk.user_roles.push([person.userId, orgId, role]);
    return person;
  }

  /** Slices of about `unitsPerChunk` units each, in order; the first also carries the office's people. */
  *chunks(unitsPerChunk = 10): Generator<ScaleChunk> {
    const { measures } = this.options;
    let remaining = measures;
    for (let first = 0; first < this.unitCount; first += unitsPerChunk) {
      const chunk = this.emptyChunk();
      if (first === 0) {
        const prefix = `sc${this.options.seed.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}`;
        this.officePeople = [
          this.person(chunk, `${prefix}_xcb1`, "inspection_office", this.options.officeId),
          this.person(chunk, `${prefix}_xcb2`, "inspection_office", this.options.officeId),
          this.person(chunk, `${prefix}_jw`, "discipline", this.options.officeId),
        ];
        this.notablePeople.push(...this.officePeople);
      }
      for (let u = first; u < Math.min(this.unitCount, first + unitsPerChunk); u += 1) {
        const budget = Math.round(remaining / (this.unitCount - u));
        remaining -= budget;
        this.generateUnit(chunk, u, budget);
      }
      yield chunk;
    }
  }

  private unitName(): string {
    for (;;) {
      const random = this.random;
      const name = `${random.pick([...PLACE_A])}${random.pick([...PLACE_A])}${random.pick(["县", "区", "市"])}${random.pick(BUREAUS)}`;
      if (!this.usedUnitNames.has(name)) {
        this.usedUnitNames.add(name);
        return name;
      }
    }
  }

  private generateUnit(chunk: ScaleChunk, index: number, measureBudget: number): void {
    const random = this.random;
    const unitId = this.id("orgs");
    const name = this.unitName();
    const unitPath = `${this.options.officePath}${unitId}/`;
    chunk.orgs.push([unitId, this.options.officeId, "unit", name, `中共${name}委员会`, unitPath]);
    const prefix = `sc${this.options.seed.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}_${index + 1}`;
    const people: UnitPeople = {
      unitId,
      office: this.person(chunk, `${prefix}_zgb`, "rectification_office", unitId),
      leaders: [this.person(chunk, `${prefix}_ld1`, "leader", unitId), this.person(chunk, `${prefix}_ld2`, "leader", unitId)],
      departments: [],
    };
    const deptNames = [...DEPARTMENTS];
    for (let i = deptNames.length - 1; i > 0; i -= 1) {
      const j = random.int(0, i);
      [deptNames[i], deptNames[j]] = [deptNames[j], deptNames[i]];
    }
    deptNames.length = DEPARTMENTS_PER_UNIT;
    for (let d = 0; d < deptNames.length; d += 1) {
      const orgId = this.id("orgs");
      chunk.orgs.push([orgId, unitId, "department", deptNames[d], null, `${unitPath}${orgId}/`]);
      people.departments.push({
        orgId,
        name: deptNames[d],
        head: this.person(chunk, `${prefix}_d${d + 1}h`, "department", orgId),
        staff: this.person(chunk, `${prefix}_d${d + 1}s`, "department", orgId),
      });
    }
    if (index === 0) this.notablePeople.push(people.office, ...people.leaders, people.departments[0].head, people.departments[0].staff);
    let round = 0;
    let left = measureBudget;
    while (left > 0) {
      round += 1;
      const size = Math.min(left, random.int(50, 160));
      this.generateRound(chunk, people, name, round, size);
      left -= size;
    }
  }

  private generateRound(chunk: ScaleChunk, people: UnitPeople, unitName: string, round: number, measureCount: number): void {
    const random = this.random;
    const { today } = this.options;
    const unitId = people.unitId;
    const inspectionId = this.id("inspections");
    const feedback = addDays(today, -random.int(20, 5 * 365));
    const ageDays = daysBetween(feedback, today);
    const kind = random.chance(0.8) ? "regular" : random.chance(0.5) ? "special" : "follow_up";
    const year = feedback.slice(0, 4);
    const group = `第${"一二三四五六七八"[random.int(0, 7)]}巡察组`;
    const created = at(addDays(feedback, 1), random);
    chunk.inspections.push([
      inspectionId, unitId, `${year}年${kind === "special" ? "专项巡察" : kind === "follow_up" ? "巡察“回头看”" : "常规巡察"}（第${round}轮）`, kind, group, "县级",
      addDays(feedback, -120), addDays(feedback, -60), feedback, [`巡反馈〔${year}〕${random.int(1, 60)}号`], created, created,
    ]);
    chunk.audit_log.push([created, people.office.userId, actorName(people.office), "create", "inspection", String(inspectionId), unitId, null, { name: `第${round}轮` }]);
    const findingIds: number[] = [];
    let seq = 0;
    let left = measureCount;
    while (left > 0) {
      seq += 1;
      const size = Math.min(left, random.pick([1, 2, 2, 3, 3, 3, 4, 4, 5, 6]));
      findingIds.push(this.generateFinding(chunk, people, inspectionId, seq, size, feedback, ageDays, measureCount));
      left -= size;
    }
    chunk.measureCount += measureCount;
    this.generateRegisters(chunk, people, unitName, inspectionId, feedback, findingIds);
  }

  private statusFor(kind: MeasureKind, ageDays: number, due: string): Status {
    const random = this.random;
    const done: Status = kind === "long_term" ? "completed_long_term" : "completed";
    const r = random.next();
    const isPastDue = due < this.options.today;
    // A round fed back a few weeks ago has nothing to close yet.
    if (ageDays < 45) return r < 0.5 ? "in_progress" : "not_started";
    if (ageDays > 730) return r < 0.9 ? done : r < 0.95 ? "phased" : "not_completed";
    if (ageDays > 180) return r < 0.62 ? done : r < 0.82 ? "phased" : r < 0.96 ? "in_progress" : isPastDue ? "not_completed" : "in_progress";
    return r < 0.15 ? done : r < 0.3 ? "phased" : r < 0.75 ? "in_progress" : "not_started";
  }

  private generateFinding(
    chunk: ScaleChunk,
    people: UnitPeople,
    inspectionId: number,
    seq: number,
    measureCount: number,
    feedback: string,
    ageDays: number,
    roundSize: number,
  ): number {
    const random = this.random;
    const unitId = people.unitId;
    const findingId = this.id("findings");
    const leadDept = random.pick(people.departments);
    const leader = random.pick(people.leaders);
    // Findings are grouped by category in order, as a feedback report lists them (about 3.3 measures a finding).
    const categoryIndex = Math.min(CATEGORIES.length - 1, Math.floor((seq - 1) / Math.max(1, Math.round(roundSize / 3.3 / CATEGORIES.length))));
    const statuses: Status[] = [];
    let latestDue = feedback;
    const created = at(addDays(feedback, random.int(2, 10)), random);
    for (let m = 1; m <= measureCount; m += 1) {
      const { status, due } = this.generateMeasure(chunk, people, findingId, m, feedback, ageDays, created);
      statuses.push(status);
      if (due > latestDue) latestDue = due;
    }
    const status = rollupFindingStatus(statuses);
    chunk.findings.push([
      findingId, inspectionId, unitId, seq, String(seq), CATEGORIES[categoryIndex], this.fill(random.pick(PROBLEM_STEMS)),
      random.chance(0.3) ? [this.fill(random.pick(PROBLEM_STEMS))] : [], random.chance(0.9) ? "feedback" : random.pick(["immediate", "petition", "lead", "previous_round", "audit"]),
      status, leader.displayName, leadDept.orgId, latestDue, isCompletedStatus(status) || random.chance(0.3) ? this.fill(random.pick(PROGRESS_STEMS)) : null, created, created,
    ]);
    chunk.audit_log.push([created, people.office.userId, actorName(people.office), "create", "finding", String(findingId), unitId, null, { seq }]);
    return findingId;
  }

  private generateMeasure(
    chunk: ScaleChunk,
    people: UnitPeople,
    findingId: number,
    seq: number,
    feedback: string,
    ageDays: number,
    created: string,
  ): { status: Status; due: string } {
    const random = this.random;
    const { today } = this.options;
    const unitId = people.unitId;
    const measureId = this.id("measures");
    const dept = random.pick(people.departments);
    const leader = random.pick(people.leaders);
    const kind: MeasureKind = random.chance(0.2) ? "immediate" : random.chance(0.8) ? "deadline" : "long_term";
    const originalDue = addDays(feedback, kind === "immediate" ? 30 : kind === "deadline" ? random.int(60, 365) : random.int(365, 730));
    let status = this.statusFor(kind, ageDays, originalDue);
    // Some open measures past their deadline were granted an extension.
    const due = !isCompletedStatus(status) && originalDue < today && random.chance(0.1) ? addDays(originalDue, 90) : originalDue;
    const auditOrg = dept.orgId;
    chunk.audit_log.push([created, people.office.userId, actorName(people.office), "create", "measure", String(measureId), auditOrg, null, { seq, dueDate: due }]);
    // Progress reports, spread between feedback and today.
    const reports = status === "not_started" ? 0 : random.chance(0.35) ? 2 : 1;
    let lastDay = addDays(feedback, 10);
    for (let p = 0; p < reports; p += 1) {
      const day = minDay(addDays(feedback, random.int(15, Math.max(16, Math.min(ageDays - 1, 400)))), addDays(today, -1));
      if (day > lastDay) lastDay = day;
      const reportId = this.id("progress_reports");
      const text = this.fill(random.pick(PROGRESS_STEMS));
      const moment = at(day, random);
      chunk.progress_reports.push([reportId, measureId, unitId, day, text, dept.staff.userId, moment]);
      chunk.audit_log.push([moment, dept.staff.userId, actorName(dept.staff), "progress", "measure", String(measureId), auditOrg, null, { progressReportId: reportId, text }]);
    }
    const isDone = isCompletedStatus(status);
    const isRebound = isDone && ageDays > 365 && random.chance(0.02);
    const pending = !isDone && (status === "phased" ? random.chance(0.4) : status === "in_progress" && random.chance(0.1));
    const evidenceCount = isDone ? (random.chance(0.3) ? 2 : 1) : pending ? 1 : status === "phased" || status === "in_progress" ? (random.chance(0.2) ? 1 : 0) : 0;
    // Evidence comes before any closure request.
    const evidenceDay = minDay(addDays(lastDay, random.int(1, 20)), addDays(today, -20));
    for (let e = 0; e < evidenceCount; e += 1) {
      const file = random.pick(this.options.evidenceFiles);
      const evidenceId = this.id("evidence");
      const moment = at(evidenceDay, random);
      const fileName = `佐证材料${e + 1}-${random.int(100, 999)}.pdf`;
      chunk.evidence.push([evidenceId, measureId, unitId, file.sha256, fileName, "application/pdf", file.sizeBytes, evidenceDay, null, dept.staff.userId, moment]);
      chunk.audit_log.push([moment, dept.staff.userId, actorName(dept.staff), "evidence", "measure", String(measureId), auditOrg, null, { evidenceId, fileName, sha256: file.sha256 }]);
    }
    const signers: ScalePerson[] = [dept.head, leader, people.office];
    const chain = DEFAULT_SIGNOFF_CHAIN.map((step) => ({ ...step }));
    let day = addDays(evidenceDay, 2);
    const closure = (state: "approved" | "returned" | "pending", decisions: number, returnAt: number | null): void => {
      const closureId = this.id("closures");
      const target = kind === "long_term" ? "completed_long_term" : "completed";
      const submitted = at(day, random);
      let decidedAt: string | null = null;
      chunk.audit_log.push([submitted, dept.staff.userId, actorName(dept.staff), "submit_closure", "measure", String(measureId), auditOrg, null, { closureId, targetStatus: target }]);
      for (let step = 0; step < decisions; step += 1) {
        day = minDay(addDays(day, random.int(1, 4)), addDays(today, -1));
        const decision = returnAt === step ? "returned" : "approved";
        decidedAt = at(day, random);
        const reason = decision === "returned" ? random.pick(RETURN_REASONS) : null;
        chunk.closure_decisions.push([closureId, step, signers[step].userId, decision, reason, decidedAt]);
        chunk.audit_log.push([decidedAt, signers[step].userId, actorName(signers[step]), decision === "approved" ? "approve" : "return", "closure", String(closureId), auditOrg, null, { step: chain[step].label, decision, reason }]);
      }
      chunk.closures.push([closureId, measureId, unitId, target, state, chain, dept.staff.userId, submitted, state === "pending" ? null : decidedAt]);
    };
    if (isDone) {
      if (random.chance(0.1)) {
        const returnAt = random.int(0, 1);
        closure("returned", returnAt + 1, returnAt);
        day = minDay(addDays(day, random.int(3, 15)), addDays(today, -8));
      }
      closure("approved", chain.length, null);
      chunk.audit_log.push([at(day, random), people.office.userId, actorName(people.office), "status", "measure", String(measureId), auditOrg, { status: "in_progress" }, { status, via: "closure", reason: "对账销号" }]);
      if (isRebound || (ageDays > 365 && random.chance(0.15))) {
        const reviewDay = minDay(addDays(day, random.int(60, 300)), addDays(today, -1));
        const reviewer = random.pick(this.officePeople);
        const note = isRebound ? "回头看抽查发现问题有所反弹" : "回头看抽查整改成效巩固";
        chunk.reviews.push([measureId, unitId, reviewDay, isRebound ? "rebound" : "confirmed", note, reviewer.userId, at(reviewDay, random)]);
        if (isRebound) {
          chunk.audit_log.push([at(reviewDay, random), reviewer.userId, actorName(reviewer), "status", "measure", String(measureId), auditOrg, { status }, { status: "in_progress", via: "review", reason: note }]);
          status = "in_progress";
        }
      }
    } else if (pending) {
      closure("pending", random.int(0, 2), null);
    }
    const updated = at(minDay(addDays(day, 1), today), random);
    chunk.measures.push([
      measureId, findingId, unitId, seq, this.fill(random.pick(MEASURE_STEMS)), kind, leader.displayName, leader.userId, dept.orgId,
      dept.staff.displayName, dept.staff.userId, due, originalDue, status, 1, created, updated,
    ]);
    return { status, due };
  }

  private generateRegisters(chunk: ScaleChunk, people: UnitPeople, unitName: string, inspectionId: number, feedback: string, findingIds: number[]): void {
    const random = this.random;
    const unitId = people.unitId;
    const { today } = this.options;
    const day = (from: number, to: number): string => minDay(addDays(feedback, random.int(from, to)), today);
    const year = feedback.slice(0, 4);
    for (let i = random.int(0, 3); i > 0; i -= 1) {
      chunk.rules.push([unitId, inspectionId, `${unitName}${random.pick(["财务管理办法", "公务接待管理规定", "政府采购内控制度", "干部选拔任用工作规程", "公务用车管理办法", "项目资金管理细则"])}`, `〔${year}〕${random.int(1, 90)}号`, day(20, 200), [random.pick(findingIds)]]);
    }
    for (let i = random.int(0, 3); i > 0; i -= 1) {
      chunk.accountabilities.push([unitId, inspectionId, random.pick(findingIds), random.chance(0.3) ? null : this.personName(), random.pick(["party_discipline", "organisational", "admonishment", "criticism", "written_review", "reminder_talk"]), day(20, 300), random.int(1, 3)]);
    }
    for (let i = random.int(0, 2); i > 0; i -= 1) {
      chunk.recoveries.push([unitId, inspectionId, random.pick(findingIds), random.pick(["refunded", "recovered", "loss_retrieved"]), random.int(10_000, 50_000_000), day(20, 300)]);
    }
    for (let i = random.int(0, 4); i > 0; i -= 1) {
      const closed = random.chance(0.7);
      const received = day(-60, 30);
      chunk.petitions.push([unitId, inspectionId, `群众反映${random.pick(this.projects)}有关问题`, received, closed ? "closed" : random.pick(["received", "transferred"]), closed ? minDay(addDays(received, random.int(10, 90)), today) : null]);
    }
    for (let i = random.int(0, 2); i > 0; i -= 1) {
      chunk.leads.push([unitId, inspectionId, `${random.pick(this.projects)}问题线索`, day(-60, 10), random.pick(["received", "transferred", "filed", "closed"]), random.int(0, 3)]);
    }
    if (random.chance(0.2)) {
      const issuer = random.pick(this.officePeople);
      const due = day(30, 90);
      const replied = due < today && random.chance(0.8);
      chunk.directives.push([unitId, this.options.officeId, inspectionId, random.pick(findingIds), "整改进度滞后，请于 15 日内书面说明原因及下一步措施", due, replied ? "已书面报告整改进展及下一步措施" : null, replied ? `${addDays(due, -3)}T03:00:00Z` : null, replied ? "replied" : "open", issuer.userId]);
    }
  }
}
