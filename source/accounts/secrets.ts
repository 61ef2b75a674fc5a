/**
 * Every password this process has read, so that the last line of defence (cli.tsx's
 * "unexpected error" line and its `--verbose` stack) can blank them too: a bug's message
 * must not show a password any more than a failure's does.
 */
const secrets = new Set<string>();

export function rememberSecret(secret: string): void {
	if (secret.length > 0) secrets.add(secret);
}

/** The text with every remembered secret (and its url-encoded form) replaced by `•••`. */
export function redactSecrets(text: string): string {
	return blankSecrets(text, secrets);
}

/** The text with each of these secrets, as it is and url-encoded, replaced by `•••`. */
export function blankSecrets(text: string, known: Iterable<string>): string {
	let result = text;
	for (const secret of known) {
		result = result.split(secret).join('•••');
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.split(encoded).join('•••');
	}
	return result;
}
