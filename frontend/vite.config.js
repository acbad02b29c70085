import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

// Built into the Python package: src/lagebild/web/static (served by `lagebild serve`).
export default defineConfig({
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../src/lagebild/web/static", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // stable file names: a rebuild without source changes leaves the committed files unchanged
    rollupOptions: { output: { entryFileNames: "assets/app.js", chunkFileNames: "assets/[name].js", assetFileNames: "assets/[name][extname]" } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
});
