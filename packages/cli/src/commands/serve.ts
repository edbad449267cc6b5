import type { Command } from "commander";

/** `zhenggai serve`: runs the web app and API. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("启动 Web 服务（默认 127.0.0.1:3000，嵌入式数据库；设置 DATABASE_URL 则使用 PostgreSQL）")
    .option("-p, --port <port>", "监听端口（也可用环境变量 PORT）")
    .option("--host <host>", "监听地址（也可用环境变量 HOST，默认 127.0.0.1）")
    .action(async (options: { port?: string; host?: string }) => {
      const env = { ...process.env };
      if (options.port) env.PORT = options.port;
      if (options.host) env.HOST = options.host;
      const { loadConfig, startServer } = await import("@zhenggai/server/runtime");
      await startServer(loadConfig(env));
    });
}
