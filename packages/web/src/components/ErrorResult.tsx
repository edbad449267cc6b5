import { Button, Result } from "antd";
import { ApiError } from "../api/client.ts";

/** Error state of a screen or card: the server's Chinese message with its code, and a retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const isApiError = error instanceof ApiError;
  const status = isApiError && error.status === 403 ? "403" : isApiError && error.status === 404 ? "404" : "error";
  return (
    <Result
      status={status}
      title={isApiError ? error.message : "加载失败"}
      subTitle={isApiError ? `错误代码：${error.code}` : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
