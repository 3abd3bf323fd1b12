import type { CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const documentsUsage = '';

export const documentsCommands: CommandTable = {};
