/**
 * A text summary of a V8 `.cpuprofile` (from `node --cpu-prof`): total sampled time, the
 * functions with the most self time, and self time per source file, which is usually
 * enough to name the cause without opening a profiler UI.
 */
import {readFileSync} from 'node:fs';

interface ProfileNode {
	readonly id: number;
	readonly callFrame: {readonly functionName: string; readonly url: string; readonly lineNumber: number};
}

interface CpuProfile {
	readonly nodes: readonly ProfileNode[];
	readonly samples: readonly number[];
	readonly timeDeltas: readonly number[];
}

function shortUrl(url: string, parts: number): string {
	return url.replace(/^file:\/\//, '').split('/').slice(-parts).join('/');
}

export function summarizeProfile(file: string, top = 20): string {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const nodes = new Map(profile.nodes.map(node => [node.id, node]));
	const byFunction = new Map<string, number>();
	const byFile = new Map<string, number>();
	let total = 0;
	let idle = 0;
	profile.samples.forEach((id, index) => {
		const micros = profile.timeDeltas[index] ?? 0;
		const frame = nodes.get(id)?.callFrame;
		if (!frame) return;
		total += micros;
		if (frame.functionName === '(idle)') idle += micros;
		const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url, 2)}:${frame.lineNumber + 1}` : ''}`.trim();
		byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
		// Chunks of the bundle are one file each; node_modules paths say which package.
		const where = frame.url ? shortUrl(frame.url, 2) : frame.functionName;
		byFile.set(where, (byFile.get(where) ?? 0) + micros);
	});
	const rows = (map: Map<string, number>) =>
		[...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => `${(micros / 1000).toFixed(0).padStart(7)} ms ${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
	return [
		`sampled ${(total / 1000).toFixed(0)} ms, of which idle ${(idle / 1000).toFixed(0)} ms`,
		'self time by function:',
		...rows(byFunction),
		'self time by file:',
		...rows(byFile).slice(0, 12),
	].join('\n');
}
