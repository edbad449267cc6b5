import { labelAuditAction, labelAuditEntity, labelInspectionKind, labelOfGroup, labelMeasureKind, labelRole, labelStatus, formatRate, type GroupStats } from "@zhenggai/core";
import { writeTableWorkbook, type TableColumn } from "../exports/index.ts";
import type { AuditFilter } from "../repositories/audit.repository.ts";
import type { FindingRow, MeasureListItem } from "../repositories/ledger.repository.ts";
import type { Actor } from "./access.ts";
import type { DashboardService, RollupRow } from "./dashboard.service.ts";
import type { FindingService } from "./finding.service.ts";
import type { InspectionService } from "./inspection.service.ts";
import type { MeasureService } from "./measure.service.ts";
import type { UserService, UserView } from "./user.service.ts";

/** The lists a screen can export to Excel. */
export type ListKind = "inspections" | "findings" | "measures" | "audit" | "users" | "rollup" | "stats";

/** Every list kind, for validation. */
export const LIST_KINDS: readonly ListKind[] = ["inspections", "findings", "measures", "audit", "users", "rollup", "stats"];

/** Filters a list export accepts: those of the list it exports. */
export interface ListExportQuery {
  inspectionId?: number;
  orgId?: number;
  text?: string;
  status?: FindingRow["status"][];
  category?: string;
  departmentId?: number;
  leader?: string;
  isOverdue?: boolean;
  isMine?: boolean;
  audit?: Omit<AuditFilter, "orgIds" | "page" | "pageSize">;
}

// One export holds at most this many rows: a list longer than that should be filtered first.
const MAX_ROWS = 5000;

const date = (value: string | null | undefined): string => value ?? "";
const time = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

/**
 * Excel export of the lists on screen (rounds, findings, measures, audit log, users, roll-up,
 * statistics): each is read through the same service as the screen, so role and org scope apply.
 */
export class ListExportService {
  private readonly services: { inspections: InspectionService; findings: FindingService; measures: MeasureService; dashboard: DashboardService; users: UserService };
  private readonly today: () => string;

  constructor(
    services: { inspections: InspectionService; findings: FindingService; measures: MeasureService; dashboard: DashboardService; users: UserService },
    today: () => string,
  ) {
    this.services = services;
    this.today = today;
  }

  /** Builds the workbook of one list with the filters the screen uses. */
  async exportList(actor: Actor, kind: ListKind, query: ListExportQuery): Promise<{ fileName: string; bytes: Uint8Array }> {
    const page = { page: 1, pageSize: MAX_ROWS };
    const subtitle = `导出人：${actor.displayName}　导出日期：${this.today()}`;
    const sheet = async <T>(title: string, columns: TableColumn<T>[], rows: readonly T[]) => ({
      fileName: `${title}-${this.today()}.xlsx`,
      bytes: await writeTableWorkbook({ title, subtitle: `${subtitle}　共 ${rows.length} 条`, columns, rows }),
    });
    switch (kind) {
      case "inspections": {
        const list = await this.services.inspections.listInspections(actor, { ...page, orgId: query.orgId, text: query.text });
        return sheet("巡察轮次", [
          { header: "巡察轮次", width: 30, value: (r) => r.name },
          { header: "被巡察单位", width: 22, value: (r) => r.orgName },
          { header: "类型", width: 14, value: (r) => labelInspectionKind(r.kind) },
          { header: "巡察组", width: 16, value: (r) => r.groupName },
          { header: "反馈日期", width: 12, value: (r) => date(r.feedbackDate) },
          { header: "问题数", width: 8, value: (r) => Number(r.findingCount) },
        ], list.items);
      }
      case "findings": {
        const list = await this.services.findings.listFindings(actor, { ...page, ...ledgerFilter(query) });
        return sheet("问题清单", [
          { header: "序号", width: 6, value: (r) => r.number },
          { header: "问题方面", width: 24, value: (r) => r.category },
          { header: "反馈问题", width: 40, value: (r) => r.title },
          { header: "牵头领导", width: 10, value: (r) => r.leadLeader },
          { header: "牵头部门", width: 14, value: (r) => r.leadDepartmentName },
          { header: "措施数", width: 8, value: (r) => Number(r.measureCount) },
          { header: "整改状态", width: 14, value: (r) => labelStatus(r.status) },
        ], list.items);
      }
      case "measures": {
        const list = await this.services.measures.listMeasures(actor, { ...page, ...ledgerFilter(query), isMine: query.isMine });
        const person = (name: string | null, userId: number | null) => (name ? `${name}${userId === null ? "（未关联账号）" : ""}` : "");
        return sheet("整改措施", [
          { header: "问题", width: 30, value: (r: MeasureListItem) => `${r.findingNumber} ${r.findingTitle}` },
          { header: "整改措施", width: 40, value: (r) => r.text },
          { header: "类型", width: 10, value: (r) => labelMeasureKind(r.kind) },
          { header: "责任领导", width: 14, value: (r) => person(r.leaderName, r.leaderUserId) },
          { header: "责任部门", width: 14, value: (r) => r.departmentName },
          { header: "责任人", width: 14, value: (r) => person(r.ownerName, r.ownerUserId) },
          { header: "完成时限", width: 12, value: (r) => date(r.dueDate) },
          { header: "整改状态", width: 14, value: (r) => labelStatus(r.status) },
          { header: "佐证材料", width: 8, value: (r) => Number(r.evidenceCount) },
          { header: "销号审核中", width: 10, value: (r) => (r.pendingClosureId ? "是" : "") },
        ], list.items);
      }
      case "audit": {
        const list = await this.services.dashboard.listAudit(actor, { ...page, ...query.audit });
        return sheet("操作日志", [
          { header: "时间", width: 17, value: (r) => time(r.at) },
          { header: "操作人", width: 20, value: (r) => r.actorName },
          { header: "操作", width: 14, value: (r) => labelAuditAction(r.action) },
          { header: "对象", width: 12, value: (r) => labelAuditEntity(r.entity) },
          { header: "编号", width: 8, value: (r) => r.entityId },
          { header: "单位", width: 20, value: (r) => r.orgName ?? "" },
        ], list.items);
      }
      case "users": {
        const users = await this.services.users.listUsers(actor);
        return sheet("用户", [
          { header: "用户名", width: 16, value: (r: UserView) => r.username },
          { header: "姓名", width: 10, value: (r) => r.displayName },
          { header: "角色与范围", width: 40, value: (r) => r.grants.map((g) => `${g.orgName}·${labelRole(g.role)}`).join("；") },
          { header: "状态", width: 8, value: (r) => (r.isActive ? "启用" : "停用") },
          { header: "须修改密码", width: 10, value: (r) => (r.mustChangePassword ? "是" : "") },
        ], users);
      }
      case "rollup": {
        const rows = await this.services.dashboard.getRollup(actor);
        return sheet("各单位整改情况排名", [
          { header: "排名", width: 6, value: (r: RollupRow) => r.rank },
          { header: "单位", width: 24, value: (r) => r.orgName },
          { header: "问题", width: 8, value: (r) => r.total },
          { header: "已完成", width: 8, value: (r) => r.completed },
          { header: "阶段性完成", width: 10, value: (r) => r.phased },
          { header: "逾期", width: 8, value: (r) => r.overdue },
          { header: "完成率", width: 10, value: (r) => formatRate(r.rate) },
        ], rows);
      }
      case "stats": {
        const dashboard = await this.services.dashboard.getDashboard(actor, query.inspectionId);
        const rows = [
          ...dashboard.byCategory.map((g) => ({ group: "按问题方面", ...g })),
          ...dashboard.byDepartment.map((g) => ({ group: "按责任部门", ...g })),
          ...dashboard.byLeader.map((g) => ({ group: "按责任领导", ...g })),
        ];
        return sheet("整改统计", [
          { header: "分组", width: 12, value: (r: GroupStats & { group: string }) => r.group },
          { header: "名称", width: 30, value: (r) => labelOfGroup(r) },
          { header: "措施", width: 8, value: (r) => r.total },
          { header: "已完成", width: 8, value: (r) => r.completed },
          { header: "阶段性完成", width: 10, value: (r) => r.phased },
          { header: "未完成", width: 8, value: (r) => r.notCompleted },
          { header: "完成率", width: 10, value: (r) => formatRate(r.rate) },
        ], rows);
      }
    }
  }
}

function ledgerFilter(query: ListExportQuery) {
  return {
    inspectionId: query.inspectionId,
    status: query.status,
    category: query.category,
    departmentId: query.departmentId,
    leader: query.leader,
    isOverdue: query.isOverdue,
    text: query.text,
  };
}
