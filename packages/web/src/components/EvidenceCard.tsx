import { useState } from "react";
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Tag, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { EVIDENCE_CATEGORIES, FIELD_LIMITS, labelEvidenceCategory, type EvidenceCategory } from "@zhenggai/core";
import { apiFetch, getCsrfToken } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { Evidence } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { useRun } from "../hooks/useRun.ts";
import { ItemList } from "./ItemList.tsx";
import { useIsNarrow } from "./ResponsiveTable.tsx";
import { VOIDED_STYLE } from "./RecordHistory.tsx";
import { VoidModal } from "./VoidModal.tsx";

const ACCEPTED = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.txt,.ofd,.zip";

const CATEGORY_OPTIONS = EVIDENCE_CATEGORIES.map((c) => ({ value: c, label: labelEvidenceCategory(c) }));

/** Writes a byte count for people: "512 B", "3.4 KB", "20 MB". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  const megabytes = size / 1024 / 1024;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

interface UploadMeta {
  category: EvidenceCategory;
  description?: string;
  effectiveDate?: Dayjs | null;
}

/**
 * 佐证材料: upload with category, description and date (the size limit stated), the list with
 * SHA-256, edit and void while the measure is open; voided files stay, struck through.
 */
export function EvidenceCard(props: { measureId: number; evidence: Evidence[]; canUpload: boolean; isOpen: boolean; signedBefore: string | null; onChanged(): void }) {
  const { message } = App.useApp();
  const limits = useApi<{ maxUploadBytes: number }>("/api/limits");
  const [uploads, setUploads] = useState<UploadFile[]>([]);
  const [meta] = Form.useForm<UploadMeta>();
  const [editing, setEditing] = useState<Evidence | null>(null);
  const [editForm] = Form.useForm<UploadMeta>();
  const [voiding, setVoiding] = useState<Evidence | null>(null);
  const [preview, setPreview] = useState<Evidence | null>(null);
  const { isBusy, run } = useRun();
  const isNarrow = useIsNarrow();
  const limit = limits.data ? formatBytes(limits.data.maxUploadBytes) : null;
  // Evidence a sign-off relied on is corrected by new uploads, never edited.
  const isEditable = (item: Evidence) => props.isOpen && !item.voidedAt && (props.signedBefore === null || item.createdAt > props.signedBefore);

  const uploadData = () => {
    const values = meta.getFieldsValue();
    return {
      category: values.category ?? "other",
      ...(values.description?.trim() ? { description: values.description.trim() } : {}),
      ...(values.effectiveDate ? { effectiveDate: values.effectiveDate.format("YYYY-MM-DD") } : {}),
    };
  };
  const uploadProps = {
    name: "file",
    action: `/api/measures/${props.measureId}/evidence`,
    headers: { "x-csrf-token": getCsrfToken() ?? "" },
    data: uploadData,
    withCredentials: true,
    fileList: uploads,
    beforeUpload: (file: File) => {
      if (limits.data && file.size > limits.data.maxUploadBytes) {
        message.error(`“${file.name}”有 ${formatBytes(file.size)}，超过单个文件 ${limit} 的上限，请压缩或拆分后再上传`);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    onChange: ({ file, fileList }: { file: UploadFile; fileList: UploadFile[] }) => {
      setUploads(fileList.filter((f) => f.status !== "done"));
      if (file.status === "done") {
        message.success(`${file.name} 上传成功`);
        meta.setFieldsValue({ description: "" });
        props.onChanged();
      } else if (file.status === "error") {
        const error = (file.response as { error?: { code: string; message: string } } | undefined)?.error;
        message.error(error ? `${error.message}（${error.code}）` : `${file.name} 上传失败`);
      }
    },
  };
  const openEdit = (item: Evidence) => setEditing(item);
  const submitEdit = async () => {
    const values = await editForm.validateFields();
    const body = { version: editing?.version, category: values.category, description: values.description?.trim() || null, effectiveDate: values.effectiveDate ? values.effectiveDate.format("YYYY-MM-DD") : null };
    if (await run(() => apiFetch(`/api/evidence/${editing?.id}`, { method: "PATCH", body }), "佐证材料已修改")) {
      setEditing(null);
      props.onChanged();
    }
  };

  return (
    <Card size="small" title="佐证材料" style={{ marginBottom: 12 }}>
      {props.canUpload && (
        <>
          <Form form={meta} name="evidenceMeta" layout="vertical" initialValues={{ category: "other" }}>
            <Row gutter={8}>
              <Col xs={24} md={7}>
                <Form.Item label="材料类别" name="category" style={{ marginBottom: 8 }}>
                  <Select options={CATEGORY_OPTIONS} />
                </Form.Item>
              </Col>
              <Col xs={24} md={11}>
                <Form.Item label="材料说明" name="description" style={{ marginBottom: 8 }}>
                  <Input maxLength={FIELD_LIMITS.evidence.description} showCount placeholder="例如：5月12日党组会会议纪要" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label="材料日期" name="effectiveDate" style={{ marginBottom: 8 }}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {isNarrow ? (
            // On a phone: the camera straight away, or a file from the phone.
            <Space style={{ marginBottom: 12 }} wrap>
              <span data-testid="photo-upload">
                <Upload {...uploadProps} capture="environment" accept="image/jpeg,image/png">
                  <Button type="primary">拍照上传</Button>
                </Upload>
              </span>
              <span data-testid="file-upload">
                <Upload {...uploadProps} accept={ACCEPTED}>
                  <Button>选择文件</Button>
                </Upload>
              </span>
              {limit && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="evidence-limit">
                  单个文件不超过 {limit}
                </Typography.Text>
              )}
            </Space>
          ) : (
            <Upload.Dragger {...uploadProps} multiple accept={ACCEPTED} style={{ marginBottom: 12 }}>
              <p style={{ fontSize: 15, margin: "4px 0" }}>将文件拖到此处，或点击选择文件上传</p>
              <p style={{ color: "#888", margin: 0 }} data-testid="evidence-limit">
                支持 PDF、Word、Excel、图片、OFD、ZIP；{limit ? `单个文件不超过 ${limit}；` : ""}上传后系统计算 SHA-256 留存
              </p>
            </Upload.Dragger>
          )}
        </>
      )}
      {props.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传佐证材料" />
      ) : (
        <ItemList
          testId="evidence-list"
          rows={props.evidence.map((item) => ({
            key: item.id,
            title: (
              <Space size={6} wrap>
                <span style={item.voidedAt ? VOIDED_STYLE : undefined}>{item.fileName}</span>
                <Tag>{labelEvidenceCategory(item.category)}</Tag>
                {item.voidedAt && <Tag color="default">已作废</Tag>}
              </Space>
            ),
            description: (
              <span>
                {item.description && <span style={item.voidedAt ? VOIDED_STYLE : undefined}>{item.description} · </span>}
                {formatBytes(item.sizeBytes)} · {item.uploaderName ?? "—"} 于 {formatTime(item.createdAt)} 上传
                {item.effectiveDate ? ` · 材料日期 ${item.effectiveDate}` : ""}
                {item.voidedAt && (
                  <>
                    <br />
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {item.voidedByName ?? ""} 于 {formatTime(item.voidedAt)} 作废：{item.voidReason}
                    </Typography.Text>
                  </>
                )}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: "monospace" }} copyable={{ text: item.sha256 }}>
                  SHA-256：{item.sha256}
                </Typography.Text>
              </span>
            ),
            actions: (
              <Space size={4}>
                {item.mimeType === "application/pdf" || item.mimeType.startsWith("image/") ? (
                  <Button type="link" size="small" onClick={() => setPreview(item)}>
                    预览
                  </Button>
                ) : null}
                <a href={`/api/evidence/${item.id}/file`} download={item.fileName}>
                  下载
                </a>
                {isEditable(item) && (
                  <Button type="link" size="small" onClick={() => openEdit(item)}>
                    编辑
                  </Button>
                )}
                {isEditable(item) && (
                  <Button type="link" size="small" danger onClick={() => setVoiding(item)}>
                    作废
                  </Button>
                )}
              </Space>
            ),
          }))}
        />
      )}
      <Modal title="修改佐证材料" open={editing !== null} onOk={submitEdit} onCancel={() => setEditing(null)} confirmLoading={isBusy} okText="保存" destroyOnHidden>
        <Form
          form={editForm}
          name="evidenceEdit"
          layout="vertical"
          preserve={false}
          initialValues={editing ? { category: editing.category, description: editing.description ?? "", effectiveDate: editing.effectiveDate ? dayjs(editing.effectiveDate) : null } : undefined}
        >
          <Form.Item label="材料类别" name="category">
            <Select options={CATEGORY_OPTIONS} />
          </Form.Item>
          <Form.Item label="材料说明" name="description">
            <Input.TextArea rows={2} maxLength={FIELD_LIMITS.evidence.description} showCount />
          </Form.Item>
          <Form.Item label="材料日期" name="effectiveDate">
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
      <VoidModal
        title="作废佐证材料"
        what="佐证材料"
        isOpen={voiding !== null}
        onClose={() => setVoiding(null)}
        onConfirm={(reason) => apiFetch(`/api/evidence/${voiding?.id}/void`, { method: "POST", body: { version: voiding?.version, reason } })}
        onDone={() => {
          setVoiding(null);
          props.onChanged();
        }}
      />
      <Modal title={preview?.fileName} open={preview !== null} onCancel={() => setPreview(null)} footer={null} width={900} destroyOnHidden>
        {preview &&
          (preview.mimeType.startsWith("image/") ? (
            <img src={`/api/evidence/${preview.id}/file`} alt={preview.fileName} style={{ maxWidth: "100%" }} />
          ) : (
            <iframe title={preview.fileName} src={`/api/evidence/${preview.id}/file`} style={{ width: "100%", height: "70vh", border: 0 }} />
          ))}
      </Modal>
    </Card>
  );
}
