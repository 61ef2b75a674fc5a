// Writes source/config/config-validator.generated.ts (see config-validator-code.ts).
import {writeFileSync} from 'node:fs';
import {configValidatorCode} from './config-validator-code.js';

writeFileSync(new URL('../source/config/config-validator.generated.ts', import.meta.url), configValidatorCode());
