import { useMemo, useState } from "react";
import { Alert, App, Button, Checkbox, Descriptions, Empty, Result, Select, Space, Steps, Table, Tag, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { Link } from "react-router";
import { LEDGER_FIELD_HEADERS } from "@zhenggai/core";
import { apiUpload, describeError, withQuery } from "../api/client.ts";
import type { Inspection, LedgerField, LedgerWorkbookImportResult, LedgerWorkbookPreview, Page } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { canUserOn, useSession } from "../hooks/useSession.ts";
import { ErrorResult } from "./ErrorResult.tsx";
import { StatusTag } from "./StatusTag.tsx";

const IGNORED = "__ignored__";

/** Spreadsheet letter of a 1-based column number (1 → A, 27 → AA). */
function columnLetter(column: number): string {
  let text = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

/** Excel ledger import: choose a round, upload .xlsx, check the column mapping and departments, confirm. */
export function LedgerImportWizard({ initialInspectionId }: { initialInspectionId?: number }) {
  const { user, orgs, refresh } = useSession();
  const { message } = App.useApp();
  const rounds = useApi<Page<Inspection>>(withQuery("/api/inspections", { pageSize: 100 }));
  const manageable = useMemo(() => (rounds.data?.items ?? []).filter((r) => canUserOn(user, orgs, "manage_ledger", r.orgId)), [rounds.data, user, orgs]);
  const [inspectionId, setInspectionId] = useState<number | undefined>(initialInspectionId);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, LedgerField | null>>({});
  const [preview, setPreview] = useState<LedgerWorkbookPreview | null>(null);
  const [createDepartments, setCreateDepartments] = useState(false);
  const [result, setResult] = useState<LedgerWorkbookImportResult | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const step = result ? 2 : preview ? 1 : 0;
  const round = manageable.find((r) => r.id === inspectionId);

  const fieldsFor = (nextMapping: Record<string, LedgerField | null>): Record<string, string> =>
    Object.keys(nextMapping).length ? { columnMapping: JSON.stringify(nextMapping) } : {};

  const runPreview = async (chosen: File, nextMapping: Record<string, LedgerField | null>) => {
    if (!inspectionId) {
      message.warning("请先选择要导入到的巡察轮次");
      return;
    }
    setIsBusy(true);
    try {
      const answer = await apiUpload<LedgerWorkbookPreview>(`/api/inspections/${inspectionId}/imports/ledger/preview`, chosen, chosen.name, fieldsFor(nextMapping));
      setFile(chosen);
      setMapping(nextMapping);
      setPreview(answer);
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const confirm = async () => {
    if (!file || !inspectionId) return;
    setIsBusy(true);
    try {
      const answer = await apiUpload<LedgerWorkbookImportResult>(`/api/inspections/${inspectionId}/imports/ledger`, file, file.name, {
        ...fieldsFor(mapping),
        createDepartments: createDepartments ? "true" : "false",
      });
      setResult(answer);
      message.success("台账导入完成");
      // New departments must appear in the session's org list (filters, assignment selects).
      if (answer.createdDepartments.length > 0) await refresh();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const restart = () => {
    setFile(null);
    setMapping({});
    setPreview(null);
    setResult(null);
    setCreateDepartments(false);
  };

  if (rounds.error) return <ErrorResult error={rounds.error} onRetry={rounds.reload} />;

  return (
    <div>
      <Steps current={step} style={{ marginBottom: 16, maxWidth: 720 }} items={[{ title: "选择轮次并上传" }, { title: "核对列与部门" }, { title: "完成" }]} />
      {step === 0 && (
        <Space orientation="vertical" style={{ width: "100%", maxWidth: 720 }}>
          <Space wrap>
            <span>导入到巡察轮次：</span>
            <Select
              aria-label="导入到的巡察轮次"
              style={{ width: 420 }}
              value={round ? inspectionId : undefined}
              loading={rounds.isLoading}
              onChange={setInspectionId}
              placeholder="选择巡察轮次"
              showSearch={{ optionFilterProp: "label" }}
              notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可导入的巡察轮次，请先新建" />}
              options={manageable.map((r) => ({ value: r.id, label: `${r.orgName ?? ""} · ${r.name}` }))}
            />
          </Space>
          {round && (round.findingCount ?? 0) > 0 && <Alert type="warning" showIcon title={`该轮次已有 ${round.findingCount} 个问题，导入的问题将排在其后，不会合并或覆盖。`} />}
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={isBusy || !inspectionId}
            beforeUpload={(chosen: UploadFile & File) => {
              void runPreview(chosen, {});
              return false;
            }}
          >
            <p style={{ fontSize: 15, margin: "8px 0" }}>{isBusy ? "正在读取…" : inspectionId ? "将 Excel 整改台账拖到此处，或点击选择" : "请先选择巡察轮次"}</p>
            <p style={{ color: "#888", margin: 0 }}>支持 .xlsx（旧版 .xls 请先另存为 .xlsx）；系统自动识别表头，先预览，确认后才写入台账</p>
          </Upload.Dragger>
        </Space>
      )}
      {step === 1 && preview && file && (
        <div data-testid="ledger-import-preview">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, lg: 3 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: "file", label: "文件", children: file.name },
              { key: "round", label: "导入到", children: round ? round.name : `轮次 #${inspectionId}` },
              { key: "sheet", label: "工作表", children: `${preview.sheetName}（表头在第 ${preview.headerRow} 行）` },
              { key: "rows", label: "数据行", children: `${preview.rowCount} 行` },
              { key: "findings", label: "问题 / 措施", children: `${preview.findings.length} 个问题，${preview.measureCount} 项措施` },
              { key: "existing", label: "本轮已有问题", children: `${preview.existingFindingCount} 个` },
            ]}
          />
          {preview.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          <Typography.Title level={5}>
            列识别 <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>识别有误时可改选，预览随即更新</Typography.Text>
          </Typography.Title>
          <div
            data-testid="ledger-import-columns"
            style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(250px, 1fr))", gap: "6px 16px", marginBottom: 12 }}
          >
            {preview.columns.map((entry) => (
              <div key={entry.column} style={{ display: "flex", alignItems: "center", gap: 6, minWidth: 0 }}>
                <Tag style={{ marginInlineEnd: 0, width: 28, textAlign: "center" }}>{columnLetter(entry.column)}</Tag>
                <Typography.Text ellipsis={{ tooltip: entry.header }} style={{ flex: 1, minWidth: 0 }}>
                  {entry.header || "（空表头）"}
                </Typography.Text>
                <span style={{ color: "#999" }}>→</span>
                <Select
                  size="small"
                  aria-label={`第 ${columnLetter(entry.column)} 列识别为`}
                  style={{ width: 112 }}
                  value={entry.field ?? IGNORED}
                  disabled={isBusy}
                  status={entry.field ? undefined : "warning"}
                  popupMatchSelectWidth={false}
                  onChange={(value: string) => void runPreview(file, { ...mapping, [String(entry.column)]: value === IGNORED ? null : (value as LedgerField) })}
                  options={[{ value: IGNORED, label: "（不导入）" }, ...Object.entries(LEDGER_FIELD_HEADERS).map(([value, label]) => ({ value, label }))]}
                />
              </div>
            ))}
          </div>
          <Typography.Title level={5}>责任部门匹配</Typography.Title>
          {preview.departments.length === 0 ? (
            <Typography.Paragraph type="secondary">台账中没有填写责任部门。</Typography.Paragraph>
          ) : (
            <div style={{ marginBottom: 12 }} data-testid="ledger-import-departments">
              <Space wrap size={[6, 6]} style={{ marginBottom: 8 }}>
                {preview.departments.map((d) =>
                  d.departmentId ? (
                    <Tag key={d.name} color="success">
                      {d.name} ✓
                    </Tag>
                  ) : (
                    <Tag key={d.name} color="error" style={{ fontWeight: 600 }}>
                      {d.name}（未匹配）
                    </Tag>
                  ),
                )}
              </Space>
              {preview.unmatchedDepartments.length > 0 && (
                <div>
                  <Checkbox checked={createDepartments} onChange={(e) => setCreateDepartments(e.target.checked)}>
                    创建缺少的部门（{preview.unmatchedDepartments.length} 个，建在本单位下）
                  </Checkbox>
                  {!createDepartments && (
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, marginTop: 4 }}>
                      不勾选时，这些措施的责任部门留空，导入后可在台账中批量指派。
                    </Typography.Text>
                  )}
                </div>
              )}
            </div>
          )}
          {preview.matchedPeople.length > 0 && (
            <Typography.Paragraph type="secondary">已匹配到系统用户的责任人 / 责任领导：{preview.matchedPeople.join("、")}</Typography.Paragraph>
          )}
          <Typography.Title level={5}>将要导入的问题</Typography.Title>
          <Table
            size="small"
            rowKey={(row) => `${row.number}-${row.title}`}
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={preview.findings}
            locale={{ emptyText: <Empty description="未识别到问题行，请检查列识别" /> }}
            columns={[
              { title: "序号", dataIndex: "number", width: 70 },
              { title: "类别", dataIndex: "category", width: 180, ellipsis: true, render: (v: string | null) => v ?? "—" },
              { title: "问题", dataIndex: "title", ellipsis: true },
              { title: "措施", dataIndex: "measureCount", width: 60, align: "right" },
              { title: "状态", dataIndex: "status", width: 120, render: (status) => <StatusTag status={status} /> },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={restart}>重新选择文件</Button>
            <Button type="primary" onClick={confirm} loading={isBusy} disabled={preview.findings.length === 0}>
              确认导入台账
            </Button>
          </Space>
        </div>
      )}
      {step === 2 && result && (
        <Result
          status="success"
          title="台账导入完成"
          subTitle={`新增 ${result.findingsCreated} 个问题、${result.measuresCreated} 项整改措施${result.createdDepartments.length ? `；新建部门：${result.createdDepartments.join("、")}` : ""}`}
          extra={[
            <Link key="open" to={`/inspections/${result.inspectionId}`}>
              <Button type="primary">打开台账</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              继续导入
            </Button>,
          ]}
        >
          {result.unmatchedDepartments.length > 0 && (
            <Alert type="warning" showIcon title={`以下责任部门未匹配，相关措施的责任部门为空：${result.unmatchedDepartments.join("、")}`} />
          )}
        </Result>
      )}
    </div>
  );
}
