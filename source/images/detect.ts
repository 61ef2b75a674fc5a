import type {BlockColors, ImageProtocol} from './types.js';

/** The environment variables detection reads (process.env or a test's table). */
export type ImageEnv = Readonly<Record<string, string | undefined>>;

const PROTOCOLS: readonly ImageProtocol[] = ['kitty', 'iterm', 'sixel', 'blocks', 'off'];

/** `kitty`, `iterm`, `sixel`, `blocks`, `off`; anything else (`auto`, typos) is null. */
export function parseProtocol(value: string | undefined | null): ImageProtocol | null {
	const lower = value?.trim().toLowerCase();
	return PROTOCOLS.find(protocol => protocol === lower) ?? null;
}

/**
 * Which protocol draws pictures here. A choice the user made (a flag or a setting, not
 * `auto`) wins, then `BLOGROLL_IMAGES`, then the terminal's own variables. Pure: the
 * environment comes in, no device query is sent (answers would land in the key input).
 *
 * Inside tmux or screen the graphics sequences would need passthrough, which is off by
 * default in both; half-blocks work there always, so auto-detection says blocks. NO_COLOR
 * also means blocks (drawn in greys, see blockColors).
 */
export function detectProtocol(env: ImageEnv, chosen: ImageProtocol | 'auto' | null = null): ImageProtocol {
	if (chosen !== null && chosen !== 'auto') return chosen;
	const fromEnv = parseProtocol(env['BLOGROLL_IMAGES']);
	if (fromEnv !== null) return fromEnv;
	if ((env['NO_COLOR'] ?? '') !== '') return 'blocks';
	const term = (env['TERM'] ?? '').toLowerCase();
	const program = (env['TERM_PROGRAM'] ?? '').toLowerCase();
	if ((env['TMUX'] ?? '') !== '' || (env['STY'] ?? '') !== '' || /^(?:screen|tmux)/.test(term) || program === 'tmux') return 'blocks';
	if ((env['KITTY_WINDOW_ID'] ?? '') !== '' || term === 'xterm-kitty' || term === 'xterm-ghostty' || program === 'ghostty') return 'kitty';
	if ((env['ITERM_SESSION_ID'] ?? '') !== '' || program === 'iterm.app' || program === 'wezterm') return 'iterm';
	if (/^(?:foot|mlterm|contour)/.test(term) || (env['WT_SESSION'] ?? '') !== '') return 'sixel';
	return 'blocks';
}

/** 24-bit where the terminal says so (COLORTERM), greys under NO_COLOR, else 256 colours. */
export function blockColors(env: ImageEnv): BlockColors {
	if ((env['NO_COLOR'] ?? '') !== '') return 'grey';
	const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
	return colorterm === 'truecolor' || colorterm === '24bit' ? 'truecolor' : '256';
}

/** What the reader knows of a terminal multiplexer it runs in (asked in commands/reader.ts). */
export interface MultiplexerInfo {
	/** tmux's `allow-passthrough` is on (tmux ≥ 3.3; `tmux show -gv allow-passthrough`). */
	readonly tmuxPassthrough: boolean;
}

/** The reader's pictures: the protocol, and whether its sequences go out wrapped for tmux. */
export interface ReaderProtocol {
	readonly protocol: ImageProtocol;
	readonly tmux: boolean;
}

function isInTmux(env: ImageEnv): boolean {
	return (env['TMUX'] ?? '') !== '' || (env['TERM_PROGRAM'] ?? '').toLowerCase() === 'tmux' || /^tmux/i.test(env['TERM'] ?? '');
}

function isInScreen(env: ImageEnv): boolean {
	return !isInTmux(env) && ((env['STY'] ?? '') !== '' || /^screen/i.test(env['TERM'] ?? ''));
}

/**
 * Which protocol the reader draws with. As detectProtocol, then what survives a multiplexer:
 * inside tmux only kitty's pictures pass, and only with passthrough on (its Unicode
 * placeholders are text tmux draws in the pane; the data goes through in tmux's DCS). iTerm2
 * and sixel pictures are placed at screen positions, which tmux (its panes, its status line)
 * does not map to the outer terminal: blocks there, as inside screen. The kitty outside tmux
 * is known by the variables it set before tmux started (KITTY_WINDOW_ID, Ghostty's).
 * A choice (flag, setting, BLOGROLL_IMAGES) is followed where it can work, else blocks. Pure.
 */
export function detectReaderProtocol(env: ImageEnv, chosen: ImageProtocol | 'auto' | null, multiplexer: MultiplexerInfo): ReaderProtocol {
	const explicit = chosen !== null && chosen !== 'auto' ? chosen : parseProtocol(env['BLOGROLL_IMAGES']);
	const tmux = isInTmux(env);
	const inMultiplexer = tmux || isInScreen(env);
	if (!inMultiplexer) return {protocol: detectProtocol(env, chosen), tmux: false};
	const outerKitty = (env['KITTY_WINDOW_ID'] ?? '') !== '' || (env['GHOSTTY_RESOURCES_DIR'] ?? '') !== '';
	const wanted = explicit ?? ((env['NO_COLOR'] ?? '') !== '' ? 'blocks' : outerKitty ? 'kitty' : 'blocks');
	if (wanted === 'off' || wanted === 'blocks') return {protocol: wanted, tmux: false};
	if (wanted === 'kitty' && tmux && multiplexer.tmuxPassthrough) return {protocol: 'kitty', tmux: true};
	return {protocol: 'blocks', tmux: false};
}
