import type { MeasureKind, Role, Status } from "@zhenggai/core";

// A fictional county, written by us for demonstrations and tests. Any likeness to a real
// unit is accidental.

/** A demo measure: text, owner triple, deadline and where it stands. */
export interface DemoMeasure {
  text: string;
  kind: MeasureKind;
  department: string;
  leader: string;
  owner: string;
  dueDate: string;
  status: Status;
  progress?: string[];
  evidence?: string[];
  /** A closed measure later found to have rebounded at 回头看. */
  isRebound?: boolean;
  /** Due this many days from the day the demo is loaded (so the demo always shows a live reminder); overrides dueDate. */
  dueInDays?: number;
}

/** A demo finding. */
export interface DemoFinding {
  category: string;
  title: string;
  subPoints?: string[];
  leadLeader: string;
  leadDepartment: string;
  measures: DemoMeasure[];
}

/** A demo unit with its departments and (optionally) a ledger. */
export interface DemoUnit {
  name: string;
  partyOrgName: string;
  departments: string[];
  findings: DemoFinding[];
}

export const DEMO_OFFICE = "中共青禾县委巡察工作领导小组办公室";

const C1 = "（一）贯彻落实党的路线方针政策和上级决策部署方面";
const C2 = "（二）落实全面从严治党战略部署方面";
const C3 = "（三）落实新时代党的组织路线方面";

export const DEMO_INSPECTION = {
  name: "十五届县委第三轮巡察",
  kind: "regular" as const,
  groupName: "县委第二巡察组",
  level: "县委",
  startDate: "2025-09-08",
  endDate: "2025-11-14",
  feedbackDate: "2025-12-10",
  feedbackDocNumbers: ["青巡反〔2025〕7号"],
};

export const DEMO_EDUCATION: DemoUnit = {
  name: "青禾县教育局",
  partyOrgName: "中共青禾县教育局党组",
  departments: ["办公室", "基础教育股", "计划财务股", "人事股", "安全稳定股", "机关纪委"],
  findings: [
    {
      category: C1,
      title: "学前教育普惠资源布局与人口变化不匹配",
      subPoints: ["一是城区学位紧张", "二是部分乡镇园所生源萎缩"],
      leadLeader: "周明远",
      leadDepartment: "基础教育股",
      measures: [
        { text: "开展全县学龄人口预测，形成学位供需分析报告", kind: "immediate", department: "基础教育股", leader: "周明远", owner: "林晓岚", dueDate: "2026-01-31", status: "completed", progress: ["已委托县统计局完成 2026—2030 年学龄人口预测，分析报告经局党组会审议通过。"], evidence: ["学位供需分析报告.pdf", "局党组会议纪要.pdf"] },
        { text: "新建城东片区公办幼儿园一所，新增学位 360 个", kind: "deadline", department: "计划财务股", leader: "周明远", owner: "韩书平", dueDate: "2026-08-31", status: "in_progress", progress: ["项目已立项，完成初步设计评审。", "主体结构封顶，计划 2027 年春季开园，较原定时限延后。"] },
        { text: "整合生源不足的乡镇园所，建立园所布局动态调整机制", kind: "long_term", department: "基础教育股", leader: "周明远", owner: "林晓岚", dueDate: "2027-06-30", status: "phased", progress: ["已完成两所村级教学点的整合，动态调整办法正在征求意见。"] },
      ],
    },
    {
      category: C1,
      title: "“双减”课后服务质量参差不齐",
      leadLeader: "周明远",
      leadDepartment: "基础教育股",
      measures: [
        { text: "制定课后服务内容清单和质量评价办法", kind: "deadline", department: "基础教育股", leader: "周明远", owner: "许知微", dueDate: "2026-03-31", status: "completed", progress: ["《青禾县中小学课后服务质量评价办法》已印发。"], evidence: ["课后服务质量评价办法.pdf"] },
        { text: "引入非学科类校外资源，每校至少开设 3 类特色课程", kind: "deadline", department: "基础教育股", leader: "周明远", owner: "许知微", dueDate: "2026-09-30", status: "in_progress", progress: ["已遴选 12 家机构进入资源库，18 所学校中 11 所达标。"] },
      ],
    },
    {
      category: C1,
      title: "校园安全隐患排查整治不彻底",
      subPoints: ["一是部分学校消防通道被占用", "二是校车管理台账不完整"],
      leadLeader: "陈立新",
      leadDepartment: "安全稳定股",
      measures: [
        { text: "立行立改清理全部学校消防通道，建立每周巡查制度", kind: "immediate", department: "安全稳定股", leader: "陈立新", owner: "赵一鸣", dueDate: "2025-12-31", status: "completed", progress: ["全县 46 所学校消防通道全部清理完毕，周巡查记录完整。"], evidence: ["消防通道整治前后照片.pdf", "周巡查记录表.pdf"], isRebound: true },
        { text: "完善校车管理台账，实现驾驶员、车辆、线路一车一档", kind: "deadline", department: "安全稳定股", leader: "陈立新", owner: "赵一鸣", dueDate: "2026-02-28", status: "completed_long_term", progress: ["一车一档全部建立，纳入常态化管理。"], evidence: ["校车管理台账.pdf"] },
      ],
    },
    {
      category: C1,
      title: "教育信息化设备使用率低",
      leadLeader: "周明远",
      leadDepartment: "办公室",
      measures: [
        { text: "对闲置设备开展清查，建立调剂使用机制", kind: "deadline", department: "办公室", leader: "周明远", owner: "钱可心", dueDate: "2026-05-31", status: "not_started" },
        { text: "建立信息化设备使用情况月通报制度", kind: "deadline", department: "基础教育股", leader: "周明远", owner: "林晓岚", dueDate: "2026-10-31", dueInDays: -3, status: "in_progress", progress: ["已完成 46 所学校设备使用情况摸底，通报模板正在征求意见。"] },
        { text: "完成首批闲置设备跨校调剂", kind: "deadline", department: "计划财务股", leader: "周明远", owner: "韩书平", dueDate: "2026-11-30", dueInDays: 8, status: "in_progress", progress: ["已梳理可调剂设备清单 312 台（套）。"] },
      ],
    },
    {
      category: C2,
      title: "违规发放津补贴问题时有发生",
      subPoints: ["一是个别学校以加班名义发放补助", "二是食堂结余资金管理不规范"],
      leadLeader: "孙慧敏",
      leadDepartment: "计划财务股",
      measures: [
        { text: "全面清理违规发放的津补贴并督促清退", kind: "immediate", department: "计划财务股", leader: "孙慧敏", owner: "韩书平", dueDate: "2026-01-31", status: "completed", progress: ["清退违规发放津补贴 12.6 万元，已全部缴回。"], evidence: ["清退资金缴款凭证.pdf"] },
        { text: "修订学校财务管理办法，明确食堂结余资金使用范围", kind: "deadline", department: "计划财务股", leader: "孙慧敏", owner: "韩书平", dueDate: "2026-04-30", status: "completed", progress: ["新修订的财务管理办法已印发执行。"], evidence: ["学校财务管理办法.pdf"] },
      ],
    },
    {
      category: C2,
      title: "政府采购内控制度执行不严",
      leadLeader: "孙慧敏",
      leadDepartment: "计划财务股",
      measures: [
        { text: "开展近三年采购项目专项审计", kind: "deadline", department: "计划财务股", leader: "孙慧敏", owner: "韩书平", dueDate: "2026-06-30", status: "phased", progress: ["已完成 2023、2024 年度项目审计，2025 年度审计正在进行。"] },
        { text: "建立采购需求论证和验收双人制度", kind: "long_term", department: "计划财务股", leader: "孙慧敏", owner: "韩书平", dueDate: "2026-12-31", status: "in_progress", progress: ["制度草案已起草。"] },
      ],
    },
    {
      category: C2,
      title: "机关纪委监督作用发挥不充分",
      leadLeader: "郑秋实",
      leadDepartment: "机关纪委",
      measures: [
        { text: "制定机关纪委年度监督计划，每季度开展一次专项监督", kind: "long_term", department: "机关纪委", leader: "郑秋实", owner: "吴清和", dueDate: "2026-03-31", status: "completed_long_term", progress: ["年度监督计划已制定，一、二、三季度专项监督均已开展。"], evidence: ["年度监督计划.pdf", "专项监督报告.pdf"] },
      ],
    },
    {
      category: C2,
      title: "上轮巡察反馈问题整改不到位",
      leadLeader: "郑秋实",
      leadDepartment: "办公室",
      measures: [
        { text: "逐条对账上轮巡察反馈问题，未完成事项重新明确时限", kind: "immediate", department: "办公室", leader: "郑秋实", owner: "钱可心", dueDate: "2026-01-15", status: "completed", progress: ["上轮 21 个问题逐条对账，3 个未完成事项已纳入本轮台账。"], evidence: ["上轮问题对账销号表.pdf"] },
        { text: "对整改不力的责任人开展约谈", kind: "immediate", department: "机关纪委", leader: "郑秋实", owner: "吴清和", dueDate: "2026-02-28", status: "completed", progress: ["约谈相关责任人 3 人。"], evidence: ["约谈记录.pdf"] },
      ],
    },
    {
      category: C3,
      title: "年轻干部储备不足，梯次结构不合理",
      leadLeader: "李向东",
      leadDepartment: "人事股",
      measures: [
        { text: "制定年轻干部培养三年计划", kind: "deadline", department: "人事股", leader: "李向东", owner: "冯子衿", dueDate: "2026-03-31", status: "completed", progress: ["三年培养计划已印发。"], evidence: ["年轻干部培养计划.pdf"] },
        { text: "开展股室负责人竞争性选拔，新选拔 35 岁以下干部不少于 4 名", kind: "deadline", department: "人事股", leader: "李向东", owner: "冯子衿", dueDate: "2026-10-31", status: "in_progress", progress: ["选拔方案已报县委组织部备案，笔试已结束。"] },
      ],
    },
    {
      category: C3,
      title: "基层学校党组织建设存在薄弱环节",
      subPoints: ["一是部分学校党支部“三会一课”记录不规范", "二是党建与业务结合不紧"],
      leadLeader: "李向东",
      leadDepartment: "人事股",
      measures: [
        { text: "开展基层党支部标准化规范化建设达标验收", kind: "deadline", department: "人事股", leader: "李向东", owner: "冯子衿", dueDate: "2026-09-30", status: "phased", progress: ["已完成 30 个支部验收，剩余 16 个支部计划年底前完成。"] },
      ],
    },
    {
      category: C3,
      title: "干部人事档案管理不规范",
      leadLeader: "李向东",
      leadDepartment: "人事股",
      measures: [
        { text: "开展干部人事档案专项审核，补齐缺失材料", kind: "deadline", department: "人事股", leader: "李向东", owner: "冯子衿", dueDate: "2026-04-30", status: "completed", progress: ["审核档案 412 卷，补齐材料 1,036 份。"], evidence: ["档案专项审核报告.pdf"] },
      ],
    },
  ],
};

/** Two more units so supervisors' roll-ups have something to compare. */
export const DEMO_OTHER_UNITS: DemoUnit[] = [
  {
    name: "青禾县卫生健康局",
    partyOrgName: "中共青禾县卫生健康局党组",
    departments: ["办公室", "医政医管股", "规划财务股"],
    findings: [
      { category: C1, title: "基层医疗机构药品采购管理不规范", leadLeader: "何清远", leadDepartment: "医政医管股", measures: [{ text: "开展药品采购专项检查", kind: "deadline", department: "医政医管股", leader: "何清远", owner: "曹安然", dueDate: "2026-03-31", status: "completed", evidence: ["专项检查报告.pdf"] }] },
      { category: C2, title: "公务接待管理不严格", leadLeader: "何清远", leadDepartment: "办公室", measures: [{ text: "修订公务接待管理办法", kind: "deadline", department: "办公室", leader: "何清远", owner: "曹安然", dueDate: "2026-02-28", status: "completed", evidence: ["公务接待管理办法.pdf"] }] },
      { category: C2, title: "专项资金拨付进度滞后", leadLeader: "何清远", leadDepartment: "规划财务股", measures: [{ text: "建立专项资金拨付月调度机制", kind: "deadline", department: "规划财务股", leader: "何清远", owner: "曹安然", dueDate: "2026-05-31", status: "in_progress" }] },
    ],
  },
  {
    name: "青禾县交通运输局",
    partyOrgName: "中共青禾县交通运输局党组",
    departments: ["办公室", "工程建设股"],
    findings: [
      { category: C1, title: "农村公路养护资金使用效益不高", leadLeader: "宋景行", leadDepartment: "工程建设股", measures: [{ text: "开展养护资金绩效评价", kind: "deadline", department: "工程建设股", leader: "宋景行", owner: "杜若谷", dueDate: "2026-04-30", status: "phased" }] },
      { category: C3, title: "干部交流轮岗不到位", leadLeader: "宋景行", leadDepartment: "办公室", measures: [{ text: "制定重点岗位轮岗计划", kind: "deadline", department: "办公室", leader: "宋景行", owner: "杜若谷", dueDate: "2026-01-31", status: "not_started" }] },
    ],
  },
];

/**
 * A person of the demo: one account with one role. Measures name 责任领导 and 责任人 by these display
 * names and are linked to the accounts; `isHead` makes the person the 负责人 of their department (who
 * signs its department step). Only `hasLogin` accounts get a password, printed once; an administrator
 * can reset any other one (系统管理 → 用户与角色, or `zhenggai user reset-password`).
 */
export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  org: string;
  isHead?: boolean;
  hasLogin?: boolean;
}

/** Demo accounts. Every signature the demo writes is by the person its step is routed to. */
export const DEMO_USERS: DemoUser[] = [
  { username: "demo_zgb", displayName: "钱可心", role: "rectification_office", org: "青禾县教育局", hasLogin: true },
  { username: "demo_jcjy", displayName: "林晓岚", role: "department", org: "青禾县教育局/基础教育股", hasLogin: true },
  { username: "demo_jcjy_head", displayName: "沈一帆", role: "department", org: "青禾县教育局/基础教育股", isHead: true, hasLogin: true },
  { username: "demo_cw", displayName: "韩书平", role: "department", org: "青禾县教育局/计划财务股", hasLogin: true },
  { username: "demo_leader", displayName: "周明远", role: "leader", org: "青禾县教育局", hasLogin: true },
  { username: "demo_leader2", displayName: "孙慧敏", role: "leader", org: "青禾县教育局", hasLogin: true },
  { username: "demo_xcb", displayName: "方正言", role: "inspection_office", org: DEMO_OFFICE, hasLogin: true },
  { username: "demo_jjz", displayName: "严守诚", role: "discipline", org: DEMO_OFFICE, hasLogin: true },
  { username: "jy_tangzy", displayName: "唐致远", role: "rectification_office", org: "青禾县教育局" },
  { username: "jy_chenlx", displayName: "陈立新", role: "leader", org: "青禾县教育局" },
  { username: "jy_zhengqs", displayName: "郑秋实", role: "leader", org: "青禾县教育局" },
  { username: "jy_lixd", displayName: "李向东", role: "leader", org: "青禾县教育局" },
  { username: "jy_xuzw", displayName: "许知微", role: "department", org: "青禾县教育局/基础教育股" },
  { username: "jy_zhaoym", displayName: "赵一鸣", role: "department", org: "青禾县教育局/安全稳定股" },
  { username: "jy_jiangmc", displayName: "蒋明川", role: "department", org: "青禾县教育局/安全稳定股", isHead: true },
  { username: "jy_lujingan", displayName: "卢静安", role: "department", org: "青禾县教育局/计划财务股", isHead: true },
  { username: "jy_wuqh", displayName: "吴清和", role: "department", org: "青禾县教育局/机关纪委" },
  { username: "jy_changdm", displayName: "常德明", role: "department", org: "青禾县教育局/机关纪委", isHead: true },
  { username: "jy_fengzj", displayName: "冯子衿", role: "department", org: "青禾县教育局/人事股" },
  { username: "jy_luoqw", displayName: "罗启文", role: "department", org: "青禾县教育局/人事股", isHead: true },
  { username: "jy_hewl", displayName: "贺文澜", role: "department", org: "青禾县教育局/办公室", isHead: true },
  { username: "wj_heqy", displayName: "何清远", role: "leader", org: "青禾县卫生健康局" },
  { username: "wj_caoar", displayName: "曹安然", role: "rectification_office", org: "青禾县卫生健康局" },
  { username: "wj_wusq", displayName: "武思齐", role: "rectification_office", org: "青禾县卫生健康局" },
  { username: "wj_beiyt", displayName: "贝雨桐", role: "department", org: "青禾县卫生健康局/医政医管股", isHead: true },
  { username: "wj_tianye", displayName: "田叶舟", role: "department", org: "青禾县卫生健康局/办公室", isHead: true },
  // 交通运输局's 责任领导 宋景行 has no account: their measures show the name as unlinked, as an import would.
  { username: "jt_duruogu", displayName: "杜若谷", role: "rectification_office", org: "青禾县交通运输局" },
];

/** Registers of the education bureau's round. */
export const DEMO_REGISTERS = {
  // `finding` names the linked finding by its title in DEMO_EDUCATION.
  rules: [
    { title: "青禾县中小学课后服务质量评价办法", docNumber: "青教发〔2026〕5号", issuedDate: "2026-03-20", findings: ["“双减”课后服务质量参差不齐"] },
    { title: "青禾县教育系统学校财务管理办法（修订）", docNumber: "青教发〔2026〕9号", issuedDate: "2026-04-18", findings: ["违规发放津补贴问题时有发生", "政府采购内控制度执行不严"] },
    { title: "青禾县教育局年轻干部培养三年计划", docNumber: "青教党〔2026〕3号", issuedDate: "2026-03-28", findings: ["年轻干部储备不足，梯次结构不合理"] },
  ],
  accountabilities: [
    { kind: "interview", people: 3, decidedDate: "2026-02-20", finding: "上轮巡察反馈问题整改不到位" },
    { kind: "criticism", people: 2, decidedDate: "2026-03-05", finding: "违规发放津补贴问题时有发生" },
    { kind: "admonishment", people: 1, decidedDate: "2026-04-10", finding: "违规发放津补贴问题时有发生" },
  ],
  recoveries: [{ kind: "refunded", amountFen: 12_600_000, recoveredDate: "2026-01-25", note: "违规发放津补贴清退", finding: "违规发放津补贴问题时有发生" }],
  petitions: [
    { subject: "反映某小学课后服务收费问题", state: "closed" },
    { subject: "反映城区学位紧张问题", state: "closed" },
    { subject: "反映校车超员问题", state: "transferred" },
  ],
  leads: [{ subject: "某中学食堂采购问题线索", state: "filed", people: 2 }],
};

/** The clock's records in the education bureau's round: an approved extension, a replied directive and a 约谈. */
export const DEMO_SUPERVISION = {
  // `measure` names a measure of DEMO_EDUCATION by its text.
  extension: {
    measure: "新建城东片区公办幼儿园一所，新增学位 360 个",
    requestedBy: "demo_cw",
    requestedAt: "2026-05-20T02:00:00Z",
    requestedDueDate: "2027-03-31",
    reason: "主体工程受春季连续降雨影响停工 40 天，室外配套须待秋季完成，申请延至 2027 年 3 月底",
    decidedBy: "demo_zgb",
    decidedAt: "2026-05-22T02:00:00Z",
    note: "经核实停工情况属实，同意延期，请按周报送进度",
  },
  directive: {
    measure: "开展近三年采购项目专项审计",
    issuedBy: "demo_xcb",
    issuedAt: "2026-05-06T02:00:00Z",
    text: "采购项目专项审计进度滞后，请书面说明原因、已完成情况和完成时间",
    replyDue: "2026-05-18",
    repliedBy: "demo_zgb",
    repliedAt: "2026-05-15T02:00:00Z",
    reply: "2023、2024 年度审计已完成，2025 年度因项目资料分散正在补充收集，计划 6 月底前完成并报送审计报告。",
    file: "采购审计进度说明.pdf",
  },
  interview: {
    recordedBy: "demo_jjz",
    interviewer: "严守诚（县纪委监委派驻纪检监察组）",
    interviewee: "孙慧敏（分管副局长）",
    heldOn: "2026-05-25",
    location: "县教育局三楼会议室",
    subject: "政府采购内控制度整改进度滞后",
    measures: ["开展近三年采购项目专项审计", "建立采购需求论证和验收双人制度"],
    outcome: "责令 6 月底前完成 2025 年度采购项目审计，年底前印发双人制度，每周报送进度",
  },
};

