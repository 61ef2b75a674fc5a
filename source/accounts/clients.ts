/**
 * The protocol client of an account's kind. Each protocol lives in its own module
 * (ttrss.ts, greader.ts, nextcloud.ts); until one is part of the build its kind answers
 * with a Failure, so that the rest of blogroll works without it.
 */
import {failed, type Failure} from '../failure.js';
import {createGreaderClient} from './greader.js';
import {createNextcloudClient} from './nextcloud.js';
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
			return unavailable(kind);
		case 'greader':
			return createGreaderClient(options);
		case 'nextcloud':
			return createNextcloudClient(options);
	}
}

function unavailable(kind: AccountKind): Failure {
	return failed('account-kind-unavailable', `${KIND_NAMES[kind]} (${kind}) accounts are not available in this build`);
}
