import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { offerLowData } from '../session/low-data';
import { connectionHint, setLowData, useLowData } from '../session/use-low-data';

/**
 * Once per device, when the browser says the connection is slow or that its owner asked to save data, a short
 * note offers low-data mode: "turn it on" or "no thanks". Either answer is remembered and the note never
 * returns; the mode itself stays one tap away in the header's settings. Never switched on without asking.
 */
export function LowDataSuggestion() {
  const { t } = useTranslation();
  const state = useLowData();
  // Read once: a connection that changes later does not make a note appear under the reader's finger.
  const [connection] = useState(connectionHint);
  if (!offerLowData(state, connection)) return null;
  return (
    <section className="notice notice--info low-data-suggestion" aria-labelledby="low-data-suggestion-text">
      <p id="low-data-suggestion-text">{t('lowData.suggestion')}</p>
      <div className="low-data-suggestion__actions">
        <button
          type="button"
          className="button"
          onClick={() => setLowData({ on: true, suggestionAnswered: true })}
        >
          {t('lowData.turnOn')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setLowData({ suggestionAnswered: true })}
        >
          {t('lowData.noThanks')}
        </button>
      </div>
    </section>
  );
}
