import { defineConfig } from "vite";

// The build goes to dist/, which is committed and embedded into the gateway with go:embed, so a
// fresh clone runs the web client with Go alone. The dev server proxies the API to a local
// `fitcoach dev` (FITCOACH_URL, default http://127.0.0.1:8080).
const backend = process.env.FITCOACH_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // Keep every asset a real file: the gateway serves assets/ with an immutable cache header.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      "/v1": backend,
      "/dev": backend,
      "/media": backend,
      "/readyz": backend,
    },
  },
});
