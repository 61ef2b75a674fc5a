/**
 * Kept for imports from before the split: the commands live in `source/ui/commands/`, one
 * module per screen, composed by `commands/runner.ts`.
 */
export {createCommandRunner, type CommandRunner} from '../commands/runner.js';
export {type CommandCallbacks} from '../commands/context.js';
export {loadInitialState, type InitialView} from '../commands/initial-state.js';
export {SELECTION_REST_MS} from '../commands/lists.js';
