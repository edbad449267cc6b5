import { useState } from "react";
import { App, Form, Modal } from "antd";
import type { Dayjs } from "dayjs";
import type { MeasureKind } from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";
import { MeasureFormFields } from "./MeasureFormFields.tsx";

interface MeasureForm {
  text: string;
  kind: MeasureKind;
  leaderName?: string;
  leaderUserId?: number | null;
  departmentId?: number;
  ownerName?: string;
  ownerUserId?: number | null;
  dueDate?: Dayjs | null;
}

/** Adds a measure (整改措施) with its owner triple and due date to a finding. */
export function NewMeasureModal(props: { findingId: number | null; unitId?: number; departments: { value: number; label: string }[]; onClose(): void; onCreated(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureForm>();
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch(`/api/findings/${props.findingId}/measures`, {
        method: "POST",
        body: {
          text: values.text,
          kind: values.kind,
          leaderName: values.leaderName || null,
          ...(values.leaderUserId !== undefined ? { leaderUserId: values.leaderUserId } : {}),
          departmentId: values.departmentId ?? null,
          ownerName: values.ownerName || null,
          ...(values.ownerUserId !== undefined ? { ownerUserId: values.ownerUserId } : {}),
          dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null,
        },
      });
      message.success("整改措施已新增");
      props.onCreated();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal title="新增整改措施" open={props.findingId !== null} onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} width={640} destroyOnHidden>
      <Form form={form} name="newMeasure" layout="vertical" preserve={false} initialValues={{ kind: "deadline" }}>
        <MeasureFormFields departments={props.departments} unitId={props.unitId} />
      </Form>
    </Modal>
  );
}
