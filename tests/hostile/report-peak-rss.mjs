// Preloaded (`node --import`) into a blogroll child by tests/hostile/support.ts: on exit,
// writes the process's peak resident set size (KB) to $BLOGROLL_TEST_RSS_FILE, so the
// hostile suite can assert that memory stays bounded however big the feed was.
import {writeFileSync} from 'node:fs';

const target = process.env.BLOGROLL_TEST_RSS_FILE;
if (target) {
	process.on('exit', () => {
		writeFileSync(target, String(process.resourceUsage().maxRSS));
	});
}
