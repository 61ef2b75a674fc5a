// Pictures in the reader (issue 19), in a pty (bench/pty.ts) on dist/cli.js: Enter → article
// text with pictures off and on, time to the first picture (a 500 KB JPEG, not cached and
// cached), and the reader's peak RSS with an article of 20 large JPEGs open. Not part of
// `npm run bench`; run by hand after `npm run build`:
//   npx tsx bench/reader-images.ts [runs]
// A server on 127.0.0.1 serves the feed and generated JPEGs (sharp); nothing leaves the machine.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {summarize, type Summary} from './measure.js';
import {photo} from './photos.js';
import {PtySession} from './pty.js';

const RUNS = Number(process.argv[2] ?? 5);
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const COLUMNS = 100;
const ROWS = 30;

const foto = await photo(1100, 800, 95, 1);
const large = await Promise.all(Array.from({length: 20}, (_, index) => photo(3000, 2000, 80, index + 2)));
const paragraph = (word: string) =>
	`<p>${word}: An der Hobelbank zählt Geduld mehr als Kraft. „Erst messen, dann sägen“, sagt die Meisterin, und die Späne fallen dorthin, wo sie hingehören – auf den Boden der Werkstatt, nicht in die Maße.</p>`;
const items = [
	{title: 'Ein Foto aus der Werkstatt', date: 'Fri, 04 Dec 2026 09:00:00 GMT', body: `${paragraph('Werkbankgeschichte')}<p><img src="/foto.jpg" width="1100" height="800" alt="Die Hobelbank im Morgenlicht"></p>${paragraph('Nachsatz')}`},
	{
		title: 'Zwanzig Fotos vom Umbau',
		date: 'Thu, 03 Dec 2026 09:00:00 GMT',
		body: `${paragraph('Umbautagebuch')}${large.map((_, index) => `<p><img src="/gross-${index}.jpg" width="3000" height="2000" alt="Umbau, Tag ${index + 1}"></p>${paragraph(`Tag ${index + 1}`)}`).join('')}`,
	},
];
const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const server = createServer((request, response) => {
	const url = request.url ?? '';
	const match = /^\/gross-(\d+)\.jpg$/.exec(url);
	if (url === '/feed.xml') {
		response.writeHead(200, {'Content-Type': 'application/rss+xml; charset=utf-8'});
		response.end(
			`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Holzwerkstatt Brenneisen</title><link>${origin}/</link><description>Aus der Werkstatt</description>${items
				.map(item => `<item><title>${escapeXml(item.title)}</title><link>${origin}/${encodeURIComponent(item.title)}</link><guid>${origin}/${encodeURIComponent(item.title)}</guid><pubDate>${item.date}</pubDate><description>${escapeXml(item.body)}</description></item>`)
				.join('')}</channel></rss>`,
		);
		return;
	}
	const body = url === '/foto.jpg' ? foto : match ? large[Number(match[1])] : undefined;
	response.writeHead(body ? 200 : 404, {'Content-Type': 'image/jpeg'});
	response.end(body ?? '');
});
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const home = mkdtempSync(join(tmpdir(), 'blogroll-bench-reader-images-'));
function configure(images: 'auto' | 'off'): void {
	writeFileSync(
		join(home, 'config.json'),
		`${JSON.stringify({settings: {images}, subscriptions: [{url: `${origin}/feed.xml`, title: null, tags: [], fullArticle: false, addedAt: '2026-12-01T08:00:00.000Z'}], views: [], ignore: []}, null, '\t')}\n`,
	);
}
configure('off');
// Asynchronous: the server in this process answers the refresh.
await promisify(execFile)(process.execPath, [CLI, 'refresh'], {env: {...process.env, BLOGROLL_HOME: home, HOME: home}});

interface Run {
	readonly textMs: number | null;
	readonly pictureMs: number | null;
	readonly peakRssMb: number | null;
}

/**
 * One reader: the feed's entries, `j` × `down`, Enter; times from Enter to the article's
 * text (`word`) and to the first picture cell (half-blocks, or kitty placeholders); then,
 * once nothing was drawn for 3 s, the reader's peak RSS.
 */
async function openArticle(word: string, down: number, env: NodeJS.ProcessEnv = {}): Promise<Run> {
	const session = new PtySession(['node', CLI], {columns: COLUMNS, rows: ROWS, env: {BLOGROLL_HOME: home, HOME: home, COLORTERM: 'truecolor', ...env}});
	try {
		if ((await session.waitFor(text => text.includes('Holzwerkstatt'), 20_000)) === null) return {textMs: null, pictureMs: null, peakRssMb: null};
		session.press('\r');
		await session.waitFor(text => text.includes('Zwanzig Fotos'), 10_000);
		for (let step = 0; step < down; step++) session.press('j');
		await new Promise(resolve => setTimeout(resolve, 300));
		session.mark();
		const enter = session.press('\r');
		const text = await session.waitFor(drawn => drawn.includes(word), 10_000);
		const picture = await session.waitFor(drawn => drawn.includes('▀') || drawn.includes('\u{10EEEE}'), 30_000);
		await session.nextBurst(3_000, 30_000);
		const peakRssMb = session.peakRssMb();
		session.press('qqq');
		await session.waitFor(() => session.exited, 3_000);
		return {textMs: text ? text.atMs - enter : null, pictureMs: picture ? picture.atMs - enter : null, peakRssMb};
	} finally {
		await session.close();
	}
}

const show = (summary: Summary | null, unit: string) => (summary ? `${summary.median.toFixed(0)} ${unit} (${summary.min.toFixed(0)}–${summary.max.toFixed(0)}, ${summary.runs} runs)` : 'n/a');
const load = loadavg()[0]!.toFixed(1);

const off: Run[] = [];
const uncached: Run[] = [];
const cached: Run[] = [];
const kitty: Run[] = [];
for (let run = 0; run < RUNS; run++) {
	configure('off');
	off.push(await openArticle('Werkbankgeschichte', 0));
	configure('auto');
	rmSync(join(home, 'images'), {recursive: true, force: true});
	uncached.push(await openArticle('Werkbankgeschichte', 0));
	cached.push(await openArticle('Werkbankgeschichte', 0));
	kitty.push(await openArticle('Werkbankgeschichte', 0, {BLOGROLL_IMAGES: 'kitty', TERM: 'xterm-kitty'}));
}
const twentyOff: Run[] = [];
const twenty: Run[] = [];
for (let run = 0; run < Math.min(RUNS, 3); run++) {
	configure('off');
	twentyOff.push(await openArticle('Umbautagebuch', 1));
	configure('auto');
	rmSync(join(home, 'images'), {recursive: true, force: true});
	twenty.push(await openArticle('Umbautagebuch', 1));
}
server.close();
rmSync(home, {recursive: true, force: true});

console.log(`reader ${COLUMNS}×${ROWS}, load average ${load} at the start`);
console.log(`Enter → article text, images off: ${show(summarize(off.map(run => run.textMs)), 'ms')}`);
console.log(`Enter → article text, images auto: ${show(summarize(uncached.map(run => run.textMs)), 'ms')}`);
console.log(`Enter → first picture (${(foto.length / 1024).toFixed(0)} KB JPEG), not cached, half-blocks: ${show(summarize(uncached.map(run => run.pictureMs)), 'ms')}`);
console.log(`Enter → first picture, disk cache, half-blocks: ${show(summarize(cached.map(run => run.pictureMs)), 'ms')}`);
console.log(`Enter → first picture, disk cache, kitty placeholders: ${show(summarize(kitty.map(run => run.pictureMs)), 'ms')}`);
console.log(`20 JPEGs of 3000×2000 open, peak RSS: images off ${show(summarize(twentyOff.map(run => run.peakRssMb)), 'MB')}, auto ${show(summarize(twenty.map(run => run.peakRssMb)), 'MB')}`);
