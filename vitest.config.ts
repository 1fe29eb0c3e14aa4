import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Every finding code some test produces is logged; a full run fails for a code none produces.
    setupFiles: ['test/support/findingCodeLog.ts'],
    globalSetup: ['test/support/findingCoverage.ts'],
  },
});
