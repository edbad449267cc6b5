import { Button, Result } from "antd";
import { Link } from "react-router";

/** Unknown address inside the app. */
export function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="您访问的地址不存在或已被移除" extra={<Link to="/"><Button type="primary">返回工作台</Button></Link>} />;
}
