/**
 * Facts about the portal as a public-sector website, in one place. The operating authority fills in
 * its own contact before launch (docs/site.md, "Before launch").
 */
export const ACCESSIBILITY = {
  /** Where visitors report accessibility problems and ask for content in an accessible format. */
  email: 'tillganglighet@insatsportalen.se',
  /** Digg, the supervisory authority for the Swedish web accessibility law (DOS-lagen). */
  supervisionUrl: 'https://www.digg.se/tdosanmalan',
  /** The last self-assessment (the automated and keyboard tests of test/browser/). */
  assessedOn: '2026-11-23',
  updatedOn: '2026-11-23',
} as const;
