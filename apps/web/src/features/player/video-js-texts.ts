/**
 * The dictionary video.js gets for the interface language: our `videoControls` strings, taken from i18next's
 * resource store as they are written.
 *
 * Not through `t('videoControls', { returnObjects: true })`: that looks each entry up again by the key
 * `videoControls.<English text>`, and i18next reads such a key as `namespace:key` at its first ":" and as
 * nested keys at every ".". "progress bar timing: currentTime={1} duration={2}" then came back as the bare
 * key " currentTime={1} duration={2}", and the seek slider announced "currentTime=0:01 duration=1:20";
 * "No compatible source was found for this media." was looked up as nested keys. video.js's keys are its English
 * texts, punctuation and all, so they are data here, never i18next keys.
 */
export function videoJsTexts(controls: unknown): Record<string, string> {
  if (!controls || typeof controls !== 'object') return {};
  return Object.fromEntries(
    Object.entries(controls).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
