import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { AppError } from "./errors.ts";

describe("loadConfig", () => {
  it("defaults to the embedded database on 127.0.0.1:3000 with data in ./data", () => {
    const config = loadConfig({}, "/srv/zg");
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3000, databaseUrl: null, dataDir: "/srv/zg/data", filesDir: "/srv/zg/data/files", logLevel: "warn" });
  });

  it("honours PORT, DATABASE_URL and ZG_DATA_DIR", () => {
    const config = loadConfig({ PORT: "8080", DATABASE_URL: "postgres://u@h/db", ZG_DATA_DIR: "/var/zg" }, "/srv");
    expect(config).toMatchObject({ port: 8080, databaseUrl: "postgres://u@h/db", dataDir: "/var/zg", filesDir: "/var/zg/files" });
  });

  it("reads the proxy trust setting and the owner URL for migrations", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ZG_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ ZG_TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ ZG_TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }).trustProxy).toEqual(["127.0.0.1", "10.0.0.0/8"]);
    const roles = loadConfig({ DATABASE_URL: "postgres://app@h/db", ZG_DATABASE_OWNER_URL: "postgres://owner@h/db" });
    expect(roles).toMatchObject({ databaseUrl: "postgres://app@h/db", databaseOwnerUrl: "postgres://owner@h/db" });
    expect(() => loadConfig({ ZG_DATABASE_OWNER_URL: "postgres://owner@h/db" })).toThrow(/ZG_DATABASE_OWNER_URL/);
    expect(() => loadConfig({ ZG_TRUST_PROXY: "yes please" })).toThrow(/ZG_TRUST_PROXY/);
  });

  it("reports every bad variable at once, in Chinese", () => {
    try {
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", ZG_LOG_LEVEL: "loud", ZG_MAX_UPLOAD_MB: "0" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const message = (error as AppError).message;
      for (const name of ["PORT", "DATABASE_URL", "ZG_LOG_LEVEL", "ZG_MAX_UPLOAD_MB"]) expect(message).toContain(name);
    }
  });

  it("reads SMTP settings only when a host is set, and needs a sender with it", () => {
    expect(loadConfig({}, "/srv").mail).toBeNull();
    const config = loadConfig({ ZG_SMTP_HOST: "smtp.example.cn", ZG_SMTP_FROM: "整改台账 <zg@example.cn>", ZG_SMTP_USER: "zg", ZG_SMTP_PASSWORD: "secret", ZG_PUBLIC_URL: "https://zg.example.cn/" }, "/srv");
    expect(config.mail).toEqual({ host: "smtp.example.cn", port: 587, isSecure: false, user: "zg", password: "secret", from: "整改台账 <zg@example.cn>" });
    expect(config.publicUrl).toBe("https://zg.example.cn");
    expect(() => loadConfig({ ZG_SMTP_HOST: "smtp.example.cn" }, "/srv")).toThrow(/ZG_SMTP_FROM/);
  });
});
