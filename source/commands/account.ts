/**
 * `blogroll account add|list|remove` (issue 16). The password comes from a prompt without
 * echo on a terminal, else from `--password-file` (`-`: stdin); it is never printed.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {isAccountKind} from '../accounts/account-settings.js';
import {createClient, KIND_NAMES} from '../accounts/clients.js';
import {openCredentials, type Credentials} from '../accounts/credentials.js';
import {rememberSecret} from '../accounts/secrets.js';
import type {Config} from '../config/config.js';
import {isFailure, type Failure} from '../failure.js';
import type {Store} from '../store/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {addAccount, findAccount, listAccounts, removeAccount, type AccountDeps, type ListedAccount} from '../use-cases/accounts.js';
import {reportError, type CommandContext} from './context.js';
import {formatTime} from './list.js';
import {askHidden, askLine, canAsk, readStdin} from './prompt.js';

/** credentials.json: beside config.json. */
export function credentialsFile(context: CommandContext): string {
	return join(context.paths.configDir, 'credentials.json');
}

export function openAccountCredentials(context: CommandContext): Credentials {
	// BLOGROLL_KEYRING=off: the file only (tests, and machines whose keyring prompts in the way).
	return openCredentials({file: credentialsFile(context), useKeyring: context.io.env['BLOGROLL_KEYRING'] !== 'off'});
}

/** What the account use cases need, from the command's context. */
export function accountDeps(context: CommandContext, config: Config, store: Store): AccountDeps {
	return {
		config,
		store,
		credentials: openAccountCredentials(context),
		now: () => context.now(),
		createClient,
		transport: {timeoutMs: config.settings().timeoutSeconds * 1000},
	};
}

export interface AccountAddOptions {
	readonly kind: string;
	readonly url: string;
	readonly user: string;
	readonly passwordFile?: string;
	readonly name?: string;
}

export async function runAccountAdd(options: AccountAddOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	// Before the password is asked for: a typo in the kind needs no password to tell.
	if (!isAccountKind(options.kind)) return reportError(io, `"${sanitizeLine(options.kind).slice(0, 40)}" is not a kind of account; use one of ttrss, greader, nextcloud`);
	const password = await readPassword(options, context);
	if (isFailure(password)) return reportError(io, password.message);
	const added = await addAccount({kind: options.kind, url: options.url, user: options.user, password, ...(options.name === undefined ? {} : {name: options.name})}, accountDeps(context, config, store));
	if (isFailure(added)) return reportError(io, added.message);
	const where = added.place === 'keyring' ? 'the system keyring' : `${credentialsFile(context)} (readable by you only)`;
	io.stdout.write(`Added ${added.account.name} (${KIND_NAMES[added.account.kind]}, ${sanitizeLine(added.account.user)} at ${added.account.url}); password kept in ${where}.\n`);
	io.stdout.write(`Run blogroll sync to bring its feeds and entries.\n`);
	return 0;
}

async function readPassword(options: AccountAddOptions, context: CommandContext): Promise<string | Failure> {
	const strip = (text: string) => text.replace(/\r?\n$/, '');
	let password: string;
	if (options.passwordFile === '-') {
		password = strip(await readStdin());
	} else if (options.passwordFile !== undefined) {
		try {
			password = strip(readFileSync(options.passwordFile, 'utf8'));
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return {kind: 'failed', reason: 'password-file', message: `Cannot read the password file ${sanitizeLine(options.passwordFile)}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'no permission' : code ?? 'unknown error'}; nothing was saved`};
		}
	} else if (canAsk()) {
		const answer = await askHidden(`Password for ${sanitizeLine(options.user)} (not shown): `, context.io.stderr);
		if (answer === null) return {kind: 'failed', reason: 'cancelled', message: 'Cancelled; nothing was saved'};
		password = answer;
	} else {
		return {kind: 'failed', reason: 'no-password', message: 'No password: give --password-file <file> (- reads stdin), or run on a terminal to be asked; nothing was saved'};
	}
	rememberSecret(password);
	if (password === '') return {kind: 'failed', reason: 'no-password', message: 'The password is empty; nothing was saved'};
	return password;
}

export async function runAccountList(options: {readonly json: boolean}, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const deps = accountDeps(context, config, store);
	const accounts = await listAccounts(deps);
	const problems = config.accountProblems();
	for (const problem of problems) io.stderr.write(`blogroll: ${problem}\n`);
	if (options.json) {
		io.stdout.write(`${JSON.stringify(accounts, null, 2)}\n`);
		return 0;
	}
	if (accounts.length === 0) {
		io.stdout.write('No accounts yet. Add one with: blogroll account add <ttrss|greader|nextcloud> <url> --user <name>\n');
		return 0;
	}
	for (const account of accounts) io.stdout.write(formatAccount(account, context.now()));
	return 0;
}

function formatAccount(account: ListedAccount, now: Date): string {
	const password = {keyring: 'in the system keyring', file: 'in credentials.json', missing: 'missing (remove the account and add it again)', unreadable: 'unreadable (see blogroll sync)'}[account.password];
	const lines = [
		`${account.name}  ${KIND_NAMES[account.kind]}`,
		`  ${sanitizeLine(account.user)} at ${account.url}`,
		`  ${account.feeds} feed${account.feeds === 1 ? '' : 's'} · ${account.lastSyncAt === null ? 'never synced' : `synced ${formatTime(account.lastSyncAt, now)}`}${account.unsent === 0 ? '' : ` · ${account.unsent} change${account.unsent === 1 ? '' : 's'} not sent yet`} · password ${password}`,
	];
	if (account.lastError !== null) lines.push(`  ! ${sanitizeLine(account.lastError)}`);
	return `${lines.join('\n')}\n`;
}

export interface AccountRemoveOptions {
	readonly name: string;
	readonly feeds?: 'keep' | 'drop';
}

export async function runAccountRemove(options: AccountRemoveOptions, context: CommandContext): Promise<number> {
	const {io} = context;
	const config = context.config();
	if (isFailure(config)) return reportError(io, config.message);
	const store = context.store();
	if (isFailure(store)) return reportError(io, store.message);
	const account = findAccount(config, options.name);
	if (isFailure(account)) return reportError(io, account.message);
	const count = config.subscriptions().filter(subscription => subscription.account === account.name).length;
	let feeds = options.feeds;
	if (feeds === undefined && count === 0) feeds = 'drop';
	if (feeds === undefined) {
		if (!canAsk()) return reportError(io, `${account.name} has ${count} feed${count === 1 ? '' : 's'}: say what becomes of them with --keep-feeds (local subscriptions) or --drop-feeds`);
		const answer = await askLine(`${account.name} has ${count} feed${count === 1 ? '' : 's'}. Keep them as local subscriptions (k), drop them with their entries (d), or cancel (c)? `, io.stdout);
		const choice = answer?.toLowerCase().slice(0, 1);
		if (choice === 'k') feeds = 'keep';
		else if (choice === 'd') feeds = 'drop';
		else {
			io.stdout.write('Cancelled; nothing changed.\n');
			return 1;
		}
	}
	const removed = await removeAccount(account.name, feeds, accountDeps(context, config, store));
	if (isFailure(removed)) return reportError(io, removed.message);
	const what = removed.feeds === 0 ? '' : feeds === 'keep' ? `; its ${removed.feeds} feed${removed.feeds === 1 ? ' is a local subscription' : 's are local subscriptions'} now` : `; its ${removed.feeds} feed${removed.feeds === 1 ? ' was' : 's were'} removed`;
	io.stdout.write(`Removed the account ${account.name} and its password${what}.\n`);
	return 0;
}
