import { useState, type ReactNode } from "react";
import { Alert, App, Button, Descriptions, Space, Typography } from "antd";
import { ACCOUNTABILITY_KINDS, labelAccountabilityKind, labelRecoveryPhrase, RECOVERY_KINDS, type NoticeFigures } from "@zhenggai/core";
import { Link } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { NoticeCheckWarning } from "../api/register-types.ts";
import type { NoticeCheck } from "../api/types.ts";

const COMPLETED = ["completed", "completed_long_term"];
const NOT_COMPLETED = ["not_started", "in_progress", "not_completed"];

/** Where the records behind each figure are listed: the ledger (problems) or a register tab. */
function ledgerLink(inspectionId: number, status: readonly string[] = []): string {
  return withQuery(`/inspections/${inspectionId}`, { immediate: "false", status });
}

function registerLink(inspectionId: number, tab: string, filter: Record<string, string> = {}): string {
  return withQuery("/registers", { inspectionId, tab, ...filter });
}

function FigureLink({ to, value, testId }: { to: string; value: ReactNode; testId: string }) {
  return (
    <Link to={to} data-testid={`figure-${testId}`} title="查看这个数字依据的记录">
      {value}
    </Link>
  );
}

/** Each figure of the notice, linked to the records behind it. */
function FigureList({ inspectionId, figures }: { inspectionId: number; figures: NoticeFigures }) {
  const kindOfType = (label: string) => ACCOUNTABILITY_KINDS.find((k) => labelAccountabilityKind(k) === label);
  const kindOfFund = (label?: string) => RECOVERY_KINDS.find((k) => labelRecoveryPhrase(k) === label);
  const items = [
    { key: "problemsTotal", label: "问题总数", children: <FigureLink testId="problemsTotal" to={ledgerLink(inspectionId)} value={figures.problemsTotal} /> },
    { key: "completed", label: "已完成", children: <FigureLink testId="completed" to={ledgerLink(inspectionId, COMPLETED)} value={figures.completed} /> },
    { key: "longTerm", label: "其中长期坚持", children: <FigureLink testId="longTerm" to={ledgerLink(inspectionId, ["completed_long_term"])} value={figures.longTerm} /> },
    { key: "phased", label: "阶段性完成", children: <FigureLink testId="phased" to={ledgerLink(inspectionId, ["phased"])} value={figures.phased} /> },
    { key: "notCompleted", label: "未完成", children: <FigureLink testId="notCompleted" to={ledgerLink(inspectionId, NOT_COMPLETED)} value={figures.notCompleted} /> },
    { key: "rate", label: "完成率", children: figures.completionRate === undefined ? "—" : `${figures.completionRate}%` },
    { key: "measuresTotal", label: "整改措施", children: <FigureLink testId="measuresTotal" to={ledgerLink(inspectionId)} value={figures.measuresTotal} /> },
    {
      key: "immediate",
      label: "立行立改（已完成/总数）",
      children: (
        <FigureLink testId="immediateFix" to={registerLink(inspectionId, "immediate")} value={`${figures.immediateFix.completed}/${figures.immediateFix.total}`} />
      ),
    },
    { key: "rules", label: "建立完善制度", children: <FigureLink testId="rulesMade" to={registerLink(inspectionId, "rules")} value={`${figures.rulesMade} 项`} /> },
    {
      key: "accountability",
      label: "追责问责",
      children: (
        <Space wrap size={[8, 0]}>
          <FigureLink testId="accountability" to={registerLink(inspectionId, "accountabilities")} value={`${figures.accountability.total} 人`} />
          {Object.entries(figures.accountability.byType).map(([label, count]) => {
            const kind = kindOfType(label);
            return <FigureLink key={label} testId={`accountability-${kind ?? label}`} to={registerLink(inspectionId, "accountabilities", kind ? { kind } : {})} value={`${label} ${count} 人`} />;
          })}
        </Space>
      ),
    },
    {
      key: "funds",
      label: "清退追缴资金",
      children:
        figures.funds.length === 0 ? (
          <FigureLink testId="funds" to={registerLink(inspectionId, "recoveries")} value="0 元" />
        ) : (
          <Space wrap size={[8, 0]}>
            {figures.funds.map((fund) => {
              const kind = kindOfFund(fund.label);
              return <FigureLink key={fund.label ?? fund.text} testId={`funds-${kind ?? "other"}`} to={registerLink(inspectionId, "recoveries", kind ? { kind } : {})} value={`${fund.label ?? ""} ${fund.text}`} />;
            })}
          </Space>
        ),
    },
    {
      key: "petitions",
      label: "信访件（办结/总数）",
      children: (
        <Space size={4}>
          <FigureLink testId="petitions-closed" to={registerLink(inspectionId, "petitions", { state: "closed" })} value={figures.petitions.closed} />/
          <FigureLink testId="petitions-total" to={registerLink(inspectionId, "petitions")} value={figures.petitions.total} />
        </Space>
      ),
    },
    {
      key: "clues",
      label: "问题线索（移交/办结/总数）",
      children: (
        <Space size={4}>
          <FigureLink testId="clues-transferred" to={registerLink(inspectionId, "leads")} value={figures.clues.transferred} />/
          <FigureLink testId="clues-closed" to={registerLink(inspectionId, "leads", { state: "closed" })} value={figures.clues.closed} />/
          <FigureLink testId="clues-total" to={registerLink(inspectionId, "leads")} value={figures.clues.total} />
        </Space>
      ),
    },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} items={items} data-testid="notice-figures" />;
}

function WarningItem(props: { warning: NoticeCheckWarning; canAcknowledge: boolean; onAcknowledge(): void; isBusy: boolean }) {
  const { warning } = props;
  const ack = warning.acknowledgement;
  const evidence = warning.evidence ? (
    <span>
      原文：<mark style={{ background: "#fff1b8" }}>{warning.evidence}</mark>
    </span>
  ) : undefined;
  if (warning.severity === "error") {
    return <Alert type="error" showIcon style={{ marginTop: 8 }} title={`错误（须改正后才能审核）：${warning.message}`} description={evidence} data-testid="check-error" />;
  }
  if (!warning.needsAcknowledgement) return <Alert type="info" showIcon style={{ marginTop: 8 }} title={warning.message} description={evidence} />;
  return (
    <Alert
      type={ack ? "success" : "warning"}
      showIcon
      style={{ marginTop: 8 }}
      data-testid="check-warning"
      title={warning.message}
      description={
        <div>
          {evidence}
          {ack ? (
            <div data-testid="check-acknowledgement">
              已由 {ack.acknowledgedByName} 于 {formatTime(ack.acknowledgedAt)} 确认{ack.note ? `：${ack.note}` : ""}
            </div>
          ) : (
            <div>审核前须逐条确认已知悉此提醒。</div>
          )}
        </div>
      }
      action={
        !ack && props.canAcknowledge ? (
          <Button size="small" onClick={props.onAcknowledge} loading={props.isBusy}>
            确认已知悉
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * 发布前检查: the notice's figures (each linked to its records), figure mismatches and errors that
 * block approval, and warnings acknowledged one by one — who and when shown to the approver.
 */
export function NoticeCheckCard(props: { noticeId: number; inspectionId: number; check: NoticeCheck; isDraft: boolean; canAcknowledge: boolean; onChange(check: NoticeCheck): void }) {
  const { check } = props;
  const { message } = App.useApp();
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const acknowledge = async (warning: NoticeCheckWarning) => {
    setBusyKey(warning.key ?? null);
    try {
      props.onChange(await apiFetch<NoticeCheck>(`/api/notices/${props.noticeId}/acknowledgements`, { method: "POST", body: { key: warning.key } }));
      message.success("已确认该提醒");
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setBusyKey(null);
    }
  };
  const pending = check.warnings.filter((w) => w.needsAcknowledgement && !w.acknowledgement).length;
  return (
    <div data-testid="notice-check-result">
      <Typography.Text strong>通报数据（由台账和成果登记自动计算，点击数字查看依据的记录）</Typography.Text>
      <div style={{ margin: "8px 0 12px" }}>
        <FigureList inspectionId={props.inspectionId} figures={check.figures as unknown as NoticeFigures} />
      </div>
      {check.canApprove ? (
        <Alert type="success" showIcon title={props.isDraft ? "检查通过：数字与台账一致，没有错误，提醒均已确认，可以审核通过" : "检查通过"} data-testid="check-passed" />
      ) : (
        <Alert type="error" showIcon title="不能审核通过" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{check.blockers.map((b) => <li key={b}>{b}</li>)}</ul>} data-testid="check-blocked" />
      )}
      {pending > 0 && <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>还有 {pending} 条提醒待确认。</Typography.Paragraph>}
      {check.warnings.map((warning, index) => (
        <WarningItem
          key={warning.key ?? `${warning.code}-${index}`}
          warning={warning}
          canAcknowledge={props.canAcknowledge && props.isDraft}
          isBusy={busyKey === warning.key}
          onAcknowledge={() => void acknowledge(warning)}
        />
      ))}
    </div>
  );
}
