import { Alert, Form, Input, Modal } from "antd";
import { FIELD_LIMITS } from "@zhenggai/core";
import { useRun } from "../hooks/useRun.ts";

/**
 * Asks for the reason of a void (作废): the record is kept with its content, shown struck through
 * and left out of the figures. `onConfirm` sends the request; the dialog closes when it succeeds.
 */
export function VoidModal(props: { title: string; what: string; isOpen: boolean; onClose(): void; onConfirm(reason: string): Promise<unknown>; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { isBusy, run } = useRun();
  const submit = async () => {
    const { reason } = await form.validateFields();
    if (await run(() => props.onConfirm(reason.trim()), `${props.what}已作废`)) props.onDone();
  };
  return (
    <Modal title={props.title} open={props.isOpen} onOk={submit} onCancel={props.onClose} confirmLoading={isBusy} okText="作废" okButtonProps={{ danger: true }} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`作废后${props.what}仍会保留并划线显示，原内容和作废原因记入变更记录，不再计入统计和通报。`} />
      <Form form={form} name="void" layout="vertical" preserve={false}>
        <Form.Item label="作废原因" name="reason" rules={[{ required: true, whitespace: true, message: "请填写作废原因" }]}>
          <Input.TextArea rows={3} maxLength={FIELD_LIMITS.reason} showCount placeholder="例如：重复登记、录入错误" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
