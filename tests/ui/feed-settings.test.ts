import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createFakeServices} from './fake-services.js';
import {linesOf, press, renderReader, waitForFrame, type Instance} from './helpers.js';

afterEach(() => {
	cleanup();
});

/** Moves the feeds selection down to the first row containing `text`. */
async function selectRow(instance: Instance, text: string): Promise<void> {
	const lines = linesOf(await waitForFrame(instance, text));
	const row = lines.findIndex(line => line.includes(text)) - 1;
	await press(instance, ...Array.from({length: row}, () => 'j'));
	await waitForFrame(instance, current => linesOf(current).some(line => line.startsWith('›') && line.includes(text)));
}

describe('the feed settings overlay (S)', () => {
	test('pauses a feed with Enter, and the feeds list marks it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'S');
		const overlay = await waitForFrame(instance, 'Einstellungen von „Schreibstube Süß“');
		expect(overlay).toMatch(/› Pausiert +aus \(Vorgabe\)/);
		expect(overlay).toMatch(/Aktualisieren alle +30m \(Vorgabe\)/);
		expect(overlay).toMatch(/Zeichensatz +erkannt \(Vorgabe\)/);
		await press(instance, 'enter');
		const paused = await waitForFrame(instance, 'Pausiert: an');
		expect(paused).toMatch(/› Pausiert +an/);
		expect(services.calls.setFeedSetting).toEqual([{id: 5, name: 'paused', value: 'on'}]);
		// A refused value is worded in German too.
		await press(instance, 'j', 'j', 'enter');
		await waitForFrame(instance, 'Minuten, oder wie 2h, 1d');
		await press(instance, 'bald', 'enter');
		await waitForFrame(instance, 'Intervall: 1 bis 10080 Minuten (oder wie 2h, 1d), nicht „bald“');
		await press(instance, 'k', 'k');
		await waitForFrame(instance, text => /› Pausiert/.test(text));
		await press(instance, 'q');
		const feeds = await waitForFrame(instance, text => !text.includes('Einstellungen von'));
		expect(linesOf(feeds).find(line => line.includes('Schreibstube Süß'))).toContain('· pausiert');
	});

	test('edits the interval in the prompt, refuses a bad value in one line, and x resets it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {language: 'en'});
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'S');
		await waitForFrame(instance, 'Settings of “Schreibstube Süß”');
		await press(instance, 'j', 'j', 'enter');
		const prompt = await waitForFrame(instance, 'Minutes, or like 2h, 1d');
		// Following the default, the prompt starts empty: what is typed never glues to "30m".
		expect(prompt).toMatch(/Refresh every: *[█_]?\s*$/m);
		await press(instance, '2h', 'enter');
		const saved = await waitForFrame(instance, 'Refresh every: 2h');
		expect(saved).toMatch(/› Refresh every +2h\s*$/m);
		await press(instance, 'enter', 'backspace', 'backspace', 'bald', 'enter');
		const refused = await waitForFrame(instance, 'interval must be minutes between 1 and 10080');
		expect(refused).toContain('Settings of “Schreibstube Süß”');
		expect(refused).toMatch(/› Refresh every +2h/);
		await press(instance, 'x');
		const reset = await waitForFrame(instance, 'Refresh every: back to the default');
		expect(reset).toMatch(/› Refresh every +30m \(default\)/);
	});

	test('writes a note for the published blogroll in the prompt; Enter on an empty line removes it', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services);
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'S');
		const overlay = await waitForFrame(instance, 'Einstellungen von „Schreibstube Süß“');
		expect(overlay).toMatch(/Notiz in der veröffentlichten Blogroll +keine \(Vorgabe\)/);
		await press(instance, 'G', 'enter');
		await waitForFrame(instance, 'Eine Zeile neben dem Feed in blogroll export --blogroll');
		await press(instance, 'Schreibt über „gute Sätze“', 'enter');
		const saved = await waitForFrame(instance, 'Notiz in der veröffentlichten Blogroll: Schreibt über „gute Sätze“');
		expect(saved).toMatch(/› Notiz in der veröffentlichten Blogroll +Schreibt über „gute Sätze“\s*$/m);
		expect(services.calls.setFeedSetting).toEqual([{id: 5, name: 'note', value: 'Schreibt über „gute Sätze“'}]);
		// The prompt starts from the note, so that it can be edited; emptied, the note goes.
		await press(instance, 'enter');
		await waitForFrame(instance, text => /Notiz in der veröffentlichten Blogroll: Schreibt über „gute Sätze“/.test(text) && text.includes('Eine Zeile neben dem Feed'));
		await press(instance, 'ctrl+u', 'enter');
		const removed = await waitForFrame(instance, 'zurück zur Vorgabe');
		expect(removed).toMatch(/› Notiz in der veröffentlichten Blogroll +keine \(Vorgabe\)/);
	});

	test('Esc in the prompt goes back to the settings unchanged; the help lists S', async () => {
		const services = createFakeServices();
		const {instance} = await renderReader(services, {language: 'en'});
		await press(instance, '?', 'G');
		expect(await waitForFrame(instance, 'The feed’s settings (interval, paused …)')).toMatch(/ S +The feed’s settings/);
		await press(instance, 'q');
		await selectRow(instance, 'Schreibstube Süß');
		await press(instance, 'S');
		await waitForFrame(instance, 'Settings of “Schreibstube Süß”');
		await press(instance, 'G', 'k', 'enter');
		await waitForFrame(instance, 'Charset: ');
		await press(instance, 'macintosh', 'escape');
		const back = await waitForFrame(instance, text => text.includes('Settings of') && !text.includes('Charset: '));
		expect(back).toMatch(/› Charset +detected \(default\)/);
		expect(services.calls.setFeedSetting).toEqual([]);
	});
});
