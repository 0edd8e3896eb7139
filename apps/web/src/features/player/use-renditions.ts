import { useEffect, useState } from 'react';
import { parseHlsMaster, type Rendition } from './renditions';

/**
 * The renditions of a video's HLS master playlist (a few hundred bytes), fetched once per video: undefined
 * while it downloads, empty when the video has no HLS or the playlist cannot be read (the player then takes the
 * master and adapts by itself). Each rendition's `uri` is made absolute, ready to hand to the player.
 */
export function useRenditions(masterUrl: string | null): Rendition[] | undefined {
  const [read, setRead] = useState<{ url: string; renditions: Rendition[] }>();
  useEffect(() => {
    if (!masterUrl) return;
    const abort = new AbortController();
    const base = new URL(masterUrl, window.location.href);
    fetch(base, { signal: abort.signal, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : ''))
      .then(
        (text) =>
          setRead({
            url: masterUrl,
            renditions: parseHlsMaster(text).map((r) => ({ ...r, uri: new URL(r.uri, base).href })),
          }),
        () => {
          if (!abort.signal.aborted) setRead({ url: masterUrl, renditions: [] });
        },
      );
    return () => abort.abort();
  }, [masterUrl]);
  if (!masterUrl) return [];
  return read?.url === masterUrl ? read.renditions : undefined;
}
