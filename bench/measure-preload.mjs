// Loaded with `node --import` when GNU time is missing: writes the process's own CPU time
// and peak RSS at exit, so that a Node child can still be measured without /usr/bin/time.
import {writeFileSync} from 'node:fs';

const file = process.env.BLOGROLL_BENCH_USAGE_FILE;
if (file) {
	process.once('exit', () => {
		const usage = process.resourceUsage();
		writeFileSync(file, JSON.stringify({cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024}));
	});
}
