import { DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { formatFenAsYuan, parseYuanToFen, type OutcomeRegisterSpec, type RegisterField } from "@zhenggai/core";
import { apiFetch } from "../api/client.ts";
import type { RegisterRecord } from "../api/register-types.ts";
import { useRun } from "../hooks/useRun.ts";

/** A finding a register record may link to, as the select offers it. */
export interface FindingOption {
  value: number;
  label: string;
}

type FormValue = string | number | number[] | Dayjs | null | undefined;

function toFormValue(field: RegisterField, value: unknown): FormValue {
  if (value === null || value === undefined) return field.type === "findings" ? [] : undefined;
  switch (field.type) {
    case "date":
      return dayjs(String(value));
    case "money":
      return formatFenAsYuan(Number(value));
    case "findings":
      return (value as number[]).map(Number);
    case "integer":
    case "finding":
      return Number(value);
    default:
      return String(value);
  }
}

function toPayloadValue(field: RegisterField, value: FormValue): unknown {
  if (value === undefined || value === null || value === "") return field.type === "findings" ? [] : null;
  switch (field.type) {
    case "date":
      return (value as Dayjs).format("YYYY-MM-DD");
    case "money":
      return parseYuanToFen(String(value));
    default:
      return value;
  }
}

/** The input of one field; Form.Item hands it `id`, `value` and `onChange`, passed on to the control. */
function FieldInput({ field, findings, ...control }: { field: RegisterField; findings: readonly FindingOption[]; id?: string; value?: never; onChange?: never }) {
  switch (field.type) {
    case "text":
      return field.isMultiline ? <Input.TextArea {...control} rows={3} maxLength={field.maxLength} showCount /> : <Input {...control} maxLength={field.maxLength} showCount />;
    case "choice":
      return <Select {...control} allowClear={!field.isRequired} options={(field.choices ?? []).map((c) => ({ value: c.value, label: c.label }))} />;
    case "date":
      return <DatePicker {...control} style={{ width: "100%" }} />;
    case "integer":
      return <InputNumber {...control} min={field.min} max={field.max} precision={0} style={{ width: "100%" }} />;
    case "money":
      return <Input {...control} suffix="元" inputMode="decimal" placeholder="例如 12345.67" />;
    case "finding":
      return <Select {...control} allowClear showSearch optionFilterProp="label" options={[...findings]} placeholder="选择本轮的问题" />;
    case "findings":
      return <Select {...control} mode="multiple" allowClear showSearch optionFilterProp="label" options={[...findings]} placeholder="可选多个问题" />;
  }
}

/**
 * Creates or edits one record of an outcome register, the form built from the register's spec in
 * core (labels, length limits, choices, which names stay private).
 */
export function RegisterFormModal(props: {
  spec: OutcomeRegisterSpec;
  inspectionId: number;
  record: RegisterRecord | null;
  findings: readonly FindingOption[];
  onClose(): void;
  onSaved(): void;
}) {
  const { spec, record } = props;
  const [form] = Form.useForm<Record<string, FormValue>>();
  const { isBusy, run } = useRun();
  const fields = Object.entries(spec.fields);
  const initialValues = Object.fromEntries(fields.map(([key, field]) => [key, toFormValue(field, record ? record[key] : field.defaultValue)]));

  const submit = async () => {
    const values = await form.validateFields();
    const body: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = toPayloadValue(field, values[key]);
      // A new record leaves empty optional fields out; an edit sends them, so a cleared field is cleared.
      if (!record && (value === null || (Array.isArray(value) && value.length === 0))) continue;
      body[key] = value;
    }
    const saved = await run(
      () =>
        record
          ? apiFetch(`/api/${spec.name}/${record.id}`, { method: "PATCH", body: { ...body, version: record.version } })
          : apiFetch(`/api/inspections/${props.inspectionId}/${spec.name}`, { method: "POST", body }),
      record ? `${spec.noun}已修改` : `${spec.noun}已登记`,
    );
    if (saved) props.onSaved();
  };

  return (
    <Modal title={`${record ? "修改" : "登记"}${spec.noun}`} open onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} okText="保存" width={640} destroyOnHidden>
      <Form form={form} name={`register-${spec.name}`} layout="vertical" initialValues={initialValues} preserve={false}>
        {fields.map(([key, field]) => (
          <Form.Item
            key={key}
            name={key}
            label={
              <span>
                {field.label}
                {field.isPrivate && <span style={{ color: "#d46b08" }}>（不公开）</span>}
              </span>
            }
            extra={field.hint}
            rules={[
              { required: field.isRequired, message: `请填写“${field.label}”` },
              ...(field.type === "money"
                ? [{ validator: (_rule: unknown, value: unknown) => (value === undefined || value === "" || parseYuanToFen(String(value)) !== null ? Promise.resolve() : Promise.reject(new Error("请填写金额（元），最多两位小数"))) }]
                : []),
            ]}
          >
            <FieldInput field={field} findings={props.findings} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
