/**
 * settings: the feed settings overlay (`S` on the feeds screen): a feed's own refresh
 * interval, entries kept, User-Agent, charset, full article and paused. Switches flip on
 * Enter; the others open the one-line prompt, prefilled; `x` brings one back to the default.
 */
import {isFailure} from '../../failure.js';
import type {FeedSettingName, FeedSettingsInfo} from '../services.js';
import {selectedFeedRow} from '../state/selectors.js';
import {FEED_SETTING_ROWS, type FeedSettingsOverlay} from '../state/reader-state.js';
import {settingValue} from '../state/setting-values.js';
import {failureMessage, type Strings} from '../strings.js';
import {moveCommands, type CommandContext, type CommandTable} from './context.js';
import type {ListOperations} from './lists.js';

/** What the prompt is prefilled with: the feed's own value, empty when it follows the default. */
function promptValue(settings: FeedSettingsInfo, name: FeedSettingName, strings: Strings): string {
	return settings.own.includes(name) ? settingValue(settings, name, strings) : '';
}

export interface FeedSettingsOperations {
	/** `S` on the feeds screen. */
	readonly open: () => void;
	readonly commands: CommandTable;
	/** Enter in a `feedSetting` prompt: saves, and shows the settings again. */
	submit(value: string): void;
	/** Esc in a `feedSetting` prompt: back to the settings unchanged. */
	cancel(): void;
}

export function createFeedSettingsOperations(context: CommandContext, lists: ListOperations): FeedSettingsOperations {
	const {services, strings, dispatch, getState} = context;

	function current(): FeedSettingsOverlay | null {
		const overlay = getState().overlay;
		return overlay.kind === 'feed-settings' ? overlay : null;
	}

	/** Shows the settings after a change, with the feeds list (paused marks) reloaded. */
	function show(feedId: number, title: string, settings: FeedSettingsInfo, selected: number): void {
		dispatch({type: 'overlayOpened', overlay: {kind: 'feed-settings', feedId, title, settings, selected}});
		lists.loadFeeds();
		lists.selectFeed(feedId);
	}

	function apply(overlay: Pick<FeedSettingsOverlay, 'feedId' | 'title' | 'selected'>, name: FeedSettingName, result: FeedSettingsInfo | ReturnType<typeof services.setFeedSetting>, reset: boolean): void {
		if (isFailure(result)) {
			context.error(failureMessage(result, strings));
			return;
		}
		show(overlay.feedId, overlay.title, result, overlay.selected);
		const label = strings.settingLabels[name];
		context.info(reset ? strings.settingReset(label) : strings.settingSaved(label, settingValue(result, name, strings)));
	}

	return {
		open: () => {
			const row = selectedFeedRow(getState());
			if (row?.kind !== 'feed') {
				context.info(strings.selectFeedFirst);
				return;
			}
			const settings = services.feedSettings(row.feed.id);
			if (isFailure(settings)) {
				context.error(failureMessage(settings, strings));
				return;
			}
			dispatch({type: 'overlayOpened', overlay: {kind: 'feed-settings', feedId: row.feed.id, title: row.feed.title, settings, selected: 0}});
		},
		commands: {
			...moveCommands(move => dispatch({type: 'overlayMoved', move, count: FEED_SETTING_ROWS.length})),
			back: () => dispatch({type: 'overlayClosed'}),
			changeSetting: () => {
				const overlay = current();
				const name = overlay && FEED_SETTING_ROWS[overlay.selected];
				if (!overlay || !name) return;
				if (name === 'paused' || name === 'full-article') {
					const isOn = name === 'paused' ? overlay.settings.paused : overlay.settings.fullArticle;
					apply(overlay, name, services.setFeedSetting(overlay.feedId, name, isOn ? 'off' : 'on'), false);
					return;
				}
				dispatch({
					type: 'overlayOpened',
					overlay: {kind: 'prompt', purpose: 'feedSetting', feedId: overlay.feedId, title: overlay.title, initial: promptValue(overlay.settings, name, strings), setting: name, settings: overlay.settings},
				});
			},
			resetSetting: () => {
				const overlay = current();
				const name = overlay && FEED_SETTING_ROWS[overlay.selected];
				if (!overlay || !name) return;
				apply(overlay, name, services.unsetFeedSetting(overlay.feedId, name), true);
			},
		},
		submit(value) {
			const overlay = getState().overlay;
			if (overlay.kind !== 'prompt' || overlay.purpose !== 'feedSetting' || overlay.feedId === null || !overlay.setting || !overlay.settings) return;
			const place = {feedId: overlay.feedId, title: overlay.title, selected: Math.max(0, FEED_SETTING_ROWS.indexOf(overlay.setting))};
			// An empty value is "back to the default", as `x` is.
			const result = value.trim() === '' ? services.unsetFeedSetting(overlay.feedId, overlay.setting) : services.setFeedSetting(overlay.feedId, overlay.setting, value);
			if (isFailure(result)) {
				// The settings stay open behind the message: the user sees what is in force and tries again.
				dispatch({type: 'overlayOpened', overlay: {kind: 'feed-settings', ...place, settings: overlay.settings}});
				context.error(failureMessage(result, strings));
				return;
			}
			apply(place, overlay.setting, result, value.trim() === '');
		},
		cancel() {
			const overlay = getState().overlay;
			if (overlay.kind !== 'prompt' || overlay.purpose !== 'feedSetting' || overlay.feedId === null || !overlay.setting || !overlay.settings) {
				dispatch({type: 'overlayClosed'});
				return;
			}
			dispatch({type: 'overlayOpened', overlay: {kind: 'feed-settings', feedId: overlay.feedId, title: overlay.title, settings: overlay.settings, selected: Math.max(0, FEED_SETTING_ROWS.indexOf(overlay.setting))}});
		},
	};
}
