import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { ROLES, labelRole, type Role } from "@zhenggai/core";
import { AppError } from "@zhenggai/server/errors";
import { printLine } from "../output.ts";
import { withRuntime } from "./with-runtime.ts";

async function readPassword(options: { passwordStdin?: boolean }): Promise<string> {
  if (process.env.ZG_PASSWORD) return process.env.ZG_PASSWORD;
  if (options.passwordStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const first = await rl.question("请输入密码（至少 8 位，含字母和数字）：");
    const second = await rl.question("请再次输入密码：");
    if (first !== second) throw new AppError("VALIDATION_FAILED", "两次输入的密码不一致");
    return first;
  } finally {
    rl.close();
  }
}

/** `zhenggai user add`: creates a user (the first administrator, or anyone with a role on an org). */
export function registerUserCommand(program: Command): void {
  const user = program.command("user").description("用户管理");
  user
    .command("add")
    .description("新建用户；--admin 创建管理员（数据库为空时同时创建根组织）")
    .requiredOption("-u, --username <name>", "登录名（2–64 位字母、数字或 _.@-）")
    .option("-n, --name <displayName>", "姓名（默认同登录名）")
    .option("--admin", "授予根组织的管理员角色")
    .option("--role <role>", `角色：${ROLES.map((r) => `${r}（${labelRole(r)}）`).join("、")}`)
    .option("--org <id>", "角色所在组织的编号（配合 --role）")
    .option("--org-name <name>", "数据库为空时新建的根组织名称", "巡察工作领导小组办公室")
    .option("--password-stdin", "从标准输入读取密码（也可用环境变量 ZG_PASSWORD）")
    .addHelpText("after", "\n示例：\n  npx zhenggai user add --admin -u admin -n 管理员\n  echo 'Passw0rd!' | npx zhenggai user add -u zhangsan --role department --org 5 --password-stdin")
    .action(async (options: { username: string; name?: string; admin?: boolean; role?: string; org?: string; orgName: string; passwordStdin?: boolean }) => {
      if (!options.admin && !options.role) throw new AppError("VALIDATION_FAILED", "请指定 --admin 或 --role");
      if (options.role && !(ROLES as readonly string[]).includes(options.role)) throw new AppError("VALIDATION_FAILED", `未知角色：${options.role}`);
      const password = await readPassword(options);
      await withRuntime(async ({ services, db }) => {
        let orgId = options.org ? Number(options.org) : NaN;
        if (options.admin || Number.isNaN(orgId)) {
          const roots = await db.query<{ id: number }>("select id from orgs where parent_id is null order by id limit 1");
          orgId = roots[0]?.id ?? (await services.orgs.createRootOrg(options.orgName)).id;
        }
        const role: Role = options.admin ? "admin" : (options.role as Role);
        const created = await services.users.createUser(null, {
          username: options.username,
          displayName: options.name ?? options.username,
          password,
          grants: [{ orgId, role }],
        });
        printLine(`已创建用户 ${created.username}（${created.displayName}），角色：${labelRole(role)}，组织编号 ${orgId}`);
      });
    });
  user
    .command("reset-password")
    .description("重置用户密码：生成临时密码（只显示一次），该用户下次登录须先修改密码；管理员忘记密码时也用它")
    .requiredOption("-u, --username <name>", "登录名")
    .addHelpText("after", "\n示例：\n  npx zhenggai user reset-password -u demo_leader")
    .action(async (options: { username: string }) => {
      await withRuntime(async ({ services }) => {
        const { user: reset, temporaryPassword } = await services.users.resetPassword(null, { username: options.username });
        printLine(`已重置 ${reset.username}（${reset.displayName}）的密码，临时密码：${temporaryPassword}`);
        printLine("该用户下次登录须先修改密码；原有登录已全部退出。");
      });
    });
}
