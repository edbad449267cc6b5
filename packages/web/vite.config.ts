import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves dist/ with an SPA fallback; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The manifest lets the bundle benchmark walk the chunks each page needs.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { "/api": process.env.ZG_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
