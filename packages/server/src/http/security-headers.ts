// Security headers on every answer (API, web app, API docs): a Content-Security-Policy that the
// built web app and the Swagger UI pass, no framing, no MIME sniffing, no referrer leaving the site,
// and HSTS only when the request came over TLS (directly or through a trusted proxy).
import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * The policy. Scripts only from our origin (Vite emits module scripts, no inline code); styles also
 * inline, because antd writes its CSS-in-JS into <style> elements at run time; images may be data:
 * and blob: URLs (icons, chart exports); nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** One year, the usual HSTS lifetime. */
const HSTS = "max-age=31536000; includeSubDomains";

/** Registers the headers; call before the routes. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Sent below only for TLS requests: over plain HTTP it would be ignored, and on a LAN address it
    // could lock users out of a server that never had a certificate.
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
  });
  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS);
  });
}
