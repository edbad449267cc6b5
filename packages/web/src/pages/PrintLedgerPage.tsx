import { Fragment } from "react";
import { Button, Space, Typography } from "antd";
import { labelMeasureKind, labelStatus, type LedgerSnapshot } from "@zhenggai/core";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";

const CELL = { border: "1px solid #999", padding: "4px 6px", verticalAlign: "top" as const };
// Short columns (类型, names, dates) stay on one line so only the long texts wrap.
const SHORT = { ...CELL, whiteSpace: "nowrap" as const };

/**
 * The ledger (or one finding of it) laid out for paper: the Excel ledger's columns, every finding
 * and measure, no paging. The print stylesheet drops the app's menus; the screen shows 打印.
 */
export function PrintLedgerPage() {
  const inspectionId = Number(useParams().id);
  const [params] = useSearchParams();
  const findingId = params.get("findingId");
  const snapshot = useApi<LedgerSnapshot>(`/api/inspections/${inspectionId}/snapshot`);
  if (snapshot.error) return <ErrorResult error={snapshot.error} onRetry={snapshot.reload} />;
  if (!snapshot.data) return <PageSpin />;
  const { org, inspection, asOf } = snapshot.data;
  const findings = snapshot.data.findings.filter((f) => !findingId || f.id === findingId);
  const single = findingId ? findings[0] : undefined;
  return (
    <div className="zg-print-page" data-testid="print-ledger">
      <Space className="zg-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
        <Link to={`/inspections/${inspectionId}`}>返回台账</Link>
      </Space>
      <Typography.Title level={3} style={{ textAlign: "center", fontFamily: "SimHei, 'Noto Sans CJK SC', sans-serif" }}>
        {single ? `反馈问题整改情况（问题 ${single.number}）` : `${org.partyOrgName ?? org.name}巡察反馈问题整改台账`}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: "center" }}>
        {org.name} · {inspection.name}
        {inspection.groupName ? ` · ${inspection.groupName}` : ""} · 截至 {asOf}
      </Typography.Paragraph>
      {single && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Paragraph strong>
            {single.category ? `【${single.category}】` : ""}
            {single.number}. {single.title}
          </Typography.Paragraph>
          {single.subPoints.map((point) => (
            <Typography.Paragraph key={point} style={{ marginBottom: 4, textIndent: "2em" }}>
              {point}
            </Typography.Paragraph>
          ))}
          <Typography.Paragraph>整改状态：{labelStatus(single.status)}　牵头领导：{single.leadLeader ?? "—"}　牵头部门：{single.leadDepartment ?? "—"}</Typography.Paragraph>
          {single.progressText && <Typography.Paragraph>整改情况：{single.progressText}</Typography.Paragraph>}
          {single.planText && <Typography.Paragraph>整改计划：{single.planText}</Typography.Paragraph>}
        </div>
      )}
      <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 13 }} data-testid="print-ledger-table">
        <thead>
          <tr style={{ background: "#eee" }}>
            {(single ? [] : ["序号", "问题类别", "反馈问题"]).concat(["整改措施", "类型", "责任领导", "责任部门", "责任人", "完成时限", "整改进展", "整改状态", "佐证"]).map((h) => (
              <th key={h} style={CELL}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => {
            const measures = finding.measures.length ? finding.measures : [null];
            return (
              <Fragment key={finding.id}>
                {measures.map((m, index) => (
                  <tr key={m?.id ?? `${finding.id}-none`} style={{ breakInside: "avoid" }}>
                    {!single && index === 0 && (
                      <>
                        <td style={CELL} rowSpan={measures.length}>
                          {finding.number}
                        </td>
                        <td style={CELL} rowSpan={measures.length}>
                          {finding.category ?? ""}
                        </td>
                        <td style={CELL} rowSpan={measures.length}>
                          {finding.title}
                        </td>
                      </>
                    )}
                    <td style={CELL}>{m ? `（${m.seq}）${m.text}` : "尚未制定整改措施"}</td>
                    <td style={SHORT}>{m ? labelMeasureKind(m.kind) : ""}</td>
                    <td style={SHORT}>{m?.leader ?? ""}</td>
                    <td style={SHORT}>{m?.department ?? ""}</td>
                    <td style={SHORT}>{m?.owner ?? ""}</td>
                    <td style={SHORT}>{m?.dueDate ?? ""}</td>
                    <td style={CELL}>{m?.progress ?? ""}</td>
                    <td style={CELL}>{m ? labelStatus(m.status) : labelStatus(finding.status)}</td>
                    <td style={CELL}>{m && m.evidenceCount > 0 ? `${m.evidenceCount}份` : ""}</td>
                  </tr>
                ))}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
