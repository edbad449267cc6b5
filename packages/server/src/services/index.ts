import { todayInShanghai } from "@zhenggai/core";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { FileStore } from "../files/file-store.ts";
import { attachAuthCache } from "./auth-cache.ts";
import { AuthService } from "./auth.service.ts";
import { BackupService } from "./backup.service.ts";
import { ClosureService } from "./closure.service.ts";
import { DashboardService } from "./dashboard.service.ts";
import { DemoService } from "./demo.service.ts";
import { ExportService } from "./export.service.ts";
import { FindingService } from "./finding.service.ts";
import { InspectionService } from "./inspection.service.ts";
import { LedgerImportService } from "./ledger-import.service.ts";
import { MeasureService } from "./measure.service.ts";
import { NoticeService } from "./notice.service.ts";
import { OrgService } from "./org.service.ts";
import { RegisterService } from "./register.service.ts";
import { ScaleDemoService } from "./scale-demo.service.ts";
import { UserService } from "./user.service.ts";
import { defaultWorkerCount } from "../config.ts";
import { WorkerPool } from "../workers/worker-pool.ts";

/** Every use case of the app, built once by the composition root and shared by HTTP and CLI. */
export interface Services {
  db: Database;
  files: FileStore;
  auth: AuthService;
  backup: BackupService;
  orgs: OrgService;
  users: UserService;
  inspections: InspectionService;
  findings: FindingService;
  measures: MeasureService;
  closures: ClosureService;
  registers: RegisterService;
  notices: NoticeService;
  dashboard: DashboardService;
  demo: DemoService;
  scaleDemo: ScaleDemoService;
  imports: LedgerImportService;
  exports: ExportService;
  /** Worker threads for CPU-heavy work (exports); idle threads stop by themselves. */
  workers: WorkerPool;
}

/** Builds the services over one database; `now` is injectable so time-based rules are testable. */
export function createServices(
  db: Database,
  config: Pick<Config, "filesDir" | "sessionTtlHours" | "yellowDays"> & Partial<Pick<Config, "authCacheSeconds" | "workers">>,
  now: () => Date = () => new Date(),
): Services {
  const today = (): string => todayInShanghai(now());
  attachAuthCache(db, (config.authCacheSeconds ?? 5) * 1000);
  // On PostgreSQL several processes may serve the same data: evidence bytes are shared through it.
  const files = new FileStore(config.filesDir, db.kind === "postgres" ? db : null);
  const workers = new WorkerPool({ size: config.workers ?? defaultWorkerCount() });
  const services: Services = {
    db,
    files,
    auth: new AuthService(db, { sessionTtlHours: config.sessionTtlHours, now }),
    backup: new BackupService(db, files, now),
    orgs: new OrgService(db),
    users: new UserService(db),
    inspections: new InspectionService(db),
    findings: new FindingService(db, today),
    measures: new MeasureService(db, files, today),
    closures: new ClosureService(db, today),
    registers: new RegisterService(db),
    notices: new NoticeService(db, now),
    dashboard: new DashboardService(db, today, config.yellowDays),
    demo: undefined as unknown as DemoService,
    scaleDemo: new ScaleDemoService(db, files, today),
    imports: new LedgerImportService(db, today),
    exports: new ExportService(db, today, workers),
    workers,
  };
  services.demo = new DemoService(services, today);
  return services;
}
