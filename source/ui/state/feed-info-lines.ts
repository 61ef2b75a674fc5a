/**
 * The feed info screen as lines (pure): the diagnosis on top, each problem's fix and the
 * key that applies it, then the last fetches. The component shows a window of these lines;
 * the reducer scrolls by their count.
 */
import {displayWidth, graphemes, truncateToWidth} from '../../text/width.js';
import {labelKey} from '../keymap.js';
import type {FeedHealthView} from '../services.js';
import type {Strings} from '../strings.js';
import type {SegmentStyle} from '../components/styled-line.js';

export interface FeedInfoLine {
	readonly text: string;
	readonly style: SegmentStyle;
}

/** Word-wraps one paragraph to `width` columns (display width); long words are cut. */
export function wrapText(text: string, width: number, indent = ''): string[] {
	const room = Math.max(8, width - displayWidth(indent));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter((part) => part !== '')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (displayWidth(candidate) <= room) {
			line = candidate;
			continue;
		}
		if (line !== '') lines.push(line);
		// A url longer than the line is split where it must be.
		let rest = word;
		while (displayWidth(rest) > room) {
			const head = truncateAt(rest, room);
			lines.push(head);
			rest = rest.slice(head.length);
		}
		line = rest;
	}
	if (line !== '') lines.push(line);
	return lines.map((part) => indent + part);
}

function truncateAt(text: string, width: number): string {
	let out = '';
	for (const grapheme of graphemes(text)) {
		if (displayWidth(out + grapheme) > width) break;
		out += grapheme;
	}
	return out;
}

/** The lines of the screen for `info` at `width` columns. */
export function feedInfoLines(info: FeedHealthView, strings: Strings, width: number): FeedInfoLine[] {
	const lines: FeedInfoLine[] = [];
	const add = (text: string, style: SegmentStyle = 'plain', indent = '') => {
		for (const line of wrapText(text, width, indent)) lines.push({text: line, style});
	};
	lines.push({text: truncateToWidth(info.url, width), style: 'dim'});
	add(strings.feedInfoHealth(info.healthText), info.health === 'failing' ? 'error' : 'bold');
	if (info.problems.length === 0) add(strings.feedInfoNoProblem);
	const key = (name: string) => labelKey(name, strings.language);
	for (const problem of info.problems) {
		lines.push({text: '', style: 'plain'});
		const mark = problem.severity === 'error' ? '✗ ' : problem.severity === 'warning' ? '! ' : '· ';
		const [first = '', ...rest] = wrapText(problem.message, width - 2);
		lines.push({text: mark + first, style: problem.severity === 'error' ? 'error' : 'plain'});
		for (const line of rest) lines.push({text: `  ${line}`, style: problem.severity === 'error' ? 'error' : 'plain'});
		add(strings.feedInfoFix(problem.fix.text), 'dim', '  ');
		if (problem.fix.action === 'subscribe' && problem.fix.url !== undefined) add(strings.feedInfoKey(key('s'), strings.feedInfoSubscribeKey(problem.fix.url)), 'accent', '  ');
		if (problem.fix.action === 'remove') add(strings.feedInfoKey(key('d'), strings.feedInfoRemoveKey), 'accent', '  ');
		if (problem.fix.action === 'refresh') add(strings.feedInfoKey(key('r'), strings.feedInfoRefreshKey), 'accent', '  ');
	}
	if (info.trackersRemoved > 0) {
		lines.push({text: '', style: 'plain'});
		add(strings.feedInfoTrackers(String(info.trackersRemoved)));
	}
	lines.push({text: '', style: 'plain'});
	lines.push({text: truncateToWidth(strings.feedInfoAttempts, width), style: 'bold'});
	if (info.attempts.length === 0) add(strings.feedInfoNoAttempts, 'dim', '  ');
	// One line per fetch: the newest are what matters, a cut tail is fine.
	for (const attempt of info.attempts) lines.push({text: truncateToWidth(`  ${attempt}`, width), style: 'plain'});
	return lines;
}
