import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Two pages: launch.html starts the SMART authorization, index.html completes it and runs the app.
// fhirclient's package "main" is its Node entry; the app must get the browser entry.
export default defineConfig({
  plugins: [react()],
  // the browsers an EHR embeds all have fetch and URL: skip fhirclient's polyfills
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: {
    alias: [{ find: /^fhirclient$/, replacement: 'fhirclient/lib/entry/browser.js' }],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        launch: resolve(import.meta.dirname, 'launch.html'),
      },
    },
  },
});
