import {describe, expect, it} from 'vitest';
import {blockColors, detectProtocol, detectReaderProtocol} from '../../source/images/detect.js';
import {parseCellSize, parsePassthrough} from '../../source/images/terminal-info.js';

describe('detectProtocol', () => {
	const cases: [string, Record<string, string>, ReturnType<typeof detectProtocol>][] = [
		['kitty by its window id', {TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1'}, 'kitty'],
		['kitty by TERM alone', {TERM: 'xterm-kitty'}, 'kitty'],
		['Ghostty speaks kitty', {TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty'}, 'kitty'],
		['iTerm2 by its session id', {TERM: 'xterm-256color', ITERM_SESSION_ID: 'w0t0p0:ABC'}, 'iterm'],
		['iTerm2 by TERM_PROGRAM', {TERM_PROGRAM: 'iTerm.app'}, 'iterm'],
		['WezTerm takes iTerm2 images', {TERM_PROGRAM: 'WezTerm'}, 'iterm'],
		['foot draws sixel', {TERM: 'foot'}, 'sixel'],
		['mlterm draws sixel', {TERM: 'mlterm'}, 'sixel'],
		['Windows Terminal draws sixel', {WT_SESSION: 'abc'}, 'sixel'],
		['a plain xterm gets blocks', {TERM: 'xterm-256color', COLORTERM: 'truecolor'}, 'blocks'],
		['no TERM at all gets blocks', {}, 'blocks'],
		['kitty inside tmux: blocks (no passthrough)', {TERM: 'tmux-256color', TMUX: '/tmp/tmux-1000/default,1,0', KITTY_WINDOW_ID: '1'}, 'blocks'],
		['iTerm2 inside screen: blocks', {TERM: 'screen-256color', STY: '1.pts', ITERM_SESSION_ID: 'x'}, 'blocks'],
		['NO_COLOR: blocks (in greys)', {TERM: 'xterm-kitty', NO_COLOR: '1'}, 'blocks'],
		['BLOGROLL_IMAGES overrides detection', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'sixel'}, 'sixel'],
		['BLOGROLL_IMAGES=off turns pictures off', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'OFF'}, 'off'],
		['an unknown BLOGROLL_IMAGES value is ignored', {TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'retina'}, 'kitty'],
	];
	for (const [name, env, expected] of cases) it(`${name}`, () => expect(detectProtocol(env)).toBe(expected));

	it('a chosen protocol (flag or setting) wins over the environment; auto detects', () => {
		expect(detectProtocol({TERM: 'xterm-kitty', BLOGROLL_IMAGES: 'sixel'}, 'blocks')).toBe('blocks');
		expect(detectProtocol({TERM: 'xterm-kitty'}, 'auto')).toBe('kitty');
	});
});

describe('blockColors', () => {
	it('is 24-bit only where COLORTERM says so, greys under NO_COLOR, else 256 colours', () => {
		expect(blockColors({COLORTERM: 'truecolor'})).toBe('truecolor');
		expect(blockColors({COLORTERM: '24bit'})).toBe('truecolor');
		expect(blockColors({TERM: 'xterm-256color'})).toBe('256');
		expect(blockColors({COLORTERM: 'truecolor', NO_COLOR: '1'})).toBe('grey');
	});
});

describe('detectReaderProtocol (the reader, inside tmux and screen)', () => {
	const TMUX = {TMUX: '/tmp/tmux-1000/default,4711,0', TERM: 'tmux-256color', TERM_PROGRAM: 'tmux'};
	type Row = [string, Record<string, string>, 'auto' | 'kitty' | 'iterm' | 'sixel' | 'blocks' | null, boolean, string, boolean];
	const cases: Row[] = [
		// name, env, chosen (flag/setting), tmux allow-passthrough, protocol, wrapped for tmux
		['outside a multiplexer: as detectProtocol (kitty)', {TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1'}, null, false, 'kitty', false],
		['outside a multiplexer: iTerm2', {TERM_PROGRAM: 'iTerm.app'}, 'auto', false, 'iterm', false],
		['outside a multiplexer: sixel in foot', {TERM: 'foot'}, null, false, 'sixel', false],
		['kitty outside tmux, passthrough on: kitty, wrapped', {...TMUX, KITTY_WINDOW_ID: '3'}, null, true, 'kitty', true],
		['Ghostty outside tmux, passthrough on: kitty, wrapped', {...TMUX, GHOSTTY_RESOURCES_DIR: '/usr/share/ghostty'}, 'auto', true, 'kitty', true],
		['kitty outside tmux, passthrough off: blocks', {...TMUX, KITTY_WINDOW_ID: '3'}, null, false, 'blocks', false],
		['iTerm2 outside tmux, passthrough on: blocks (positions do not pass)', {...TMUX, LC_TERMINAL: 'iTerm2', ITERM_SESSION_ID: 'w0'}, null, true, 'blocks', false],
		['an unknown terminal outside tmux: blocks', TMUX, null, true, 'blocks', false],
		['tmux known by TERM alone', {TERM: 'tmux-256color', KITTY_WINDOW_ID: '3'}, null, true, 'kitty', true],
		['BLOGROLL_IMAGES=kitty in tmux with passthrough', {...TMUX, BLOGROLL_IMAGES: 'kitty'}, null, true, 'kitty', true],
		['BLOGROLL_IMAGES=kitty in tmux without passthrough: blocks', {...TMUX, BLOGROLL_IMAGES: 'kitty'}, null, false, 'blocks', false],
		['BLOGROLL_IMAGES=sixel in tmux: blocks', {...TMUX, BLOGROLL_IMAGES: 'sixel'}, null, true, 'blocks', false],
		['the imageProtocol setting wins over BLOGROLL_IMAGES', {...TMUX, BLOGROLL_IMAGES: 'blocks', KITTY_WINDOW_ID: '3'}, 'kitty', true, 'kitty', true],
		['the setting iterm in tmux: blocks', {...TMUX}, 'iterm', true, 'blocks', false],
		['BLOGROLL_IMAGES=off in tmux: off', {...TMUX, BLOGROLL_IMAGES: 'off', KITTY_WINDOW_ID: '3'}, null, true, 'off', false],
		['NO_COLOR in tmux: blocks (greys)', {...TMUX, KITTY_WINDOW_ID: '3', NO_COLOR: '1'}, null, true, 'blocks', false],
		['inside screen: blocks, even from kitty', {TERM: 'screen-256color', STY: '4711.pts-0.host', KITTY_WINDOW_ID: '3'}, null, true, 'blocks', false],
		['inside screen, kitty chosen: blocks', {TERM: 'screen', STY: '4711.pts-0.host'}, 'kitty', true, 'blocks', false],
	];
	for (const [name, env, chosen, tmuxPassthrough, protocol, tmux] of cases) {
		it(name, () => expect(detectReaderProtocol(env, chosen, {tmuxPassthrough})).toEqual({protocol, tmux}));
	}

	it('reads tmux’s allow-passthrough answer: on and all allow, off and errors do not', () => {
		expect(parsePassthrough('on\n')).toBe(true);
		expect(parsePassthrough('all\n')).toBe(true);
		expect(parsePassthrough('off\n')).toBe(false);
		expect(parsePassthrough('')).toBe(false);
		expect(parsePassthrough('invalid option: allow-passthrough\n')).toBe(false);
	});

	it('reads the cell size from the terminal’s answer, ignoring the device attributes around it', () => {
		expect(parseCellSize('\u001B[6;17;8t\u001B[?62;4;22c')).toEqual({width: 8, height: 17});
		expect(parseCellSize('\u001B[?62;4;22c')).toBeNull();
		expect(parseCellSize('\u001B[6;0;0t\u001B[?1;2c')).toBeNull();
	});
});
