import { useState } from "react";
import { Alert, Button, Card, Form, Input, Radio, Typography } from "antd";
import { useNavigate } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import type { SessionUser } from "../api/types.ts";
import { useSession } from "../hooks/useSession.ts";

interface SetupValues {
  token: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  orgName: string;
  orgKind: "office" | "unit";
}

/** First run: create the root organisation and the administrator with the console's one-time token. */
export function SetupPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onFinish = async (values: SetupValues) => {
    setIsBusy(true);
    setError(null);
    try {
      const { confirm: _confirm, ...body } = values;
      await apiFetch("/api/setup", { method: "POST", body, isAuthProbe: true });
      const login = await apiFetch<{ user: SessionUser; csrfToken: string }>("/api/auth/login", {
        method: "POST",
        body: { username: values.username, password: values.password },
        isAuthProbe: true,
      });
      await session.signIn(login.user, login.csrfToken);
      navigate("/", { replace: true });
    } catch (reason) {
      setError(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", padding: 24, boxSizing: "border-box" }}>
      <Card style={{ width: 520 }}>
        <Typography.Title level={3}>系统初始化</Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用，请创建管理员账号和根组织。初始化口令见服务启动时控制台打印的“setup token”。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<SetupValues> layout="vertical" onFinish={onFinish} initialValues={{ orgKind: "office" }} disabled={isBusy}>
          <Form.Item label="初始化口令" name="token" rules={[{ required: true, message: "请输入控制台打印的初始化口令" }]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item label="根组织名称" name="orgName" rules={[{ required: true, message: "请输入单位名称" }]}>
            <Input placeholder="例如：中共某某县委巡察工作领导小组办公室" />
          </Form.Item>
          <Form.Item label="根组织类型" name="orgKind">
            <Radio.Group options={[{ value: "office", label: "巡察办" }, { value: "unit", label: "被巡察单位" }]} />
          </Form.Item>
          <Form.Item label="管理员用户名" name="username" rules={[{ required: true, min: 2, message: "用户名至少 2 位" }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="管理员姓名" name="displayName" rules={[{ required: true, message: "请输入姓名" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, min: 8, message: "密码至少 8 位" }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirm"
            dependencies={["password"]}
            rules={[
              { required: true, message: "请再次输入密码" },
              ({ getFieldValue }) => ({
                validator: (_rule, value) => (value === getFieldValue("password") ? Promise.resolve() : Promise.reject(new Error("两次输入的密码不一致"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isBusy}>
            完成初始化并登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
