import { useState } from "react";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import type { SessionUser } from "../api/types.ts";
import { useSession } from "../hooks/useSession.ts";

/** Sign-in page; shows why the user was sent here (expired session, logout). */
export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const next = params.get("next") ?? "/";

  if (session.needsSetup) return <Navigate to="/setup" replace />;
  if (session.user && !isBusy) return <Navigate to={next.startsWith("/") ? next : "/"} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setIsBusy(true);
    setError(null);
    try {
      const result = await apiFetch<{ user: SessionUser; csrfToken: string }>("/api/auth/login", { method: "POST", body: values, isAuthProbe: true });
      await session.signIn(result.user, result.csrfToken);
      navigate(next.startsWith("/") && !next.startsWith("/login") ? next : "/", { replace: true });
    } catch (reason) {
      setError(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "linear-gradient(180deg, #b71c1c 0, #b71c1c 220px, #f5f6f8 220px)" }}>
      <Card style={{ width: "min(400px, calc(100vw - 24px))", boxShadow: "0 4px 24px rgba(0,0,0,0.12)" }}>
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          整改台账管理系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          巡察整改 · 对账销号 · 通报公示
        </Typography.Paragraph>
        {session.notice && !error && <Alert type="warning" showIcon title={session.notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={isBusy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isBusy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
