import { useState } from "react";
import { Alert, Button, Form, Input } from "antd";
import { apiFetch, describeError } from "../api/client.ts";

/**
 * Current password, new password and its confirmation, posted to the password change. Used by the
 * header's 修改密码 dialog and by the page a user sees after an administrator's reset.
 */
export function ChangePasswordForm(props: { submitLabel: string; currentLabel?: string; onChanged(): void }) {
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setIsSaving(true);
    setError(null);
    try {
      await apiFetch("/api/auth/password", { method: "POST", body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      form.resetFields();
      props.onChanged();
    } catch (reason) {
      setError(describeError(reason));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Form form={form} name="changePassword" layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item label={props.currentLabel ?? "当前密码"} name="currentPassword" rules={[{ required: true, message: "请输入当前密码" }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label="新密码" name="newPassword" extra="8–128 位，须同时包含字母和数字" rules={[{ required: true, min: 8, message: "新密码至少 8 位" }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: "请再次输入新密码" },
          ({ getFieldValue }) => ({
            validator: (_rule, value) => (value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error("两次输入的密码不一致"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={isSaving}>
        {props.submitLabel}
      </Button>
    </Form>
  );
}
