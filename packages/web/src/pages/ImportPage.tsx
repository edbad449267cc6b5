import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Descriptions, Empty, Result, Select, Space, Steps, Table, Tabs, Tag, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { Link, useSearchParams } from "react-router";
import { apiUpload, describeError } from "../api/client.ts";
import type { CheckFindingView, NoticeImportPreview } from "../api/types.ts";
import { LedgerImportWizard } from "../components/LedgerImportWizard.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { canUser, useSession } from "../hooks/useSession.ts";

const SEVERITY: Record<CheckFindingView["severity"], { label: string; color: string; alert: "error" | "warning" | "info" }> = {
  error: { label: "错误", color: "error", alert: "error" },
  warning: { label: "提示", color: "warning", alert: "warning" },
  info: { label: "信息", color: "default", alert: "info" },
};

/** Import wizard: a notice (txt/md/docx/pdf/html) or an Excel ledger (.xlsx), previewed before anything is written. */
export function ImportPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const source = params.get("source") === "ledger" ? "ledger" : "notice";
  const inspectionId = params.get("inspectionId") ? Number(params.get("inspectionId")) : undefined;

  if (!canUser(user, "manage_ledger")) return <Result status="403" title="无权访问" subTitle="仅整改办和管理员可以导入通报或台账" />;

  return (
    <Card title="导入" size="small">
      <Tabs
        activeKey={source}
        onChange={(key) => setParams(key === "ledger" ? { source: "ledger" } : {}, { replace: true })}
        items={[
          { key: "notice", label: "导入整改通报（Word / PDF / 文本）", children: <NoticeImportWizard /> },
          { key: "ledger", label: "导入 Excel 整改台账", children: <LedgerImportWizard initialInspectionId={inspectionId} /> },
        ]}
      />
    </Card>
  );
}

function NoticeImportWizard() {
  const { orgs } = useSession();
  const { message } = App.useApp();
  const units = useMemo(() => orgs.filter((o) => o.kind === "unit"), [orgs]);
  const [unitId, setUnitId] = useState<number | undefined>(units[0]?.id);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<NoticeImportPreview | null>(null);
  const [result, setResult] = useState<NoticeImportPreview | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const step = result ? 2 : preview ? 1 : 0;
  // A notice whose problem list could not be read must not be imported as an empty, seemingly finished round.
  const isUnreadable = preview !== null && (preview.canImport === false || preview.checks.some((check) => check.code === "STRUCTURE_NOT_FOUND"));

  const runPreview = async (chosen: File) => {
    if (!unitId) {
      message.warning("请先选择被巡察单位");
      return;
    }
    setIsBusy(true);
    setFile(chosen);
    try {
      setPreview(await apiUpload<NoticeImportPreview>(`/api/orgs/${unitId}/imports/notice/preview`, chosen, chosen.name));
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const confirm = async () => {
    if (!file || !unitId) return;
    setIsBusy(true);
    try {
      setResult(await apiUpload<NoticeImportPreview>(`/api/orgs/${unitId}/imports/notice`, file, file.name));
      message.success("导入完成");
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
  };

  return (
    <div>
      <Steps current={step} style={{ marginBottom: 16, maxWidth: 720 }} items={[{ title: "上传通报" }, { title: "预览与检查" }, { title: "完成" }]} />
      {step === 0 && (
        <Space orientation="vertical" style={{ width: "100%", maxWidth: 720 }}>
          <Space>
            <span>导入到单位：</span>
            <Select aria-label="被巡察单位" style={{ width: 280 }} value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder="选择被巡察单位" />
          </Space>
          <Upload.Dragger
            accept=".txt,.md,.docx,.pdf,.html,.htm"
            multiple={false}
            showUploadList={false}
            disabled={isBusy}
            beforeUpload={(chosen: UploadFile & File) => {
              void runPreview(chosen);
              return false;
            }}
          >
            <p style={{ fontSize: 15, margin: "8px 0" }}>{isBusy ? "正在解析…" : "将通报文件拖到此处，或点击选择"}</p>
            <p style={{ color: "#888", margin: 0 }}>支持 .txt、.md、.docx、.pdf、.html；先预览，确认后才写入台账</p>
          </Upload.Dragger>
        </Space>
      )}
      {step === 1 && preview && (
        <div>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, lg: 3 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: "file", label: "文件", children: `${preview.fileName}（${preview.format}）` },
              { key: "name", label: "巡察轮次", children: preview.plan.inspection.name },
              { key: "feedback", label: "反馈日期", children: preview.plan.inspection.feedbackDate ?? "—" },
              { key: "count", label: "问题数", children: `${preview.plan.findings.length} 个` },
              { key: "existing", label: "已有轮次", children: preview.existing ? `${preview.existing.name}（将更新）` : "无，将新建" },
              { key: "sha", label: "SHA-256", children: <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: preview.sha256 }}>{preview.sha256}</Typography.Text> },
            ]}
          />
          {isUnreadable && (
            <Alert
              type="error"
              showIcon
              data-testid="import-structure-warning"
              style={{ marginBottom: 12 }}
              title="未能从通报中识别出问题清单，不能导入"
              description="文中没有找到逐条列出的问题（如“（一）…方面”“1.…”“问题一：”或问题表格）。请确认上传的是整改进展情况通报，或改用“导入 Excel 整改台账”。"
            />
          )}
          <Typography.Title level={5}>一致性检查（{preview.checks.length} 条）</Typography.Title>
          {preview.checks.length === 0 ? (
            <Alert type="success" showIcon title="未发现数字或表述不一致的问题" style={{ marginBottom: 12 }} />
          ) : (
            <Space orientation="vertical" style={{ width: "100%", marginBottom: 12 }} data-testid="import-checks">
              {preview.checks.map((check, index) => (
                <Alert
                  key={`${check.code}-${index}`}
                  type={SEVERITY[check.severity]?.alert ?? "info"}
                  showIcon
                  title={
                    <span>
                      <Tag color={SEVERITY[check.severity]?.color}>{SEVERITY[check.severity]?.label ?? check.severity}</Tag>
                      {check.message}
                    </span>
                  }
                  description={check.evidence ? <span>原文：<mark style={{ background: "#fff1b8" }}>{check.evidence}</mark></span> : undefined}
                />
              ))}
            </Space>
          )}
          {preview.plan.warnings.map((w) => (
            <Alert key={w} type="info" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          <Typography.Title level={5}>将要导入的问题</Typography.Title>
          <Table
            size="small"
            rowKey={(row) => `${row.number}-${row.title}`}
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={preview.plan.findings}
            locale={{ emptyText: <Empty description="未识别到问题" /> }}
            columns={[
              { title: "序号", dataIndex: "number", width: 70 },
              { title: "方面", dataIndex: "category", width: 180, ellipsis: true, render: (v: string | null) => v ?? "—" },
              { title: "问题", dataIndex: "title", ellipsis: true },
              { title: "通报所述状态", dataIndex: "status", width: 140, render: (status) => <StatusTag status={status} /> },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            共 {preview.changes.length} 项变更{preview.changes.length === 0 ? "：该文件已导入过，确认不会产生变化" : ""}
          </Typography.Paragraph>
          <Space>
            <Button onClick={restart}>重新选择文件</Button>
            <Button type="primary" onClick={confirm} loading={isBusy} disabled={isUnreadable}>
              确认导入
            </Button>
          </Space>
        </div>
      )}
      {step === 2 && result && (
        <Result
          status="success"
          title={result.isChanged ? "导入完成" : "该通报已导入过，台账未变化"}
          subTitle={`${result.plan.inspection.name}：${result.plan.findings.length} 个问题`}
          extra={[
            <Link key="open" to={`/inspections/${result.inspectionId}`}>
              <Button type="primary">打开台账</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              继续导入
            </Button>,
          ]}
        />
      )}
    </div>
  );
}
