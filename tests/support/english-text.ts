/**
 * Finds English sentences in text meant to be Vietnamese. Vietnamese written without diacritics shares many
 * short words with English ("an", "in", "no", "to" as a syllable), so a single word proves nothing: a text is
 * English when it holds at least two distinct words of this list, words Vietnamese does not have. Identifiers
 * (`dossier.online_submitted`, `simulators/catalogue.ts`), URLs and the allowlisted proper nouns are taken out first.
 */
const ENGLISH_WORDS = new Set(
  (
    'the of and with from for by is are was be been this that these those per over under into onto not ' +
    'use using move map fingers two one zoom press click tap hold drag scroll show hide open close loading ' +
    'load error please wait waiting report reports seed count sum events event dossier dossiers submitted ' +
    'resolved paid channel online postal counter level services service cases daily readings reading ' +
    'sensor sensors alarm alarms threshold above below kind both all none days day week month year ' +
    'total share rate time late on-time target actual forecast province district city ward commune ' +
    'department update updated ago now live offline reconnecting since minutes hours seconds sign ' +
    'password user users session sessions token back next previous pause resume play step speed export ' +
    'download print page chart charts legend source formula eligible procedures catalogue national ' +
    'payment platform vaccine doses deaths recovered new there here what when where which who why how ' +
    'you your our we they it its has have had do does did will would can could should must may'
  ).split(' '),
);

/** Proper nouns, units and codes that read the same in both languages. */
export const ENGLISH_ALLOWLIST: readonly RegExp[] = [
  /PAR INDEX/g,
  /CC BY[^,;)]*/g,
  /OpenStreetMap|geoBoundaries|MapLibre|Paygov|Socket\.IO/g,
];

/** Strips what is not prose: identifiers with dots, slashes or underscores, URLs, allowlisted names. */
function prose(text: string): string {
  let s = text.replace(/https?:\/\/\S+/g, ' ');
  for (const re of ENGLISH_ALLOWLIST) s = s.replace(re, ' ');
  return s.replace(/[\w-]+(?:[./_][\w-]+)+/g, ' ');
}

/** The English words found, distinct, lower case. */
export function englishWords(text: string): string[] {
  const words = prose(text)
    .toLowerCase()
    .split(/[^a-z-]+/)
    .filter((w) => ENGLISH_WORDS.has(w));
  return [...new Set(words)];
}

/** True when `text` reads as an English phrase (two English words or more). */
export function looksEnglish(text: string): boolean {
  return englishWords(text).length >= 2;
}
