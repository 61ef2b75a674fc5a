/**
 * Interactive workloads in a pseudo-terminal (see pty.ts for the method):
 *   first frame — from spawning the program until the feed list is drawn, and the
 *                 program's peak RSS at that moment (blogroll, and newsboat on the same feeds);
 *   keypress    — `j` in a long entry list: time from writing the key to the first and to
 *                 the last chunk of the frame it causes;
 *   open        — Enter on an entry: time until the article's text is drawn.
 */
import {summarize, type Summary} from './measure.js';
import {PtySession} from './pty.js';

const COLUMNS = 100;
const ROWS = 30;

/** A feed title as the generated blogs have them: "Owner – Trade #N". */
const FEED_TITLE = /– [^\n]{3,60}#\d+/;

/** Words of article bodies that no list row shows (titles never contain them). */
const BODY_WORDS = ['Klientinnen', 'Selbstständige', 'Überstunden', 'Zielgruppe', 'Steuererklärung', 'Gründerinnen', 'Honorar', 'Folien', 'productivity', 'Bookkeeping is', 'facilitation is', 'proposal that', 'Raising your', 'discovery call —'];

export interface FirstFrameFigure {
	readonly wallMs: Summary | null;
	readonly peakRssMb: Summary | null;
	/** Runs that never drew the feed list within the time limit. */
	readonly timeouts: number;
}

export interface FirstFrameOptions {
	readonly command: readonly string[];
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	readonly runs: number;
	readonly timeoutMs: number;
	/** Keys that end the program politely. */
	readonly quitKeys: string;
}

/** Time to first frame of the feed list, `runs` times. */
export async function measureFirstFrame(options: FirstFrameOptions): Promise<FirstFrameFigure> {
	const walls: number[] = [];
	const rss: (number | null)[] = [];
	let timeouts = 0;
	for (let run = 0; run < options.runs; run++) {
		const session = new PtySession(options.command, {columns: COLUMNS, rows: ROWS, env: options.env, cwd: options.cwd});
		try {
			const seen = await session.waitFor(text => FEED_TITLE.test(text), options.timeoutMs);
			if (seen === null) {
				timeouts++;
				continue;
			}
			walls.push(seen.atMs);
			rss.push(session.peakRssMb());
			session.press(options.quitKeys);
			await session.waitFor(() => session.exited, 3_000);
		} finally {
			await session.close();
		}
	}
	return {wallMs: summarize(walls), peakRssMb: summarize(rss), timeouts};
}

export interface InteractionFigure {
	/** Key written → first chunk of the new frame. */
	readonly keyToFirstChunkMs: Summary | null;
	/** Key written → last chunk of that frame (nothing more for 40 ms). */
	readonly keyToFrameMs: Summary | null;
	/** Enter on an entry → the article's text on screen. */
	readonly openArticleMs: Summary | null;
	/** Size of the list moved in (the "Unread" view). */
	readonly listSize: number;
	readonly note: string | null;
}

/**
 * Moves down a long list and opens articles in blogroll: the profile's "Unread" view
 * (the second row of the feed list) holds half the cache.
 */
export async function measureReaderInteraction(command: readonly string[], env: NodeJS.ProcessEnv, listSize: number, moves: number, opens: number): Promise<InteractionFigure> {
	const session = new PtySession(command, {columns: COLUMNS, rows: ROWS, env});
	const first: number[] = [];
	const frame: number[] = [];
	const open: number[] = [];
	try {
		if ((await session.waitFor(text => FEED_TITLE.test(text), 60_000)) === null) {
			return {keyToFirstChunkMs: null, keyToFrameMs: null, openArticleMs: null, listSize, note: 'the feed list never appeared'};
		}
		// Let the start-up settle (a late frame would be counted as the first key's).
		await session.nextBurst(300, 1_000);
		session.press('j');
		await session.nextBurst(100, 5_000);
		session.mark();
		session.press('\r');
		if ((await session.waitFor(text => text.includes('› Unread'), 30_000)) === null) {
			return {keyToFirstChunkMs: null, keyToFrameMs: null, openArticleMs: null, listSize, note: 'the Unread view never opened'};
		}
		await session.nextBurst(300, 2_000);
		for (let move = 0; move < moves; move++) {
			const at = session.press('j');
			const burst = await session.nextBurst(40, 5_000);
			if (burst === null) continue;
			first.push(burst.first - at);
			frame.push(burst.last - at);
		}
		for (let index = 0; index < opens; index++) {
			session.mark();
			const at = session.press('\r');
			const seen = await session.waitFor(text => BODY_WORDS.some(word => text.includes(word)), 30_000);
			if (seen !== null) open.push(seen.atMs - at);
			await session.nextBurst(200, 1_000);
			session.press('q');
			await session.nextBurst(200, 5_000);
			session.press('j');
			await session.nextBurst(100, 5_000);
		}
	} finally {
		session.press('q');
		await session.close();
	}
	return {
		keyToFirstChunkMs: summarize(first),
		keyToFrameMs: summarize(frame),
		openArticleMs: summarize(open),
		listSize,
		note: open.length < opens ? `${opens - open.length} of ${opens} articles never showed their text` : null,
	};
}
