import type { FastifyInstance } from "fastify";
import type { Services } from "../../services/index.ts";
import { authorizeMaintenance } from "../maintenance-access.ts";

/** The audit chain's head and verification, and online backup (administrators, or the CLI with the server's token). */
export function registerMaintenanceRoutes(app: FastifyInstance, services: Services, options: { maintenanceTokenSha256: string | null }): void {
  app.get(
    "/api/audit/head",
    { config: { isPublic: true }, schema: { tags: ["dashboard"], summary: "审计链头（最新一条记录的哈希，可另行留存以备核对；任何已登录用户）" } },
    async (request) => {
      authorizeMaintenance(request, options.maintenanceTokenSha256);
      return { head: await services.audit.getHead() };
    },
  );
  app.get(
    "/api/audit/verify",
    {
      config: { isPublic: true },
      schema: {
        tags: ["dashboard"],
        summary: "校验审计链（管理员）：逐条核对哈希，指出第一处断裂",
        querystring: { type: "object", additionalProperties: false, properties: { anchor: { type: "string", pattern: "^[0-9a-fA-F]{64}$" } } },
      },
    },
    async (request) => {
      const { actor } = authorizeMaintenance(request, options.maintenanceTokenSha256);
      return services.audit.verifyChain(actor, { anchor: (request.query as { anchor?: string }).anchor });
    },
  );
  app.post(
    "/api/backup",
    { config: { isPublic: true }, schema: { tags: ["dashboard"], summary: "在线备份（管理员）：整个数据库及全部佐证材料的 zip 文件，服务无需停止" } },
    async (request, reply) => {
      const { actor } = authorizeMaintenance(request, options.maintenanceTokenSha256);
      const { bytes, manifest } = await services.backup.createBackup(actor);
      const name = `zhenggai-backup-${manifest.createdAt.slice(0, 19).replace(/[:T]/g, "")}.zip`;
      reply.header("content-type", "application/zip");
      reply.header("content-disposition", `attachment; filename="${name}"`);
      return reply.send(Buffer.from(bytes));
    },
  );
}
