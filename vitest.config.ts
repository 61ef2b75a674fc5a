import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.{ts,tsx}'],
		// The machines are shared 2-core boxes: keep the pool small and the timeouts generous.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 20_000,
		hookTimeout: 30_000,
		// Ink renders only a final frame under CI=true; the reader tests drive a live,
		// interactive Ink (as the reader itself runs: see source/commands/reader.ts).
		// TZ: the entries column writes local times (09:55 for today); tests expect them in UTC.
		// BLOGROLL_OUTER_CI: whether this is a CI run after all (tests that must not skip there read it: tt-rss, Syncthing).
		env: {CI: 'false', CONTINUOUS_INTEGRATION: 'false', TZ: 'UTC', BLOGROLL_OUTER_CI: process.env['CI'] ?? ''},
	},
});
