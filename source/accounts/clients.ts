/** The protocol client of an account's kind; each protocol lives in its own module (ttrss.ts, greader.ts, nextcloud.ts). */
import type {Failure} from '../failure.js';
import {createGreaderClient} from './greader.js';
import {createNextcloudClient} from './nextcloud.js';
import {createTtrssClient} from './ttrss.js';
import type {AccountClient, AccountKind, ClientOptions} from './types.js';

/** The kind as the user knows it (messages, `account list`). */
export const KIND_NAMES: Readonly<Record<AccountKind, string>> = {
	ttrss: 'Tiny Tiny RSS',
	greader: 'Google Reader API (FreshRSS, Miniflux, Inoreader …)',
	nextcloud: 'Nextcloud News',
};

export function createClient(options: ClientOptions): AccountClient | Failure {
	const kind: AccountKind = options.account.kind;
	switch (kind) {
		case 'ttrss':
			return createTtrssClient(options);
		case 'greader':
			return createGreaderClient(options);
		case 'nextcloud':
			return createNextcloudClient(options);
	}
}
