/**
 * The national taxonomy of interventions: two levels, codes as in the brief, labels in every UI language.
 * Also the small closed vocabularies of the data model: audiences, delivery forms and provider types.
 * This file is the one definition; the schema, the upload mapping, search facets and the site use it.
 */
import type { UiLanguage } from './languages.ts';

export type Labels = Record<UiLanguage, string>;

export interface Category {
  code: string;
  parent?: string;
  labels: Labels;
  /** Extra Swedish words an administrator may type for this category in a spreadsheet. */
  aliases?: string[];
}

const c = (code: string, labels: Labels, aliases: string[] = []): Category => {
  const dot = code.indexOf('.');
  return dot > 0 ? { code, parent: code.slice(0, dot), labels, aliases } : { code, labels, aliases };
};

export const CATEGORIES: readonly Category[] = [
  c(
    'sfi',
    {
      sv: 'SFI – svenska för invandrare',
      en: 'SFI – Swedish for immigrants',
      ar: 'اللغة السويدية للمهاجرين (SFI)',
      fa: 'زبان سویدنی برای مهاجرین (SFI)',
      so: 'SFI – Iswiidhish loogu talagalay soo-galootiga',
      ti: 'SFI – ሽወደንኛ ንስደተኛታት',
      uk: 'SFI – шведська для іммігрантів',
    },
    ['svenska för invandrare', 'sfx', 'svenskundervisning'],
  ),
  c(
    'samhallsorientering',
    {
      sv: 'Samhällsorientering',
      en: 'Civic orientation',
      ar: 'التوجيه المجتمعي',
      fa: 'آشنایی با جامعه',
      so: 'Hanuuninta bulshada',
      ti: 'መምርሒ ሕብረተሰብ',
      uk: 'Громадська орієнтація',
    },
    ['so', 'samhällsinformation'],
  ),
  c('arbete', { sv: 'Arbete', en: 'Work', ar: 'العمل', fa: 'کار', so: 'Shaqo', ti: 'ስራሕ', uk: 'Робота' }, [
    'jobb',
    'arbetsmarknad',
  ]),
  c(
    'arbete.kartlaggning',
    {
      sv: 'Kartläggning',
      en: 'Skills mapping',
      ar: 'تقييم المهارات',
      fa: 'ارزیابی مهارت‌ها',
      so: 'Khariidaynta xirfadaha',
      ti: 'ምድላው ክእለት',
      uk: 'Оцінка навичок',
    },
    ['kartläggningssamtal'],
  ),
  c(
    'arbete.meritportfolj',
    {
      sv: 'Meritportfölj',
      en: 'Skills portfolio',
      ar: 'ملف المؤهلات',
      fa: 'پوشه سوابق کاری',
      so: 'Faylka khibradaha',
      ti: 'ፖርትፎልዮ ክእለት',
      uk: 'Портфоліо навичок',
    },
    ['meritportfölj'],
  ),
  c(
    'arbete.praktik',
    {
      sv: 'Praktik',
      en: 'Work placement',
      ar: 'التدريب العملي',
      fa: 'کارآموزی',
      so: 'Tababar shaqo',
      ti: 'ልምምድ ስራሕ',
      uk: 'Практика',
    },
    ['praktikplats', 'prova-på-plats', 'prova på plats', 'arbetsträning'],
  ),
  c('arbete.arbetsplatsorientering', {
    sv: 'Arbetsplatsorientering',
    en: 'Workplace orientation',
    ar: 'التعريف بمكان العمل',
    fa: 'آشنایی با محیط کار',
    so: 'Barashada goobta shaqada',
    ti: 'መምርሒ ቦታ ስራሕ',
    uk: 'Знайомство з робочим місцем',
  }),
  c('arbete.instegsjobb', {
    sv: 'Instegsjobb',
    en: 'Entry job (instegsjobb)',
    ar: 'وظيفة البداية',
    fa: 'شغل ورودی',
    so: 'Shaqo bilow ah',
    ti: 'መእተዊ ስራሕ',
    uk: 'Стартова робота',
  }),
  c('arbete.nystartsjobb', {
    sv: 'Nystartsjobb',
    en: 'New start job (nystartsjobb)',
    ar: 'وظيفة البداية الجديدة',
    fa: 'شغل شروع تازه',
    so: 'Shaqo bilow cusub',
    ti: 'ሓድሽ መጀመሪ ስራሕ',
    uk: 'Робота для нового старту',
  }),
  c(
    'arbete.arbetsmarknadsutbildning',
    {
      sv: 'Arbetsmarknadsutbildning',
      en: 'Labour market training',
      ar: 'التدريب لسوق العمل',
      fa: 'آموزش بازار کار',
      so: 'Tababarka suuqa shaqada',
      ti: 'ስልጠና ዕዳጋ ስራሕ',
      uk: 'Професійне навчання для ринку праці',
    },
    ['amu', 'arbetsmarknadsutbildning'],
  ),
  c(
    'arbete.validering',
    {
      sv: 'Validering',
      en: 'Validation of skills',
      ar: 'معادلة المهارات',
      fa: 'ارزیابی و تأیید مهارت',
      so: 'Ansixinta xirfadaha',
      ti: 'ምርጋጽ ክእለት',
      uk: 'Підтвердження кваліфікації',
    },
    ['yrkesvalidering'],
  ),
  c(
    'arbete.vagledning',
    {
      sv: 'Vägledning',
      en: 'Careers guidance',
      ar: 'الإرشاد المهني',
      fa: 'راهنمایی شغلی',
      so: 'Hagitaanka shaqada',
      ti: 'ምኽሪ ሞያ',
      uk: 'Профорієнтація',
    },
    ['vägledning', 'studie- och yrkesvägledning', 'syv'],
  ),
  c('utbildning', {
    sv: 'Utbildning',
    en: 'Education',
    ar: 'التعليم',
    fa: 'آموزش',
    so: 'Waxbarasho',
    ti: 'ትምህርቲ',
    uk: 'Освіта',
  }),
  c(
    'utbildning.komvux',
    {
      sv: 'Komvux',
      en: 'Municipal adult education (Komvux)',
      ar: 'تعليم الكبار البلدي (Komvux)',
      fa: 'آموزش بزرگسالان شهرداری (Komvux)',
      so: 'Waxbarashada dadka waaweyn (Komvux)',
      ti: 'ትምህርቲ ዓበይቲ (Komvux)',
      uk: 'Муніципальна освіта дорослих (Komvux)',
    },
    ['vuxenutbildning'],
  ),
  c(
    'utbildning.folkhogskola',
    {
      sv: 'Folkhögskola',
      en: 'Folk high school',
      ar: 'المدرسة الشعبية العليا',
      fa: 'مدرسه عالی مردمی',
      so: 'Dugsiga sare ee dadweynaha',
      ti: 'ህዝባዊ ላዕለዋይ ቤት ትምህርቲ',
      uk: 'Народна вища школа',
    },
    ['folkhögskola'],
  ),
  c(
    'utbildning.yrkesutbildning',
    {
      sv: 'Yrkesutbildning',
      en: 'Vocational training',
      ar: 'التدريب المهني',
      fa: 'آموزش حرفه‌ای',
      so: 'Tababar xirfadeed',
      ti: 'ሞያዊ ስልጠና',
      uk: 'Професійна освіта',
    },
    ['yrkesvux', 'yh'],
  ),
  c(
    'halsa',
    { sv: 'Hälsa', en: 'Health', ar: 'الصحة', fa: 'صحت', so: 'Caafimaad', ti: 'ጥዕና', uk: "Здоров'я" },
    ['hälsa'],
  ),
  c(
    'halsa.halsokommunikation',
    {
      sv: 'Hälsokommunikation',
      en: 'Health communication',
      ar: 'التواصل الصحي',
      fa: 'اطلاع‌رسانی صحی',
      so: 'Wacyigelinta caafimaadka',
      ti: 'ርክብ ጥዕና',
      uk: "Комунікація про здоров'я",
    },
    ['hälsokommunikatörer', 'hälsokommunikatör', 'hälsokommunikation'],
  ),
  c(
    'halsa.trauma',
    {
      sv: 'Trauma och psykisk hälsa',
      en: 'Trauma and mental health',
      ar: 'الصدمات والصحة النفسية',
      fa: 'تروما و صحت روان',
      so: 'Dhaawac nafsiyeed iyo caafimaadka maskaxda',
      ti: 'ትራውማን ኣእምሮኣዊ ጥዕናን',
      uk: "Травма та психічне здоров'я",
    },
    ['psykisk hälsa', 'traumabehandling'],
  ),
  c(
    'boende',
    { sv: 'Boende', en: 'Housing', ar: 'السكن', fa: 'مسکن', so: 'Guryeyn', ti: 'መንበሪ', uk: 'Житло' },
    ['bostad', 'bosättning'],
  ),
  c(
    'barn-familj',
    {
      sv: 'Barn och familj',
      en: 'Children and family',
      ar: 'الأطفال والأسرة',
      fa: 'کودکان و خانواده',
      so: 'Carruurta iyo qoyska',
      ti: 'ቆልዑን ስድራን',
      uk: "Діти та сім'я",
    },
    ['barn och familj', 'familj', 'föräldraskap'],
  ),
  c(
    'sprakstod',
    {
      sv: 'Språkstöd',
      en: 'Language support',
      ar: 'الدعم اللغوي',
      fa: 'حمایت زبانی',
      so: 'Taageerada luqadda',
      ti: 'ደገፍ ቋንቋ',
      uk: 'Мовна підтримка',
    },
    ['språkstöd', 'språkcafé', 'språkvän'],
  ),
  c(
    'fritid-forening',
    {
      sv: 'Fritid och föreningsliv',
      en: 'Leisure and associations',
      ar: 'الأنشطة الترفيهية والجمعيات',
      fa: 'اوقات فراغت و انجمن‌ها',
      so: 'Firaaqada iyo ururrada',
      ti: 'ናጻ ግዜን ማሕበራትን',
      uk: "Дозвілля та об'єднання",
    },
    ['fritid', 'förening', 'idrott'],
  ),
  c(
    'radgivning',
    {
      sv: 'Rådgivning',
      en: 'Advice and counselling',
      ar: 'الاستشارة',
      fa: 'مشاوره',
      so: 'La-talin',
      ti: 'ምኽሪ',
      uk: 'Консультації',
    },
    ['rådgivning', 'juridisk rådgivning', 'budget- och skuldrådgivning'],
  ),
];

export const CATEGORY_CODES = CATEGORIES.map((cat) => cat.code) as [string, ...string[]];
export const TOP_LEVEL_CATEGORIES = CATEGORIES.filter((cat) => !cat.parent);
const byCode = new Map(CATEGORIES.map((cat) => [cat.code, cat]));

export function getCategory(code: string): Category | undefined {
  return byCode.get(code);
}

/** The top-level code of a category (`arbete.praktik` → `arbete`). */
export function topLevelCategory(code: string): string {
  const dot = code.indexOf('.');
  return dot > 0 ? code.slice(0, dot) : code;
}

/** A parent code includes its children: `categoryMatches('arbete.praktik', 'arbete')` is true. */
export function categoryMatches(code: string, filter: string): boolean {
  return code === filter || code.startsWith(`${filter}.`);
}

export function categoryLabel(code: string, ui: UiLanguage = 'sv'): string {
  return byCode.get(code)?.labels[ui] ?? code;
}

/** Categories every municipality is required to offer (the county boards' gap check). */
export const REQUIRED_CATEGORIES = ['sfi', 'samhallsorientering'] as const;

// ---------------------------------------------------------------------------------------------
// Audiences, delivery forms, provider types

export interface Term {
  code: string;
  labels: Labels;
  aliases?: string[];
}

export const AUDIENCES: readonly Term[] = [
  {
    code: 'all',
    labels: { sv: 'Alla', en: 'Everyone', ar: 'الجميع', fa: 'همه', so: 'Dhammaan', ti: 'ኩሉ', uk: 'Усі' },
    aliases: ['alla', 'samtliga'],
  },
  {
    code: 'women',
    labels: {
      sv: 'Kvinnor',
      en: 'Women',
      ar: 'النساء',
      fa: 'زنان',
      so: 'Haweenka',
      ti: 'ደቂ ኣንስትዮ',
      uk: 'Жінки',
    },
    aliases: ['kvinnor'],
  },
  {
    code: 'men',
    labels: { sv: 'Män', en: 'Men', ar: 'الرجال', fa: 'مردان', so: 'Ragga', ti: 'ደቂ ተባዕትዮ', uk: 'Чоловіки' },
    aliases: ['män'],
  },
  {
    code: 'youth',
    labels: {
      sv: 'Unga',
      en: 'Young people',
      ar: 'الشباب',
      fa: 'جوانان',
      so: 'Dhallinyarada',
      ti: 'መንእሰያት',
      uk: 'Молодь',
    },
    aliases: ['unga', 'ungdomar'],
  },
  {
    code: 'parents',
    labels: {
      sv: 'Föräldrar',
      en: 'Parents',
      ar: 'الآباء والأمهات',
      fa: 'والدین',
      so: 'Waalidiinta',
      ti: 'ወለዲ',
      uk: 'Батьки',
    },
    aliases: ['föräldrar'],
  },
  {
    code: 'unaccompanied-minors',
    labels: {
      sv: 'Ensamkommande barn och unga',
      en: 'Unaccompanied minors',
      ar: 'القاصرون غير المصحوبين',
      fa: 'کودکان و نوجوانان بدون همراه',
      so: 'Carruurta aan waalid la socon',
      ti: 'ብዘይ ወለዲ ዝመጹ ቆልዑ',
      uk: 'Неповнолітні без супроводу',
    },
    aliases: ['ensamkommande'],
  },
  {
    code: 'establishment-programme',
    labels: {
      sv: 'Deltagare i etableringsprogrammet',
      en: 'Establishment programme participants',
      ar: 'المشاركون في برنامج التأسيس',
      fa: 'شرکت‌کنندگان برنامه استقرار',
      so: 'Ka-qaybgalayaasha barnaamijka dejinta',
      ti: 'ተሳተፍቲ መደብ ምጥያሽ',
      uk: 'Учасники програми інтеграції',
    },
    aliases: ['etableringsprogrammet', 'etablering', 'etableringsuppdraget'],
  },
  {
    code: 'seniors',
    labels: {
      sv: 'Äldre',
      en: 'Older people',
      ar: 'كبار السن',
      fa: 'سالمندان',
      so: 'Dadka waayeelka ah',
      ti: 'ዓበይቲ ዓድ',
      uk: 'Люди похилого віку',
    },
    aliases: ['äldre', 'seniorer'],
  },
  {
    code: 'people-with-disabilities',
    labels: {
      sv: 'Personer med funktionsnedsättning',
      en: 'People with disabilities',
      ar: 'الأشخاص ذوو الإعاقة',
      fa: 'افراد دارای معلولیت',
      so: 'Dadka naafada ah',
      ti: 'ሰባት ምስ ስንክልና',
      uk: 'Люди з інвалідністю',
    },
    aliases: ['funktionsnedsättning', 'funktionshinder'],
  },
  {
    code: 'academics',
    labels: {
      sv: 'Akademiker',
      en: 'University graduates',
      ar: 'خريجو الجامعات',
      fa: 'فارغ‌التحصیلان دانشگاه',
      so: 'Qalin-jabiyayaasha jaamacadda',
      ti: 'ምሩቓት ዩኒቨርሲቲ',
      uk: 'Випускники університетів',
    },
    aliases: ['akademiker', 'högutbildade'],
  },
];

export const DELIVERY_MODES: readonly Term[] = [
  {
    code: 'on-site',
    labels: {
      sv: 'På plats',
      en: 'On site',
      ar: 'حضوري',
      fa: 'حضوری',
      so: 'Goobta',
      ti: 'ኣብ ቦታ',
      uk: 'Очно',
    },
    aliases: ['på plats', 'fysisk', 'plats'],
  },
  {
    code: 'remote',
    labels: {
      sv: 'På distans',
      en: 'Remote',
      ar: 'عن بعد',
      fa: 'از راه دور',
      so: 'Fog',
      ti: 'ብርሑቕ',
      uk: 'Дистанційно',
    },
    aliases: ['distans', 'på distans', 'digitalt', 'online'],
  },
  {
    code: 'hybrid',
    labels: {
      sv: 'Både på plats och på distans',
      en: 'Hybrid',
      ar: 'حضوري وعن بعد',
      fa: 'ترکیبی',
      so: 'Isku dhafan',
      ti: 'ሕውስ',
      uk: 'Змішано',
    },
    aliases: ['hybrid', 'blandat', 'båda'],
  },
];

export const PROVIDER_TYPES: readonly Term[] = [
  {
    code: 'municipality',
    labels: {
      sv: 'Kommun',
      en: 'Municipality',
      ar: 'البلدية',
      fa: 'شهرداری',
      so: 'Degmada',
      ti: 'ምምሕዳር ከተማ',
      uk: 'Муніципалітет',
    },
    aliases: ['kommun'],
  },
  {
    code: 'employment-service',
    labels: {
      sv: 'Arbetsförmedlingen',
      en: 'Swedish Public Employment Service',
      ar: 'مكتب العمل',
      fa: 'اداره کاریابی',
      so: 'Xafiiska shaqada',
      ti: 'ቤት ጽሕፈት ስራሕ',
      uk: 'Служба зайнятості',
    },
    aliases: ['arbetsförmedlingen', 'af'],
  },
  {
    code: 'region',
    labels: { sv: 'Region', en: 'Region', ar: 'المنطقة', fa: 'منطقه', so: 'Gobolka', ti: 'ዞባ', uk: 'Регіон' },
    aliases: ['region', 'landsting'],
  },
  {
    code: 'county-board',
    labels: {
      sv: 'Länsstyrelsen',
      en: 'County administrative board',
      ar: 'مجلس المقاطعة',
      fa: 'اداره ولایتی',
      so: 'Maamulka gobolka',
      ti: 'ምምሕዳር ኣውራጃ',
      uk: 'Адміністрація лену',
    },
    aliases: ['länsstyrelsen', 'länsstyrelse'],
  },
  {
    code: 'education',
    labels: {
      sv: 'Utbildningsanordnare',
      en: 'Education provider',
      ar: 'جهة تعليمية',
      fa: 'ارائه‌دهنده آموزش',
      so: 'Bixiyaha waxbarashada',
      ti: 'ኣቕራቢ ትምህርቲ',
      uk: 'Навчальний заклад',
    },
    aliases: ['utbildning', 'skola', 'folkhögskola', 'studieförbund'],
  },
  {
    code: 'ngo',
    labels: {
      sv: 'Ideell organisation',
      en: 'Non-profit organisation',
      ar: 'منظمة غير ربحية',
      fa: 'سازمان غیرانتفاعی',
      so: 'Urur aan faa’iido doon ahayn',
      ti: 'ዘይመኽሰባዊ ትካል',
      uk: 'Некомерційна організація',
    },
    aliases: ['ideell', 'förening', 'civilsamhälle', 'ideell förening'],
  },
  {
    code: 'private',
    labels: {
      sv: 'Privat företag',
      en: 'Private company',
      ar: 'شركة خاصة',
      fa: 'شرکت خصوصی',
      so: 'Shirkad gaar loo leeyahay',
      ti: 'ውልቃዊ ትካል',
      uk: 'Приватна компанія',
    },
    aliases: ['privat', 'företag'],
  },
];

const codesOf = (terms: readonly Term[]) => terms.map((t) => t.code) as [string, ...string[]];
export const AUDIENCE_CODES = codesOf(AUDIENCES);
export const DELIVERY_CODES = ['on-site', 'remote', 'hybrid'] as const;
export const PROVIDER_TYPE_CODES = codesOf(PROVIDER_TYPES);

export function termLabel(terms: readonly Term[], code: string, ui: UiLanguage = 'sv'): string {
  return terms.find((t) => t.code === code)?.labels[ui] ?? code;
}
