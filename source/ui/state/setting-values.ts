/** settings: a feed setting's value as words, for the settings overlay and its prompt (pure). */
import type {FeedSettingName, FeedSettingsInfo} from '../services.js';
import type {Strings} from '../strings.js';

/** A setting's value as the overlay shows it and the prompt starts from (`2h`, `200`, `an`). */
export function settingValue(settings: FeedSettingsInfo, name: FeedSettingName, strings: Strings): string {
	switch (name) {
		case 'interval': {
			const minutes = settings.refreshIntervalMinutes;
			return minutes >= 1440 && minutes % 1440 === 0 ? `${minutes / 1440}d` : minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
		}
		case 'max-entries':
			return settings.maxEntries === null ? strings.settingAllEntries : String(settings.maxEntries);
		case 'user-agent':
			return settings.userAgent ?? strings.settingOwnUserAgent;
		case 'charset':
			return settings.charset ?? strings.settingDetectedCharset;
		case 'full-article':
			return settings.fullArticle ? strings.settingOn : strings.settingOff;
		case 'paused':
			return settings.paused ? strings.settingOn : strings.settingOff;
		case 'note':
			return settings.note ?? strings.settingNoNote;
	}
}

