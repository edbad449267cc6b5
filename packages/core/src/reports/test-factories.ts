import type { AccountabilityKind, MeasureKind, RecoveryKind } from "../domain/kinds.ts";
import type { Status } from "../domain/status.ts";
import { rollupFindingStatus } from "../workflow/rollup.ts";
import type { LedgerSnapshot, SnapshotFinding, SnapshotMeasure } from "./ledger-snapshot.ts";

// Fictional data for tests, demos and benchmarks: 桐溪县 does not exist, and every sentence here is
// written for this file (nothing is copied from real notices).

const CATEGORIES = [
  "在落实党的教育方针和上级决策部署方面",
  "在落实全面从严治党责任和整治群众身边不正之风方面",
  "在加强领导班子和干部队伍建设方面",
];

const TITLES = [
  "学校食堂经费核算不规范",
  "课后服务收费公示不及时",
  "校舍维修工程验收把关不严",
  "教师培训经费使用效益不高",
  "公务用车使用登记不完整",
  "合同管理台账缺失较多",
  "党支部“三会一课”记录不规范",
  "意识形态阵地日常巡查不到位",
  "政府采购程序执行打折扣",
  "固定资产清查盘点不及时",
  "学生资助对象认定把关不严",
  "校园安全隐患排查留有死角",
  "干部选拔任用纪实材料不全",
  "党费收缴使用管理不细致",
  "职称评审推荐程序不透明",
];

const SUB_POINTS = [
  "一是制度执行层层递减",
  "二是日常监督检查流于形式",
  "三是问题发现后整改跟踪不够",
  "四是相关人员业务培训不足",
];

const MEASURE_TEXTS = [
  "制定专项整改方案，逐项明确整改目标",
  "开展全县中小学专项排查，建立问题清单",
  "修订完善内部管理制度并印发执行",
  "组织业务骨干集中培训两期",
  "对相关责任人进行约谈提醒",
  "建立月调度、季通报工作机制",
  "委托第三方开展专项审计",
];

const PROGRESS_TEXTS = [
  "已完成排查，发现的问题已全部建档",
  "制度初稿已形成，正在征求意见",
  "已召开两次专题调度会",
  "培训已完成一期，第二期已列入计划",
  "审计报告已出具，正在逐项核对",
];

const LEADERS = ["周明远", "林秀芳", "郑国栋", "韩晓岚"];
const DEPARTMENTS = ["计划财务股", "基础教育股", "人事股", "局办公室", "安全管理股", "机关党委"];
const OWNERS = ["吴建平", "许丽华", "黄志强", "宋雨桐", "罗晨曦", "谢文博", "唐佳怡"];

// Measure statuses cycled so that every status and every bucket appears in a generated ledger.
const MEASURE_STATUS_CYCLE: readonly Status[] = [
  "completed",
  "completed",
  "phased",
  "in_progress",
  "completed_long_term",
  "not_completed",
  "completed",
  "not_started",
];

const ACCOUNTABILITY_KINDS: readonly AccountabilityKind[] = ["admonishment", "interview", "criticism", "party_discipline"];
const RECOVERY_KINDS: readonly RecoveryKind[] = ["refunded", "recovered"];

/** A small deterministic random generator (mulberry32) so generated ledgers are reproducible. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Options of the sample ledger generator. */
export interface SampleLedgerOptions {
  /** Number of feedback findings (default 12). */
  findings?: number;
  /** Number of extra 立行立改 findings counted apart (default 3). */
  immediateFindings?: number;
  seed?: number;
  asOf?: string;
}

/** Generates a fictional, reproducible ledger snapshot of 桐溪县教育局 for tests, demos and benchmarks. */
export function createSampleLedgerSnapshot(options: SampleLedgerOptions = {}): LedgerSnapshot {
  const random = createRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const findingCount = options.findings ?? 12;
  const immediateCount = options.immediateFindings ?? 3;
  const asOf = options.asOf ?? "2025-06-30";
  const feedbackDate = "2025-01-15";
  const findings: SnapshotFinding[] = [];
  let measureSeq = 0;
  let statusIndex = Math.floor(random() * MEASURE_STATUS_CYCLE.length);
  for (let index = 0; index < findingCount + immediateCount; index += 1) {
    const isImmediate = index >= findingCount;
    const measureCount = 1 + Math.floor(random() * 3);
    const measures: SnapshotMeasure[] = [];
    for (let m = 0; m < measureCount; m += 1) {
      measureSeq += 1;
      const status = isImmediate ? "completed" : MEASURE_STATUS_CYCLE[statusIndex++ % MEASURE_STATUS_CYCLE.length];
      const kind: MeasureKind = isImmediate ? "immediate" : status === "completed_long_term" ? "long_term" : "deadline";
      measures.push({
        id: `m-${measureSeq}`,
        seq: m + 1,
        text: `${pick(MEASURE_TEXTS)}（第${m + 1}项）`,
        kind,
        leader: pick(LEADERS),
        department: pick(DEPARTMENTS),
        owner: random() < 0.1 ? null : pick(OWNERS),
        dueDate: kind === "long_term" ? null : addDays(feedbackDate, 30 + Math.floor(random() * 150)),
        status,
        progress: status === "not_started" ? null : pick(PROGRESS_TEXTS),
        evidenceCount: status === "not_started" ? 0 : Math.floor(random() * 4),
        note: random() < 0.2 ? "需跨部门协同" : null,
      });
    }
    const status = rollupFindingStatus(measures.map((measure) => measure.status));
    const isOpen = !(status === "completed" || status === "completed_long_term");
    const categoryIndex = Math.min(CATEGORIES.length - 1, Math.floor((index * CATEGORIES.length) / Math.max(1, findingCount)));
    findings.push({
      id: `f-${index + 1}`,
      seq: index + 1,
      number: String(isImmediate ? index - findingCount + 1 : index + 1),
      category: isImmediate ? "立行立改问题" : CATEGORIES[categoryIndex],
      title: `${TITLES[index % TITLES.length]}${index >= TITLES.length ? `（${Math.floor(index / TITLES.length) + 1}）` : ""}`,
      subPoints: random() < 0.4 ? SUB_POINTS.slice(0, 2 + Math.floor(random() * 3)) : [],
      source: isImmediate ? "immediate" : index % 5 === 4 ? "previous_round" : "feedback",
      status,
      leadLeader: measures[0].leader,
      leadDepartment: measures[0].department,
      dueDate: measures.map((measure) => measure.dueDate).filter((date): date is string => date !== null).sort().at(-1) ?? null,
      progressText: random() < 0.5 ? "已召开专题会议研究部署，逐项细化整改措施并推进落实。" : null,
      planText: isOpen ? "下一步将加强督促检查，确保在规定时限内整改到位。" : null,
      measures,
    });
  }
  const accountabilityCount = 2 + Math.floor(random() * 5);
  return {
    org: { id: "org-tongxi-edu", name: "桐溪县教育局", partyOrgName: "中共桐溪县教育局党组" },
    inspection: {
      id: "insp-2024-2",
      name: "十五届县委第二轮巡察",
      kind: "regular",
      groupName: "县委第二巡察组",
      level: "县委",
      startDate: "2024-10-08",
      endDate: "2024-12-06",
      feedbackDate,
      feedbackDocNumbers: ["桐巡〔2025〕3号"],
    },
    asOf,
    findings,
    registers: {
      rules: Array.from({ length: 2 + Math.floor(random() * 4) }, (_, index) => ({
        title: `桐溪县教育系统内部管理规定（${index + 1}）`,
        docNumber: `桐教发〔2025〕${10 + index}号`,
        issuedDate: addDays(feedbackDate, 20 + index * 9),
      })),
      accountability: Array.from({ length: accountabilityCount }, (_, index) => ({
        kind: ACCOUNTABILITY_KINDS[index % ACCOUNTABILITY_KINDS.length],
        personName: null,
        date: addDays(feedbackDate, 40 + index),
      })),
      recoveries: Array.from({ length: 2 + Math.floor(random() * 2) }, (_, index) => ({
        kind: RECOVERY_KINDS[index % RECOVERY_KINDS.length],
        amountFen: (1 + Math.floor(random() * 90)) * 100_000 + (index === 0 ? 0 : 4_250),
        note: null,
      })),
      petitions: { total: 9, closed: 7 },
      leads: { total: 4, transferred: 4, closed: 2 },
    },
  };
}
