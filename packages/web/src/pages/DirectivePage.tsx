import { useState } from "react";
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Empty, Form, Input, Space, Tag, Timeline, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { Link, useParams } from "react-router";
import { apiFetch, describeError, getCsrfToken } from "../api/client.ts";
import type { DirectiveDetail } from "../api/clock-types.ts";
import { formatTime, labelAuditAction } from "../api/labels.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";

const STATE = { open: { label: "待回复", color: "processing" }, replied: { label: "已回复", color: "warning" }, closed: { label: "已办结", color: "success" } } as const;

/** One 督办单: what was asked of whom by when; the unit's reply with evidence; the issuer closes it. */
export function DirectivePage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const detail = useApi<DirectiveDetail>(`/api/directives/${id}`);
  const [replyForm] = Form.useForm<{ replyText: string }>();
  const [closeForm] = Form.useForm<{ note?: string }>();
  const [uploads, setUploads] = useState<UploadFile[]>([]);
  const [isBusy, setIsBusy] = useState(false);

  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PageSpin />;
  const { directive, files, history, permissions } = detail.data;

  const run = async (action: () => Promise<unknown>, success: string): Promise<void> => {
    setIsBusy(true);
    try {
      await action();
      message.success(success);
      detail.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const reply = async (): Promise<void> => {
    const values = await replyForm.validateFields();
    await run(() => apiFetch(`/api/directives/${id}/reply`, { method: "POST", body: { replyText: values.replyText, version: directive.version } }), "已回复督办单");
  };
  const close = async (): Promise<void> => {
    const values = await closeForm.validateFields();
    await run(() => apiFetch(`/api/directives/${id}/close`, { method: "POST", body: { ...(values.note ? { note: values.note } : {}), version: directive.version } }), "督办单已办结");
  };

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/directives">督办台账</Link> }, { title: `督办单 #${directive.id}` }]} />
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <span>督办单</span>
            <Tag color={STATE[directive.state].color}>{STATE[directive.state].label}</Tag>
            {directive.isOverdue && <Tag color="red">逾期未回复</Tag>}
          </Space>
        }
      >
        <Typography.Paragraph style={{ fontSize: 15 }} data-testid="directive-text">
          {directive.text}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "unit", label: "被督办单位", children: directive.unitName },
            { key: "issuer", label: "督办单位", children: `${directive.issuerOrgName}${directive.issuerName ? `（${directive.issuerName}）` : ""}` },
            {
              key: "target",
              label: "督办对象",
              children: directive.measureId ? <Link to={`/measures/${directive.measureId}`}>{directive.measureText}</Link> : directive.findingTitle ? `问题${directive.findingNumber} ${directive.findingTitle}` : "整个单位",
            },
            { key: "due", label: "回复期限", children: directive.replyDue ?? "—" },
            { key: "issued", label: "下发时间", children: formatTime(directive.createdAt) },
            { key: "replied", label: "回复时间", children: directive.repliedAt ? formatTime(directive.repliedAt) : "—" },
          ]}
        />
      </Card>
      <Card size="small" title="单位回复" style={{ marginBottom: 12 }}>
        {directive.replyText ? (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} data-testid="directive-reply">
            {directive.replyText}
          </Typography.Paragraph>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未回复" />
        )}
        {files.length > 0 && (
          <ItemList
            testId="directive-files"
            rows={files.map((f) => ({
              key: f.id,
              title: f.fileName,
              description: `${f.uploaderName ?? "—"} 于 ${formatTime(f.createdAt)} 上传 · SHA-256：${f.sha256.slice(0, 16)}…`,
              actions: (
                <a href={`/api/directive-files/${f.id}`} download={f.fileName}>
                  下载
                </a>
              ),
            }))}
          />
        )}
        {permissions.canReply && (
          <div style={{ marginTop: 12 }}>
            <Upload
              name="file"
              action={`/api/directives/${id}/files`}
              headers={{ "x-csrf-token": getCsrfToken() ?? "" }}
              withCredentials
              fileList={uploads}
              accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.txt,.ofd,.zip"
              onChange={({ file, fileList }) => {
                setUploads(fileList.filter((f) => f.status !== "done"));
                if (file.status === "done") {
                  message.success(`${file.name} 上传成功`);
                  detail.reload();
                } else if (file.status === "error") {
                  const error = (file.response as { error?: { code: string; message: string } } | undefined)?.error;
                  message.error(error ? `${error.message}（${error.code}）` : `${file.name} 上传失败`);
                }
              }}
            >
              <Button>上传佐证材料</Button>
            </Upload>
            <Form form={replyForm} name="directiveReply" layout="vertical" style={{ marginTop: 12 }} initialValues={{ replyText: directive.replyText ?? "" }}>
              <Form.Item label="回复内容" name="replyText" rules={[{ required: true, message: "请填写回复内容" }]}>
                <Input.TextArea rows={4} maxLength={10000} showCount placeholder="说明办理情况、原因分析和下一步措施" />
              </Form.Item>
              <Button type="primary" onClick={() => void reply()} loading={isBusy} data-testid="reply-directive">
                {directive.replyText ? "补充回复" : "回复督办"}
              </Button>
            </Form>
          </div>
        )}
      </Card>
      {permissions.canClose && (
        <Card size="small" title="办结" style={{ marginBottom: 12 }}>
          <Form form={closeForm} name="directiveClose" layout="vertical">
            <Form.Item label="办结意见" name="note">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button onClick={() => void close()} loading={isBusy} data-testid="close-directive">
              办结督办单
            </Button>
          </Form>
        </Card>
      )}
      {directive.state === "closed" && directive.closeNote && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`办结意见：${directive.closeNote}`} />}
      <Card size="small" title="办理记录">
        <Timeline
          items={history.map((h) => ({
            key: h.id,
            content: (
              <span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(h.at)} · {h.actorName}
                </Typography.Text>{" "}
                {labelAuditAction(h.action)}
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
