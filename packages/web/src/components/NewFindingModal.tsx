import { useState } from "react";
import { App, Form, Modal } from "antd";
import type { Dayjs } from "dayjs";
import type { FindingSource } from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";
import { FindingFormFields } from "./FindingFormFields.tsx";

/** Values of the finding forms (create and edit). */
export interface FindingForm {
  number?: string;
  category?: string;
  title: string;
  subPoints?: string;
  source: FindingSource;
  leadLeader?: string;
  leadDepartmentId?: number;
  dueDate?: Dayjs | null;
  planText?: string;
  progressText?: string;
}

/** The request body of a finding form (empty texts become null; sub-points one per line). */
export function findingBody(values: FindingForm): Record<string, unknown> {
  return {
    ...(values.number ? { number: values.number } : {}),
    category: values.category || null,
    title: values.title,
    subPoints: (values.subPoints ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
    source: values.source,
    leadLeader: values.leadLeader || null,
    leadDepartmentId: values.leadDepartmentId ?? null,
    dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null,
  };
}

/** Adds a finding (反馈问题) to a round's ledger; the 立行立改 register opens it with that source. */
export function NewFindingModal(props: {
  inspectionId: number;
  departments: { value: number; label: string }[];
  categories: string[];
  defaultSource?: FindingSource;
  isOpen: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FindingForm>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch(`/api/inspections/${props.inspectionId}/findings`, { method: "POST", body: findingBody(values) });
      message.success("问题已新增");
      props.onCreated();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal title={props.defaultSource === "immediate" ? "登记立行立改事项" : "新增问题"} open={props.isOpen} onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} width={680} destroyOnHidden>
      <Form form={form} name="newFinding" layout="vertical" preserve={false} initialValues={{ source: props.defaultSource ?? "feedback" }}>
        <FindingFormFields departments={props.departments} categories={props.categories} />
      </Form>
    </Modal>
  );
}
