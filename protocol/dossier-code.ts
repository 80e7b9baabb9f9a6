/**
 * A dossier receipt code in the national style: agency `000.00.39.H38`, day `210801` (yymmdd), running
 * number of at least four digits. Upper case only, so the same code never has two spellings. In its own
 * module, without zod, so the public page can check a code without loading the schema library.
 */
export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,6}$/;
