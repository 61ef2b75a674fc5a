import {Box} from 'ink';
import {sanitizeLine} from '../../text/sanitize.js';
import {displayWidth, fitToWidth} from '../../text/width.js';
import {settingValue} from '../state/setting-values.js';
import type {FeedSettingsInfo} from '../services.js';
import {FEED_SETTING_ROWS} from '../state/reader-state.js';
import type {Strings} from '../strings.js';
import {StyledLine} from './styled-line.js';

export interface FeedSettingsOverlayProps {
	/** The feed's title as the list shows it. */
	readonly title: string;
	readonly settings: FeedSettingsInfo;
	/** Index into FEED_SETTING_ROWS. */
	readonly selected: number;
	readonly width: number;
	readonly height: number;
	readonly strings: Strings;
	readonly color: boolean;
}

/** settings: `S` on a feed: one row per setting, `label  value`, defaults marked as such. */
export function FeedSettingsOverlay({title, settings, selected, width, height, strings, color}: FeedSettingsOverlayProps) {
	const labelWidth = Math.min(Math.floor(width / 2), Math.max(...FEED_SETTING_ROWS.map(name => displayWidth(strings.settingLabels[name]))) + 3);
	// The keys are on the status line (Enter changes, x resets, q closes), as on every screen.
	const rows = FEED_SETTING_ROWS.slice(0, Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<StyledLine segments={[{text: fitToWidth(strings.settingsTitle(sanitizeLine(title)), width), style: 'title'}]} color={color} />
			{rows.map((name, index) => {
				const isSelected = index === selected;
				const isOwn = settings.own.includes(name);
				const value = sanitizeLine(settingValue(settings, name, strings));
				return (
					<StyledLine
						key={name}
						isSelected={isSelected}
						segments={[
							{text: isSelected ? '›' : ' ', style: 'accent'},
							{text: ' ' + fitToWidth(strings.settingLabels[name], labelWidth - 1)},
							{text: fitToWidth(isOwn ? value : `${value} ${strings.settingDefault}`, Math.max(0, width - labelWidth - 1)), style: isOwn ? 'bold' : 'dim'},
						]}
						color={color}
					/>
				);
			})}
		</Box>
	);
}
