import { lazy, Suspense, useMemo, useState, type Key, type KeyboardEvent } from "react";
import { App, Breadcrumb, Button, Card, Checkbox, Descriptions, Divider, Dropdown, Empty, Input, Popover, Select, Space, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { isCompletedStatus, labelInspectionKind, labelLedgerFlag, labelMeasureKind, labelStatus, LEDGER_FLAGS, STATUSES, type LedgerFlag, type Status } from "@zhenggai/core";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { withQuery } from "../api/client.ts";
import type { DashboardView, Finding, Inspection, MeasureListItem, Page } from "../api/types.ts";
import { DeadlineLamp, describeDue } from "../components/DeadlineLamp.tsx";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { RoundActions } from "../components/RoundActions.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { LinkPeopleButton } from "../components/LinkPeopleModal.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { useApi } from "../hooks/useApi.ts";
import { useColumnSettings } from "../hooks/useColumnSettings.ts";
import { canUserOn, useSession } from "../hooks/useSession.ts";
import { RoundClockCard } from "../components/RoundClockCard.tsx";

const PAGE_SIZE = 20;

// The editing dialogs (with date pickers) load only when a clerk opens one, keeping the ledger light.
const NewFindingModal = lazy(() => import("../components/NewFindingModal.tsx").then((m) => ({ default: m.NewFindingModal })));
const NewMeasureModal = lazy(() => import("../components/NewMeasureModal.tsx").then((m) => ({ default: m.NewMeasureModal })));
const BulkAssignModal = lazy(() => import("../components/BulkAssignModal.tsx").then((m) => ({ default: m.BulkAssignModal })));

const EXPORTS = [
  { kind: "ledger", format: "xlsx", label: "整改台账（Excel）" },
  { kind: "notice", format: "docx", label: "整改进展通报（Word）" },
  { kind: "notice", format: "pdf", label: "整改进展通报（PDF）" },
  { kind: "report", format: "docx", label: "整改情况报告（Word）" },
  { kind: "report", format: "pdf", label: "整改情况报告（PDF）" },
  { kind: "principal_report", format: "docx", label: "主要负责人组织落实情况报告（Word）" },
] as const;

/** The ledger of one round: findings with expandable measures, filters, search and paging. */
export function LedgerPage() {
  const inspectionId = Number(useParams().id);
  const navigate = useNavigate();
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const columnSettings = useColumnSettings("zg.ledger.hiddenColumns");
  const [selectedMeasures, setSelectedMeasures] = useState<number[]>([]);
  const [isBulkOpen, setIsBulkOpen] = useState(false);
  const [isNewFindingOpen, setIsNewFindingOpen] = useState(false);
  const [measureFor, setMeasureFor] = useState<number | null>(null);
  const [params, setParams] = useSearchParams();
  const [expanded, setExpanded] = useState<number[]>([]);
  const filters = {
    status: params.getAll("status") as Status[],
    category: params.get("category") ?? undefined,
    departmentId: params.get("departmentId") ? Number(params.get("departmentId")) : undefined,
    leader: params.get("leader") ?? undefined,
    overdue: params.get("overdue") === "true" ? true : undefined,
    flag: (LEDGER_FLAGS as readonly string[]).includes(params.get("flag") ?? "") ? (params.get("flag") as LedgerFlag) : undefined,
    // From a notice's figures: only the problems it counts (false) or only the 立行立改 items (true).
    immediate: params.get("immediate") === "true" ? true : params.get("immediate") === "false" ? false : undefined,
    q: params.get("q") ?? undefined,
    page: Number(params.get("page") ?? 1),
  };
  const [searchText, setSearchText] = useState(filters.q ?? "");

  const inspection = useApi<Inspection>(`/api/inspections/${inspectionId}`);
  const findings = useApi<Page<Finding>>(withQuery("/api/findings", { inspectionId, ...filters, pageSize: PAGE_SIZE }));
  const measures = useApi<Page<MeasureListItem>>(withQuery("/api/measures", { inspectionId, pageSize: 500 }));
  const dashboard = useApi<DashboardView>(withQuery("/api/dashboard", { inspectionId }));
  // Ledger rights follow the round's unit (a grant covers its subtree), as the server checks them.
  const canManage = canUserOn(user, orgs, "manage_ledger", inspection.data?.orgId);

  const measuresByFinding = useMemo(() => {
    const map = new Map<number, MeasureListItem[]>();
    for (const m of measures.data?.items ?? []) {
      const list = map.get(m.findingId) ?? [];
      list.push(m);
      map.set(m.findingId, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.seq - b.seq);
    return map;
  }, [measures.data]);

  const departments = useMemo(() => {
    const unitId = inspection.data?.orgId;
    const names = new Map<number, string>();
    for (const org of orgs) if (org.kind === "department" && (org.parentId === unitId || unitId === undefined)) names.set(org.id, org.name);
    for (const m of measures.data?.items ?? []) if (m.departmentId && m.departmentName) names.set(m.departmentId, m.departmentName);
    return [...names.entries()].map(([value, label]) => ({ value, label }));
  }, [orgs, inspection.data, measures.data]);

  // Bulk assignment may only pick departments of the round's unit (the server refuses others).
  const unitDepartments = useMemo(() => {
    const unit = orgs.find((o) => o.id === inspection.data?.orgId);
    if (!unit) return [];
    return orgs.filter((o) => o.kind === "department" && o.path.startsWith(unit.path)).map((o) => ({ value: o.id, label: o.name }));
  }, [orgs, inspection.data]);

  const update = (changes: Record<string, string | string[] | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      if (Array.isArray(value)) for (const v of value) next.append(key, v);
      else if (value !== undefined && value !== "") next.set(key, value);
    }
    if (!("page" in changes)) next.delete("page");
    // A selection the new filter hides would be assigned unseen: start the selection afresh.
    setSelectedMeasures([]);
    setParams(next, { replace: true });
  };

  const toggle = (id: number) => setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));

  if (inspection.error) return <ErrorResult error={inspection.error} onRetry={inspection.reload} />;
  if (!inspection.data) return <PageSpin />;
  const round = inspection.data;
  const hasFilters = filters.status.length > 0 || filters.category || filters.departmentId || filters.leader || filters.overdue || filters.flag || filters.q || filters.immediate !== undefined;
  const showFlags = columnSettings.isVisible("flags");
  const findingColumns: (TableColumnsType<Finding>[number] & { key: string })[] = [
    { key: "number", title: "序号", dataIndex: "number", width: 64 },
    { key: "category", title: "问题方面", dataIndex: "category", width: 160, ellipsis: true, render: (v: string | null) => v ?? "—" },
    {
      key: "title",
      title: "问题",
      dataIndex: "title",
      render: (title: string, row) => (
        <div>
          <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: title }}>
            <Link to={`/findings/${row.id}`}>{title}</Link>
          </Typography.Paragraph>
          {showFlags && (row.flags?.length ?? 0) > 0 && (
            <div style={{ marginTop: 2 }} data-testid="finding-flags">
              {row.flags?.map((flag) => (
                <Tag key={flag} color={FLAG_COLORS[flag]} variant="outlined" style={{ fontSize: 12, lineHeight: "18px", marginInlineEnd: 4, paddingInline: 4 }}>
                  {labelLedgerFlag(flag)}
                </Tag>
              ))}
            </div>
          )}
        </div>
      ),
    },
    { key: "leadLeader", title: "牵头领导", dataIndex: "leadLeader", width: 96, render: (v: string | null) => v ?? "—" },
    { key: "leadDepartmentName", title: "牵头部门", dataIndex: "leadDepartmentName", width: 110, ellipsis: true, render: (v: string | null) => v ?? "—" },
    { key: "measureCount", title: "措施", dataIndex: "measureCount", width: 60, align: "right" },
    { key: "status", title: "状态", dataIndex: "status", width: 120, render: (_v, row) => <StatusTag status={row.status} /> },
  ];
  const visibleMeasureColumns = MEASURE_COLUMN_CHOICES.filter((c) => columnSettings.isVisible(`measure.${c.key}`)).map((c) => c.key);
  const selectionOf = (findingId: number) => {
    const own = new Set((measuresByFinding.get(findingId) ?? []).map((m) => m.id));
    return {
      selectedRowKeys: selectedMeasures.filter((id) => own.has(id)),
      onChange: (keys: Key[]) => setSelectedMeasures((current) => [...current.filter((id) => !own.has(id)), ...keys.map(Number)]),
    };
  };

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/inspections">巡察整改台账</Link> }, { title: round.name }]} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={4}
          title={
            <Space>
              <span>{round.name}</span>
              <Tag>{labelInspectionKind(round.kind)}</Tag>
              {round.archivedAt && <Tag color="default">已归档（只读）</Tag>}
            </Space>
          }
          extra={
            <Space>
              <Link to={`/dashboard?inspectionId=${round.id}`}>查看本轮统计</Link>
              <Link to={`/registers?inspectionId=${round.id}`}>成果登记</Link>
              <Link to={`/inspections/${round.id}/print`} className="zg-no-print">
                打印台账
              </Link>
              {canManage && <RoundActions round={round} onChanged={inspection.reload} />}
              {canManage && <LinkPeopleButton unitId={round.orgId} onLinked={() => measures.reload()} />}
              {canManage && <Link to={`/imports?source=ledger&inspectionId=${round.id}`}>导入 Excel 台账</Link>}
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: EXPORTS.map((e) => ({
                    key: `${e.kind}.${e.format}`,
                    label: (
                      <a href={withQuery(`/api/inspections/${round.id}/exports`, { kind: e.kind, format: e.format })} download>
                        {e.label}
                      </a>
                    ),
                  })),
                }}
              >
                <Button data-testid="export-menu">导出</Button>
              </Dropdown>
            </Space>
          }
          items={[
            { key: "group", label: "巡察组", children: round.groupName ?? "—" },
            { key: "dates", label: "巡察时间", children: round.startDate ? `${round.startDate} 至 ${round.endDate ?? ""}` : "—" },
            { key: "feedback", label: "反馈日期", children: round.feedbackDate ?? "—" },
            { key: "docs", label: "反馈文号", children: round.feedbackDocNumbers.join("、") || "—" },
          ]}
        />
      </Card>
      <RoundClockCard inspectionId={round.id} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]}>
          <Select
            mode="multiple"
            allowClear
            placeholder="整改状态"
            aria-label="按整改状态筛选"
            style={{ width: 150 }}
            value={filters.status}
            onChange={(value: string[]) => update({ status: value })}
            options={STATUSES.map((s) => ({ value: s, label: labelStatus(s) }))}
            maxTagCount="responsive"
          />
          <Select
            allowClear
            placeholder="问题方面"
            aria-label="按问题方面筛选"
            style={{ width: 160 }}
            value={filters.category}
            onChange={(value?: string) => update({ category: value })}
            options={(dashboard.data?.byCategory ?? []).filter((g) => g.key !== "未分类").map((g) => ({ value: g.key, label: g.key }))}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder="责任部门"
            aria-label="按责任部门筛选"
            style={{ width: 140 }}
            value={filters.departmentId}
            onChange={(value?: number) => update({ departmentId: value === undefined ? undefined : String(value) })}
            options={departments}
          />
          <Select
            allowClear
            placeholder="责任领导"
            aria-label="按责任领导筛选"
            style={{ width: 120 }}
            value={filters.leader}
            onChange={(value?: string) => update({ leader: value })}
            options={[...new Set((dashboard.data?.byLeader ?? []).map((g) => g.label ?? g.key).filter((name) => name !== "未指定领导"))].map((name) => ({ value: name, label: name }))}
          />
          <Select
            allowClear
            placeholder="检查标记"
            aria-label="按检查标记筛选"
            style={{ width: 150 }}
            value={filters.flag}
            onChange={(value?: LedgerFlag) => update({ flag: value })}
            options={LEDGER_FLAGS.map((f) => ({ value: f, label: labelLedgerFlag(f) }))}
            popupMatchSelectWidth={false}
          />
          {filters.immediate !== undefined && (
            <Tag closable onClose={() => update({ immediate: undefined })} data-testid="ledger-immediate-filter">
              {filters.immediate ? "仅看立行立改事项" : "仅看通报所计问题（不含立行立改）"}
            </Tag>
          )}
          <Checkbox checked={filters.overdue === true} onChange={(e) => update({ overdue: e.target.checked ? "true" : undefined })}>
            仅看逾期
          </Checkbox>
          <Input.Search
            placeholder="搜索问题、措施、责任人"
            aria-label="搜索台账"
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(value) => update({ q: value })}
            style={{ width: 200 }}
          />
          {hasFilters && (
            <Button
              onClick={() => {
                setSearchText("");
                setSelectedMeasures([]);
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              清除筛选
            </Button>
          )}
        </Space>
      </Card>
      <Card size="small" title={`问题清单${findings.data ? `（${findings.data.totalIsEstimate ? "约 " : ""}${findings.data.total} 个）` : ""}`} extra={
          <Space wrap>
            {canManage && selectedMeasures.length > 0 ? (
              <Space size={4} data-testid="measure-selection">
                <Typography.Text>已选 {selectedMeasures.length} 项措施</Typography.Text>
                <Button type="link" size="small" onClick={() => setSelectedMeasures([])}>
                  清除
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">点击“+”或在行上按回车展开整改措施</Typography.Text>
            )}
            {canManage && (
              <Button disabled={selectedMeasures.length === 0} onClick={() => setIsBulkOpen(true)} title={selectedMeasures.length === 0 ? "展开问题并勾选整改措施后可批量指派" : undefined}>
                批量指派
              </Button>
            )}
            <Popover
              trigger="click"
              placement="bottomRight"
              title="显示的列"
              content={<ColumnSettingsPanel settings={columnSettings} findingColumns={findingColumns} />}
            >
              <Button data-testid="column-settings">列设置</Button>
            </Popover>
            <ExportListButton kind="findings" query={{ inspectionId: round.id, ...filters, page: undefined }} label="导出问题清单" />
            {canManage && (
              <Button type="primary" onClick={() => setIsNewFindingOpen(true)}>
                新增问题
              </Button>
            )}
          </Space>
        }>
        {findings.error ? (
          <ErrorResult error={findings.error} onRetry={findings.reload} />
        ) : (
          <ResponsiveTable<Finding>
            rowKey="id"
            size="middle"
            data-testid="ledger-table"
            loading={findings.isLoading || measures.isLoading}
            dataSource={findings.data?.items ?? []}
            locale={{ emptyText: <Empty description={hasFilters ? "没有符合筛选条件的问题" : "本轮暂无问题"} /> }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: findings.data?.total ?? 0,
              showTotal: (t) => `共 ${t} 个问题`,
              showSizeChanger: false,
              onChange: (p) => update({ page: String(p) }),
            }}
            expandable={{
              expandedRowKeys: expanded,
              onExpand: (_open, row) => toggle(row.id),
              rowExpandable: (row) => canManage || (measuresByFinding.get(row.id)?.length ?? 0) > 0,
              expandedRowRender: (row) => (
                <div>
                  <MeasureRows
                    items={measuresByFinding.get(row.id) ?? []}
                    columns={visibleMeasureColumns}
                    selection={canManage ? selectionOf(row.id) : undefined}
                    onOpen={(id) => navigate(`/measures/${id}`)}
                  />
                  {canManage && (
                    <Button size="small" type="dashed" style={{ marginTop: 8 }} onClick={() => setMeasureFor(row.id)}>
                      新增整改措施
                    </Button>
                  )}
                  <Link to={`/inspections/${round.id}/print?findingId=${row.id}`} style={{ marginInlineStart: 12 }} className="zg-no-print">
                    打印本问题
                  </Link>
                </div>
              ),
            }}
            onRow={(row) => ({
              tabIndex: 0,
              "aria-label": `问题 ${row.number}：${row.title}`,
              onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
                if (event.target !== event.currentTarget) return;
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  toggle(row.id);
                }
              },
            })}
            columns={findingColumns.filter((c) => c.key === "number" || c.key === "title" || columnSettings.isVisible(c.key))}
          />
        )}
      </Card>
      <Suspense fallback={null}>
        {isNewFindingOpen && (
          <NewFindingModal
            inspectionId={round.id}
            departments={departments}
            categories={(dashboard.data?.byCategory ?? []).map((g) => g.key).filter((k) => k !== "未分类")}
            isOpen
            onClose={() => setIsNewFindingOpen(false)}
            onCreated={() => {
              setIsNewFindingOpen(false);
              findings.reload();
              dashboard.reload();
            }}
          />
        )}
        {isBulkOpen && (
          <BulkAssignModal
            ids={selectedMeasures}
            unitId={round.orgId}
            departments={unitDepartments}
            onClose={() => setIsBulkOpen(false)}
            onAssigned={(updated) => {
              setIsBulkOpen(false);
              setSelectedMeasures([]);
              message.success(`已批量指派 ${updated} 项整改措施`);
              measures.reload();
              findings.reload();
              dashboard.reload();
            }}
          />
        )}
        {measureFor !== null && (
          <NewMeasureModal
            findingId={measureFor}
            unitId={round.orgId}
            departments={departments}
            onClose={() => setMeasureFor(null)}
            onCreated={() => {
              setMeasureFor(null);
              findings.reload();
              measures.reload();
            }}
          />
        )}
      </Suspense>
    </div>
  );
}

const FLAG_COLORS: Record<LedgerFlag, string> = {
  OVERDUE: "red",
  CLAIM_CONTRADICTED: "red",
  NO_EVIDENCE: "volcano",
  NO_MEASURES: "orange",
  INCOMPLETE_RESPONSIBILITY: "orange",
};

type MeasureColumnKey = "kind" | "leaderName" | "departmentName" | "ownerName" | "dueDate" | "evidenceCount" | "status";

// Columns of the expanded measure rows a user may hide (措施 and its text always show).
const MEASURE_COLUMN_CHOICES: readonly { key: MeasureColumnKey; label: string }[] = [
  { key: "kind", label: "类型" },
  { key: "leaderName", label: "责任领导" },
  { key: "departmentName", label: "责任部门" },
  { key: "ownerName", label: "责任人" },
  { key: "dueDate", label: "完成时限" },
  { key: "evidenceCount", label: "佐证" },
  { key: "status", label: "状态" },
];

function ColumnSettingsPanel({ settings, findingColumns }: { settings: ReturnType<typeof useColumnSettings>; findingColumns: readonly { key: string; title?: unknown }[] }) {
  const choices = [
    ...findingColumns.filter((c) => c.key !== "number" && c.key !== "title").map((c) => ({ key: c.key, label: String(c.title) })),
    { key: "flags", label: "检查标记" },
  ];
  return (
    <div style={{ width: 220 }} data-testid="column-settings-panel">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        问题（序号、问题始终显示）
      </Typography.Text>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: "4px 8px", margin: "4px 0 8px" }}>
        {choices.map((c) => (
          <Checkbox key={c.key} checked={settings.isVisible(c.key)} onChange={(e) => settings.setVisible(c.key, e.target.checked)}>
            {c.label}
          </Checkbox>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        整改措施
      </Typography.Text>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: "4px 8px", margin: "4px 0 0" }}>
        {MEASURE_COLUMN_CHOICES.map((c) => (
          <Checkbox key={c.key} checked={settings.isVisible(`measure.${c.key}`)} onChange={(e) => settings.setVisible(`measure.${c.key}`, e.target.checked)}>
            {c.label}
          </Checkbox>
        ))}
      </div>
      <Divider style={{ margin: "8px 0" }} />
      <Button size="small" block disabled={settings.hidden.length === 0} onClick={settings.reset}>
        恢复默认
      </Button>
    </div>
  );
}

function MeasureRows({
  items,
  columns,
  selection,
  onOpen,
}: {
  items: MeasureListItem[];
  columns: readonly MeasureColumnKey[];
  selection?: { selectedRowKeys: number[]; onChange(keys: Key[]): void };
  onOpen: (id: number) => void;
}) {
  const all: (TableColumnsType<MeasureListItem>[number] & { key: string })[] = [
    { key: "seq", title: "措施", dataIndex: "seq", width: 56, render: (seq: number) => `（${seq}）` },
    {
      key: "text",
      title: "整改措施",
      dataIndex: "text",
      ellipsis: true,
      render: (text: string, row) => (
        <Link to={`/measures/${row.id}`} title={text}>
          {text}
        </Link>
      ),
    },
    { key: "kind", title: "类型", dataIndex: "kind", width: 90, render: (kind) => labelMeasureKind(kind) },
    { key: "leaderName", title: "责任领导", dataIndex: "leaderName", width: 86, render: (v: string | null) => v ?? "—" },
    { key: "departmentName", title: "责任部门", dataIndex: "departmentName", width: 100, ellipsis: true, render: (v: string | null) => v ?? "—" },
    { key: "ownerName", title: "责任人", dataIndex: "ownerName", width: 76, render: (v: string | null) => v ?? "—" },
    {
      key: "dueDate",
      title: "完成时限",
      dataIndex: "dueDate",
      width: 184,
      render: (_v, row) => (
        <span style={{ whiteSpace: "nowrap" }}>
          <DeadlineLamp status={row.status} dueDate={row.dueDate} light={row.light} />
          {row.dueDate ?? "—"}
          {row.dueDate && row.status !== "completed" && row.status !== "completed_long_term" ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
              {describeDue(row.dueDate)}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { key: "evidenceCount", title: "佐证", dataIndex: "evidenceCount", width: 52, align: "right" },
    {
      key: "status",
      title: "状态",
      dataIndex: "status",
      width: 140,
      render: (_v, row) => (
        <Space size={4}>
          <StatusTag status={row.status} />
          {row.pendingClosureId ? <Tag color="purple">销号审核中</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <ResponsiveTable<MeasureListItem>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="measure-rows"
      cardTitle={(row) => <Link to={`/measures/${row.id}`}>（{row.seq}）{row.text}</Link>}
      cardHiddenKeys={["seq", "text"]}
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.selectedRowKeys,
              onChange: selection.onChange,
              columnWidth: 36,
              // Signed or in sign-off: responsibility and deadline are not reassigned in place.
              getCheckboxProps: (row: MeasureListItem) => ({ disabled: isCompletedStatus(row.status) || row.pendingClosureId !== null }),
            }
          : undefined
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未制定整改措施" /> }}
      onRow={(row) => ({
        onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
          if (event.key === "Enter" && event.target === event.currentTarget) onOpen(row.id);
        },
        tabIndex: 0,
      })}
      columns={all.filter((c) => c.key === "seq" || c.key === "text" || columns.includes(c.key as MeasureColumnKey))}
    />
  );
}
