import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The Tauri shell loads ui/dist; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [
    vue(),
    // Each <el-…> tag and v-loading imports its own component and stylesheet, so the page loads
    // only the Element Plus parts the templates use instead of the whole library and all its CSS
    // (docs/benchmarks.md). Types still come from element-plus/global.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
