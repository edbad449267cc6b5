import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Alert, Button, Card, Checkbox, DatePicker, Drawer, Empty, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import dayjs from "dayjs";
import {
  formatFenAsYuan,
  isCompletedStatus,
  labelAccountabilityKind,
  labelRecoveryKind,
  OUTCOME_REGISTERS,
  type AccountabilityKind,
  type OutcomeRegisterSpec,
  type RecoveryKind,
  type RegisterField,
} from "@zhenggai/core";
import { Link, useSearchParams } from "react-router";
import { apiFetch, withQuery } from "../api/client.ts";
import type { RegisterPage, RegisterRecord, RegisterSummary } from "../api/register-types.ts";
import type { AuditEntry, Finding, Inspection, Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { RecordHistory, VOIDED_STYLE } from "../components/RecordHistory.tsx";
import type { FindingOption } from "../components/RegisterFormModal.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { VoidModal } from "../components/VoidModal.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUserOn, useSession } from "../hooks/useSession.ts";

// The forms load when a clerk opens one (date pickers and selects stay out of the list's chunk).
const RegisterFormModal = lazy(() => import("../components/RegisterFormModal.tsx").then((m) => ({ default: m.RegisterFormModal })));
const NewFindingModal = lazy(() => import("../components/NewFindingModal.tsx").then((m) => ({ default: m.NewFindingModal })));

const IMMEDIATE_TAB = "immediate";
const PAGE_SIZE = 20;

/** The register tabs: the five outcome registers of core, then the 立行立改 items (findings fixed on the spot). */
const TABS = [...OUTCOME_REGISTERS.map((spec) => ({ key: spec.name as string, title: spec.title })), { key: IMMEDIATE_TAB, title: "立行立改" }];

function describeCell(field: RegisterField, value: unknown, findings: ReadonlyMap<number, string>): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (field.type) {
    case "choice":
      return field.choices?.find((c) => c.value === value)?.label ?? String(value);
    case "money":
      return `${formatFenAsYuan(Number(value))} 元`;
    case "finding":
      return findings.get(Number(value)) ?? `#${String(value)}`;
    case "findings":
      return (value as number[]).map((id) => findings.get(Number(id)) ?? `#${id}`).join("；") || "—";
    default:
      return String(value);
  }
}

/** The totals line of a register, in the words a notice uses, each figure tagged for tests. */
function SummaryLine({ spec, summary }: { spec: OutcomeRegisterSpec; summary: RegisterSummary }) {
  const parts: { key: string; text: string }[] = [];
  switch (spec.name) {
    case "rules":
      parts.push({ key: "count", text: `建立完善制度 ${summary.count} 项` });
      break;
    case "accountabilities":
      parts.push({ key: "count", text: `问责记录 ${summary.count} 条` }, { key: "people", text: `追责问责 ${summary.people ?? 0} 人` });
      for (const [kind, people] of Object.entries(summary.peopleByKind ?? {})) parts.push({ key: `kind-${kind}`, text: `${labelAccountabilityKind(kind as AccountabilityKind)} ${people} 人` });
      break;
    case "recoveries":
      parts.push({ key: "count", text: `记录 ${summary.count} 条` }, { key: "amount", text: `合计 ${formatFenAsYuan(summary.amountFen ?? 0)} 元` });
      for (const [kind, fen] of Object.entries(summary.amountFenByKind ?? {})) parts.push({ key: `kind-${kind}`, text: `${labelRecoveryKind(kind as RecoveryKind)} ${formatFenAsYuan(fen)} 元` });
      break;
    case "petitions":
    case "leads": {
      const noun = spec.name === "petitions" ? "信访件" : "问题线索";
      const byState = summary.byState ?? {};
      const transferred = (byState.transferred ?? 0) + (byState.filed ?? 0) + (byState.closed ?? 0);
      parts.push({ key: "count", text: `${noun} ${summary.count} 件` });
      if (spec.name === "leads") parts.push({ key: "transferred", text: `已移交 ${transferred} 件` });
      parts.push({ key: "closed", text: `已办结 ${byState.closed ?? 0} 件` });
      break;
    }
  }
  return (
    <Space wrap size={[16, 4]} style={{ display: "flex" }} data-testid="register-summary">
      {parts.map((part) => (
        <Typography.Text key={part.key} strong data-testid={`summary-${part.key}`}>
          {part.text}
        </Typography.Text>
      ))}
      {summary.voided > 0 && <Typography.Text type="secondary">（另有已作废 {summary.voided} 条，不计入）</Typography.Text>}
    </Space>
  );
}

interface TabProps {
  inspection: Inspection;
  canManage: boolean;
  findingOptions: readonly FindingOption[];
  findingNames: ReadonlyMap<number, string>;
}

/** One outcome register: filters, totals, the table with edit / void / history, create and Excel export. */
function RegisterTab({ spec, inspection, canManage, findingOptions, findingNames }: TabProps & { spec: OutcomeRegisterSpec }) {
  const [params, setParams] = useSearchParams();
  const filter = {
    q: params.get("q") ?? undefined,
    kind: params.get("kind") ?? undefined,
    state: params.get("state") ?? undefined,
    dateFrom: params.get("dateFrom") ?? undefined,
    dateTo: params.get("dateTo") ?? undefined,
    includeVoided: params.get("voided") === "true" ? true : undefined,
    page: Number(params.get("page") ?? 1),
  };
  const list = useApi<RegisterPage>(withQuery(`/api/${spec.name}`, { inspectionId: inspection.id, ...filter, pageSize: PAGE_SIZE }));
  const [editing, setEditing] = useState<RegisterRecord | "new" | null>(null);
  const [voiding, setVoiding] = useState<RegisterRecord | null>(null);
  const [historyOf, setHistoryOf] = useState<RegisterRecord | null>(null);
  const history = useApi<{ items: AuditEntry[] }>(historyOf ? `/api/${spec.name}/${historyOf.id}/history` : null);
  const [searchText, setSearchText] = useState(filter.q ?? "");
  const choiceKey = "kind" in spec.fields ? "kind" : "state" in spec.fields ? "state" : null;
  const dateEntry = Object.entries(spec.fields).find(([, f]) => f.type === "date");
  const labels = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, f.label]));
  const isOpen = canManage && !inspection.archivedAt;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") next.delete(key);
      else next.set(key, value);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<RegisterRecord> = [
    ...Object.entries(spec.fields).map(([key, field], index) => ({
        key,
        title: field.isPrivate ? `${field.label}（不公开）` : field.label,
        dataIndex: key,
        ellipsis: field.type === "text" || field.type === "findings" ? { showTitle: true } : undefined,
        width: field.type === "date" ? 110 : field.type === "integer" ? 80 : undefined,
        render: (value: unknown, row: RegisterRecord) => (
          <span style={row.voidedAt ? VOIDED_STYLE : undefined}>
            {index === 0 && row.voidedAt ? (
              <Tooltip title={`作废原因：${row.voidReason ?? ""}`}>
                <Tag color="default" style={{ textDecoration: "none" }}>
                  已作废
                </Tag>
              </Tooltip>
            ) : null}
            {describeCell(field, value, findingNames)}
          </span>
        ),
      })),
    {
      key: "actions",
      title: "操作",
      width: 170,
      render: (_value, row) => (
        <Space size={0}>
          {isOpen && !row.voidedAt && (
            <Button type="link" size="small" onClick={() => setEditing(row)}>
              编辑
            </Button>
          )}
          {isOpen && !row.voidedAt && (
            <Button type="link" size="small" danger onClick={() => setVoiding(row)}>
              作废
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setHistoryOf(row)}>
            记录
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid={`register-${spec.name}`}>
      <Space wrap size={[8, 8]} style={{ display: "flex", marginBottom: 12 }}>
        <Input.Search
          placeholder="搜索"
          aria-label={`搜索${spec.title}`}
          allowClear
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(value) => update({ q: value })}
          style={{ width: 200 }}
        />
        {choiceKey && (
          <Select
            allowClear
            placeholder={spec.fields[choiceKey].label}
            aria-label={`按${spec.fields[choiceKey].label}筛选`}
            style={{ width: 150 }}
            value={filter[choiceKey]}
            onChange={(value?: string) => update({ [choiceKey]: value })}
            options={(spec.fields[choiceKey].choices ?? []).map((c) => ({ value: c.value, label: c.label }))}
          />
        )}
        {dateEntry && (
          <DatePicker.RangePicker
            aria-label={`按${dateEntry[1].label}筛选`}
            placeholder={[`${dateEntry[1].label}起`, "止"]}
            value={filter.dateFrom && filter.dateTo ? [dayjs(filter.dateFrom), dayjs(filter.dateTo)] : null}
            onChange={(range) => update({ dateFrom: range?.[0]?.format("YYYY-MM-DD"), dateTo: range?.[1]?.format("YYYY-MM-DD") })}
          />
        )}
        <Checkbox checked={filter.includeVoided === true} onChange={(e) => update({ voided: e.target.checked ? "true" : undefined })}>
          显示已作废
        </Checkbox>
        <a href={withQuery(`/api/${spec.name}/export`, { inspectionId: inspection.id })} download data-testid="register-export">
          <Button>导出 Excel</Button>
        </a>
        {isOpen && (
          <Button type="primary" onClick={() => setEditing("new")}>
            登记{spec.noun}
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <>
          {list.data && <SummaryLine spec={spec} summary={list.data.summary} />}
          <Table<RegisterRecord>
            rowKey="id"
            size="middle"
            style={{ marginTop: 8 }}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            locale={{ emptyText: <Empty description={`暂无${spec.title}登记`} /> }}
            pagination={{ current: filter.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: (p) => update({ page: String(p) }) }}
          />
        </>
      )}
      <Suspense fallback={null}>
        {editing !== null && (
          <RegisterFormModal
            spec={spec}
            inspectionId={inspection.id}
            record={editing === "new" ? null : editing}
            findings={findingOptions}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </Suspense>
      <VoidModal
        title={`作废${spec.noun}`}
        what={spec.noun}
        isOpen={voiding !== null}
        onClose={() => setVoiding(null)}
        onConfirm={(reason) => apiFetch(`/api/${spec.name}/${voiding?.id}/void`, { method: "POST", body: { version: voiding?.version, reason } })}
        onDone={() => {
          setVoiding(null);
          list.reload();
        }}
      />
      <Drawer title={`${spec.noun}的变更记录`} open={historyOf !== null} onClose={() => setHistoryOf(null)} size={420} destroyOnHidden>
        {history.error ? <ErrorResult error={history.error} /> : <RecordHistory entries={history.data?.items ?? []} labels={labels} testId="register-history" />}
      </Drawer>
    </div>
  );
}

/** 立行立改: the round's findings fixed on the spot, counted apart from the problems in notices. */
function ImmediateTab({ inspection, canManage, departments }: TabProps & { departments: { value: number; label: string }[] }) {
  const [params, setParams] = useSearchParams();
  const includeVoided = params.get("voided") === "true";
  const list = useApi<Page<Finding>>(withQuery("/api/findings", { inspectionId: inspection.id, immediate: true, includeVoided: includeVoided || undefined, pageSize: 500 }));
  const [isCreating, setIsCreating] = useState(false);
  const live = (list.data?.items ?? []).filter((f) => !f.voidedAt);
  const completed = live.filter((f) => isCompletedStatus(f.status)).length;
  return (
    <div data-testid="register-immediate">
      <Space wrap size={[8, 8]} style={{ display: "flex", marginBottom: 12 }}>
        <Checkbox
          checked={includeVoided}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.checked) next.set("voided", "true");
            else next.delete("voided");
            setParams(next, { replace: true });
          }}
        >
          显示已作废
        </Checkbox>
        <a href={withQuery("/api/immediate-fixes/export", { inspectionId: inspection.id })} download data-testid="register-export">
          <Button>导出 Excel</Button>
        </a>
        {canManage && !inspection.archivedAt && (
          <Button type="primary" onClick={() => setIsCreating(true)}>
            登记立行立改事项
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <Space wrap size={[16, 4]} style={{ display: "flex" }} data-testid="register-summary">
            <Typography.Text strong data-testid="summary-count">
              立行立改问题 {live.length} 个
            </Typography.Text>
            <Typography.Text strong data-testid="summary-completed">
              已完成整改 {completed} 个
            </Typography.Text>
          </Space>
          <Table<Finding>
            rowKey="id"
            size="middle"
            style={{ marginTop: 8 }}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description="暂无立行立改事项" /> }}
            columns={[
              { key: "number", title: "编号", dataIndex: "number", width: 70 },
              {
                key: "title",
                title: "问题",
                dataIndex: "title",
                render: (title: string, row) => (
                  <span style={row.voidedAt ? VOIDED_STYLE : undefined}>
                    {row.voidedAt && <Tag>已作废</Tag>}
                    <Link to={`/findings/${row.id}`}>{title}</Link>
                  </span>
                ),
              },
              { key: "dueDate", title: "完成时限", dataIndex: "dueDate", width: 120, render: (v: string | null) => v ?? "—" },
              { key: "measureCount", title: "措施", dataIndex: "measureCount", width: 70, align: "right" },
              { key: "status", title: "状态", dataIndex: "status", width: 130, render: (_v, row) => <StatusTag status={row.status} /> },
            ]}
          />
        </>
      )}
      <Suspense fallback={null}>
        {isCreating && (
          <NewFindingModal
            inspectionId={inspection.id}
            departments={departments}
            categories={[]}
            defaultSource="immediate"
            isOpen
            onClose={() => setIsCreating(false)}
            onCreated={() => {
              setIsCreating(false);
              list.reload();
            }}
          />
        )}
      </Suspense>
    </div>
  );
}

/** 整改成果登记: the registers of one round, one tab each, every figure of the notice traceable to its records. */
export function RegistersPage() {
  const { user, orgs } = useSession();
  const [params, setParams] = useSearchParams();
  const inspectionId = Number(params.get("inspectionId")) || null;
  const tab = TABS.some((t) => t.key === params.get("tab")) ? (params.get("tab") as string) : TABS[0].key;
  const rounds = useApi<Page<Inspection>>(withQuery("/api/inspections", { pageSize: 100 }));
  const inspection = useApi<Inspection>(inspectionId ? `/api/inspections/${inspectionId}` : null);
  const findings = useApi<Page<Finding>>(inspectionId ? withQuery("/api/findings", { inspectionId, pageSize: 500, includeVoided: true }) : null);

  useEffect(() => {
    // Without a round in the address, open the first one the user can see.
    const first = rounds.data?.items[0];
    if (!inspectionId && first) setParams({ inspectionId: String(first.id), tab }, { replace: true });
  }, [inspectionId, rounds.data, setParams, tab]);

  const findingOptions = useMemo(
    () => (findings.data?.items ?? []).filter((f) => !f.voidedAt).map((f) => ({ value: f.id, label: `问题${f.number}：${f.title}` })),
    [findings.data],
  );
  const findingNames = useMemo(() => new Map((findings.data?.items ?? []).map((f) => [f.id, `问题${f.number}：${f.title}`])), [findings.data]);
  const round = inspection.data;
  const canManage = canUserOn(user, orgs, "manage_registers", round?.orgId);
  const unit = orgs.find((o) => o.id === round?.orgId);
  const departments = unit ? orgs.filter((o) => o.kind === "department" && o.path.startsWith(unit.path)).map((o) => ({ value: o.id, label: o.name })) : [];

  return (
    <Card
      title="整改成果登记"
      extra={
        <Space wrap>
          <Select
            aria-label="巡察轮次"
            style={{ width: 320 }}
            placeholder="选择巡察轮次"
            value={inspectionId ?? undefined}
            onChange={(value: number) => setParams({ inspectionId: String(value), tab }, { replace: true })}
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.orgName ?? ""} · ${r.name}` }))}
            popupMatchSelectWidth={false}
          />
          {round && <Link to={`/inspections/${round.id}`}>打开本轮台账</Link>}
        </Space>
      }
    >
      {inspection.error ? (
        <ErrorResult error={inspection.error} onRetry={inspection.reload} />
      ) : !round ? (
        <Empty description={rounds.data && rounds.data.total === 0 ? "暂无巡察轮次" : "请选择巡察轮次"} />
      ) : (
        <>
          {round.archivedAt && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本轮已归档，登记只能查看，不能修改。" />}
          <Typography.Paragraph type="secondary">通报中的建立完善制度、追责问责、清退追缴资金、信访件、问题线索和立行立改数字，都只从这里的登记计算；已作废的记录保留备查，不计入。</Typography.Paragraph>
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams({ inspectionId: String(round.id), tab: key }, { replace: true })}
            items={TABS.map((t) => ({
              key: t.key,
              label: t.title,
              children:
                t.key === IMMEDIATE_TAB ? (
                  <ImmediateTab inspection={round} canManage={canUserOn(user, orgs, "manage_ledger", round.orgId)} findingOptions={findingOptions} findingNames={findingNames} departments={departments} />
                ) : (
                  <RegisterTab
                    spec={OUTCOME_REGISTERS.find((s) => s.name === t.key) as OutcomeRegisterSpec}
                    inspection={round}
                    canManage={canManage}
                    findingOptions={findingOptions}
                    findingNames={findingNames}
                  />
                ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
