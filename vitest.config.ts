import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { kommuneMapPlugin } from './renderer/map/kommune-map.plugin';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['common/**/*.test.ts', 'db/**/*.test.ts', 'server/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'cli/**/*.test.ts', 'host/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/map/**/*.test.ts'],
        },
      },
      {
        plugins: [react(), kommuneMapPlugin()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/src/**/*.test.tsx', 'renderer/src/**/*.test.ts'],
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
    ],
  },
});
