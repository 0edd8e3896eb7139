/**
 * The public services a help officer logs help with (data: add a row to add a service; never rename an id, it is
 * stored with every log). Names are shown in Vietnamese first.
 */
export const PUBLIC_SERVICES = [
  { id: 'vneid', vi: 'Kích hoạt, sử dụng VNeID', en: 'Activating and using VNeID' },
  { id: 'birth-registration', vi: 'Đăng ký khai sinh', en: 'Birth registration' },
  { id: 'permanent-residence', vi: 'Đăng ký thường trú', en: 'Permanent residence registration' },
  { id: 'temporary-residence', vi: 'Đăng ký tạm trú', en: 'Temporary residence registration' },
  { id: 'marriage-registration', vi: 'Đăng ký kết hôn', en: 'Marriage registration' },
  { id: 'death-registration', vi: 'Đăng ký khai tử', en: 'Death registration' },
  { id: 'marital-status', vi: 'Xác nhận tình trạng hôn nhân', en: 'Certificate of marital status' },
  { id: 'social-insurance', vi: 'Bảo hiểm xã hội (BHXH)', en: 'Social insurance (BHXH)' },
  { id: 'health-insurance', vi: 'Bảo hiểm y tế (BHYT)', en: 'Health insurance (BHYT)' },
  { id: 'land-registration', vi: 'Đất đai, sổ đỏ', en: 'Land and land-use certificates' },
  { id: 'business-registration', vi: 'Đăng ký hộ kinh doanh', en: 'Household business registration' },
  { id: 'social-allowance', vi: 'Trợ cấp xã hội', en: 'Social allowances' },
  { id: 'public-service-portal', vi: 'Cổng Dịch vụ công quốc gia', en: 'National public service portal' },
  { id: 'online-payment', vi: 'Thanh toán trực tuyến phí, lệ phí', en: 'Paying fees online' },
  { id: 'other', vi: 'Dịch vụ khác', en: 'Other service' },
] as const satisfies ReadonlyArray<{ id: string; vi: string; en: string }>;

export type PublicServiceId = (typeof PUBLIC_SERVICES)[number]['id'];
export const PUBLIC_SERVICE_IDS = PUBLIC_SERVICES.map((s) => s.id) as [PublicServiceId, ...PublicServiceId[]];

/** What came of the help: the officer did it with the person, showed them how, or sent them elsewhere. */
export const HELP_OUTCOMES = ['done', 'guided', 'referred'] as const;
export type HelpOutcome = (typeof HELP_OUTCOMES)[number];
