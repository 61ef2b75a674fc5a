import {describe, expect, test} from 'vitest';
import {bindingsFor, hintsFor, KEYMAP, resolveCommand} from '../../source/ui/keymap.js';

describe('resolveCommand', () => {
	test('vim keys and arrow keys move alike', () => {
		expect(resolveCommand('j', {}, 'entries')).toBe('down');
		expect(resolveCommand('', {downArrow: true}, 'entries')).toBe('down');
		expect(resolveCommand('k', {}, 'feeds')).toBe('up');
		expect(resolveCommand('', {upArrow: true}, 'feeds')).toBe('up');
		expect(resolveCommand('G', {shift: true} as never, 'entries')).toBe('bottom');
		expect(resolveCommand('', {end: true}, 'entries')).toBe('bottom');
		expect(resolveCommand(' ', {}, 'article')).toBe('pageDown');
		expect(resolveCommand('b', {}, 'article')).toBe('pageUp');
	});

	test('q quits on the feeds screen and goes back everywhere else', () => {
		expect(resolveCommand('q', {}, 'feeds')).toBe('quit');
		expect(resolveCommand('q', {}, 'welcome')).toBe('quit');
		expect(resolveCommand('q', {}, 'entries')).toBe('back');
		expect(resolveCommand('q', {}, 'article')).toBe('back');
		expect(resolveCommand('q', {}, 'help')).toBe('back');
	});

	test('Escape, h and left arrow go back but never quit', () => {
		expect(resolveCommand('', {escape: true}, 'article')).toBe('back');
		expect(resolveCommand('h', {}, 'entries')).toBe('back');
		expect(resolveCommand('', {leftArrow: true}, 'entries')).toBe('back');
		expect(resolveCommand('', {escape: true}, 'feeds')).toBeNull();
	});

	test('Enter, l and right arrow open', () => {
		expect(resolveCommand('', {return: true}, 'feeds')).toBe('open');
		expect(resolveCommand('l', {}, 'entries')).toBe('open');
		expect(resolveCommand('', {rightArrow: true}, 'entries')).toBe('open');
	});

	test('digits type a link number only in the article and the link list', () => {
		expect(resolveCommand('3', {}, 'article')).toBe('typeDigit');
		expect(resolveCommand('3', {}, 'links')).toBe('typeDigit');
		expect(resolveCommand('3', {}, 'entries')).toBeNull();
	});

	test('Ctrl-L redraws and a plain l does not', () => {
		expect(resolveCommand('l', {ctrl: true}, 'article')).toBe('redraw');
		expect(resolveCommand('l', {}, 'article')).toBeNull();
	});

	test('the remove question takes only its own language’s yes; n or Escape keeps the feed', () => {
		expect(resolveCommand('y', {}, 'confirm', 'en')).toBe('confirm');
		expect(resolveCommand('j', {}, 'confirm', 'en')).toBeNull();
		expect(resolveCommand('j', {}, 'confirm', 'de')).toBe('confirm');
		expect(resolveCommand('y', {}, 'confirm', 'de')).toBeNull();
		for (const language of ['en', 'de'] as const) {
			expect(resolveCommand('n', {}, 'confirm', language)).toBe('back');
			expect(resolveCommand('', {escape: true}, 'confirm', language)).toBe('back');
			expect(resolveCommand('d', {}, 'confirm', language)).toBeNull();
		}
		// Elsewhere `j` is down in both languages.
		expect(resolveCommand('j', {}, 'feeds', 'de')).toBe('down');
	});

	test('a carriage return split out of fast typing is still Enter', () => {
		expect(resolveCommand('\r', {}, 'entries')).toBe('open');
	});

	test('a pasted string is not a key', () => {
		expect(resolveCommand('jjj', {}, 'entries')).toBeNull();
	});
});

describe('the keymap table', () => {
	test('every key of the issue is bound somewhere', () => {
		const keys = new Set(KEYMAP.flatMap(binding => binding.keys));
		for (const key of ['j', 'k', 'down', 'up', 'g', 'G', 'home', 'end', 'pagedown', 'pageup', 'space', 'b', 'return', 'l', 'right', 'q', 'escape', 'h', 'left', 'n', 'N', 'm', 'A', 's', 'o', 'r', 'R', 'a', 'd', '?', 'ctrl+l', 'f', ']', '[']) {
			expect(keys, key).toContain(key);
		}
	});

	test('no key means two things in the same context', () => {
		const contexts = [...new Set(KEYMAP.flatMap(binding => binding.contexts))];
		for (const context of contexts) {
			const seen = new Map<string, string>();
			for (const binding of KEYMAP.filter(row => row.contexts.includes(context))) {
				for (const key of binding.keys) {
					const earlier = seen.get(key);
					expect(earlier === undefined || earlier === binding.command, `${context}: ${key} is ${earlier} and ${binding.command}`).toBe(true);
					seen.set(key, binding.command);
				}
			}
		}
	});

	test('status hints come from the table and differ per screen', () => {
		const feedHints = hintsFor('feeds').map(hint => hint.command);
		const articleHints = hintsFor('article').map(hint => hint.command);
		expect(feedHints).toContain('addFeed');
		expect(feedHints).toContain('quit');
		expect(articleHints).toContain('toggleFull');
		expect(articleHints).not.toContain('addFeed');
	});

	test('help for a screen lists each command once', () => {
		const commands = bindingsFor('article').map(binding => binding.command);
		expect(new Set(commands).size).toBe(commands.length);
		expect(commands).toContain('nextQuestion');
	});
});
