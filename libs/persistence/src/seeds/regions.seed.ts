/**
 * The 20 regions of Kazakhstan since the 2022 reform, with ISO 3166-2:KZ codes and IANA zones.
 * Reference data: organizers may add or retire regions later through the API.
 */
export interface RegionSeed {
  code: string;
  kk: string;
  ru: string;
  en: string;
  zone: string;
}

export const REGIONS_2022: readonly RegionSeed[] = [
  { code: 'KZ-71', kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana (city)', zone: 'Asia/Almaty' },
  { code: 'KZ-75', kk: 'Алматы қаласы', ru: 'город Алматы', en: 'Almaty (city)', zone: 'Asia/Almaty' },
  { code: 'KZ-79', kk: 'Шымкент қаласы', ru: 'город Шымкент', en: 'Shymkent (city)', zone: 'Asia/Almaty' },
  { code: 'KZ-10', kk: 'Абай облысы', ru: 'Абайская область', en: 'Abai Region', zone: 'Asia/Almaty' },
  { code: 'KZ-11', kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region', zone: 'Asia/Almaty' },
  { code: 'KZ-15', kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region', zone: 'Asia/Aqtobe' },
  { code: 'KZ-19', kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region', zone: 'Asia/Almaty' },
  { code: 'KZ-23', kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region', zone: 'Asia/Atyrau' },
  {
    code: 'KZ-27',
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    en: 'West Kazakhstan Region',
    zone: 'Asia/Oral',
  },
  { code: 'KZ-31', kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Jambyl Region', zone: 'Asia/Almaty' },
  { code: 'KZ-33', kk: 'Жетісу облысы', ru: 'Жетысуская область', en: 'Jetisu Region', zone: 'Asia/Almaty' },
  {
    code: 'KZ-35',
    kk: 'Қарағанды облысы',
    ru: 'Карагандинская область',
    en: 'Karaganda Region',
    zone: 'Asia/Almaty',
  },
  {
    code: 'KZ-39',
    kk: 'Қостанай облысы',
    ru: 'Костанайская область',
    en: 'Kostanay Region',
    zone: 'Asia/Qostanay',
  },
  {
    code: 'KZ-43',
    kk: 'Қызылорда облысы',
    ru: 'Кызылординская область',
    en: 'Kyzylorda Region',
    zone: 'Asia/Qyzylorda',
  },
  {
    code: 'KZ-47',
    kk: 'Маңғыстау облысы',
    ru: 'Мангистауская область',
    en: 'Mangystau Region',
    zone: 'Asia/Aqtau',
  },
  {
    code: 'KZ-55',
    kk: 'Павлодар облысы',
    ru: 'Павлодарская область',
    en: 'Pavlodar Region',
    zone: 'Asia/Almaty',
  },
  {
    code: 'KZ-59',
    kk: 'Солтүстік Қазақстан облысы',
    ru: 'Северо-Казахстанская область',
    en: 'North Kazakhstan Region',
    zone: 'Asia/Almaty',
  },
  {
    code: 'KZ-61',
    kk: 'Түркістан облысы',
    ru: 'Туркестанская область',
    en: 'Turkistan Region',
    zone: 'Asia/Almaty',
  },
  { code: 'KZ-62', kk: 'Ұлытау облысы', ru: 'Улытауская область', en: 'Ulytau Region', zone: 'Asia/Almaty' },
  {
    code: 'KZ-63',
    kk: 'Шығыс Қазақстан облысы',
    ru: 'Восточно-Казахстанская область',
    en: 'East Kazakhstan Region',
    zone: 'Asia/Almaty',
  },
];
