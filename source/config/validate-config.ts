/**
 * config.json's schema check without compiling the schema at start: the validator is ajv's
 * code for CONFIG_SCHEMA, generated ahead of time (config-validator.generated.ts), and it
 * reports errors in the words conf uses for a schema violation.
 */
import validateGenerated from './config-validator.generated.js';

interface SchemaError {
	readonly instancePath: string;
	readonly message?: string;
}

interface GeneratedValidator {
	(data: unknown): boolean;
	errors?: readonly SchemaError[] | null;
}

const validate = validateGenerated as GeneratedValidator;

/**
 * Throws conf's `Config schema violation: …` error when `data` breaks the schema. Like conf
 * with ajv's `useDefaults`, it fills in a missing top-level key with its default.
 */
export function assertValidConfig(data: unknown): void {
	if (validate(data) || !validate.errors) return;
	const errors = validate.errors.map(({instancePath, message = ''}) => `\`${instancePath.slice(1)}\` ${message}`);
	throw new Error('Config schema violation: ' + errors.join('; '));
}
