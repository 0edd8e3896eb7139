import { useTranslation } from 'react-i18next';
import { CAPTION_SIZES, type CaptionSize } from './caption-fit';

interface CaptionSizeChoiceProps {
  value: CaptionSize;
  onChange: (size: CaptionSize) => void;
}

/**
 * "Cỡ chữ phụ đề: Nhỏ · Vừa · Lớn" under the video: three radio buttons (arrow keys move between them), applied at
 * once to the captions on screen and remembered on this device. Beside video.js's own caption settings dialog,
 * which a first-time phone user rarely finds, and whose sizes ignore the screen.
 */
export function CaptionSizeChoice({ value, onChange }: CaptionSizeChoiceProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="caption-size">
      <legend className="caption-size__legend">{t('video.captionSize.legend')}</legend>
      <div className="caption-size__options">
        {CAPTION_SIZES.map((size) => (
          <label key={size} className="caption-size__option">
            <input
              type="radio"
              name="caption-size"
              value={size}
              checked={value === size}
              onChange={() => onChange(size)}
            />
            {t(`video.captionSize.${size}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
