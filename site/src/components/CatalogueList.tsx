/**
 * A region's interventions grouped by category. Rendered to static HTML at build time (no JavaScript
 * needed to read it) and re-rendered by the LiveCatalogue island when a newer version is published.
 * Catalogue text is always rendered as text (React escapes it).
 */
import type { ReactNode } from 'react';
import type { Intervention } from '../../../shared/intervention.ts';
import type { UiLanguage } from '../../../shared/languages.ts';
import {
  type CategoryGroup,
  groupByCategory,
  type InterventionView,
  type ListStrings,
} from '../lib/catalogue-view.ts';

export interface CatalogueListProps {
  items: readonly Intervention[];
  lang: UiLanguage;
  strings: ListStrings;
}

/**
 * Attributes for Swedish text (names, fallback text) on a page in another language. Put them on an
 * inline element: `dir` there isolates the Swedish run ("Göteborgsregionen (GR)") without changing
 * the alignment or list order of the right-to-left page around it.
 */
function swedish(lang: UiLanguage): { lang?: string; dir?: 'ltr' } {
  return lang === 'sv' ? {} : { lang: 'sv', dir: 'ltr' };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function InlineList({ values, lang }: { values: string[]; lang?: UiLanguage }) {
  return (
    <ul className="inline-list">
      {values.map((value) => (
        <li key={value}>{lang ? <span {...swedish(lang)}>{value}</span> : value}</li>
      ))}
    </ul>
  );
}

function InterventionCard({
  item,
  lang,
  strings,
}: {
  item: InterventionView;
  lang: UiLanguage;
  strings: ListStrings;
}) {
  const textAttrs = (text: InterventionView['title']) =>
    text.fallback ? { lang: text.tag, dir: text.dir } : {};
  // The title is a heading in the page's alignment; its Swedish text is an isolated inline run.
  const title = item.title.fallback ? (
    <span {...textAttrs(item.title)}>{item.title.text}</span>
  ) : (
    item.title.text
  );
  const { email, phone, url } = item.contact;
  return (
    <article className="intervention" id={item.anchor} aria-labelledby={`${item.anchor}-title`}>
      <h3 id={`${item.anchor}-title`}>{title}</h3>
      {item.subcategory ? <p className="tag">{item.subcategory}</p> : null}
      {item.onlySwedish ? <p className="only-swedish">{strings['intervention.onlySwedish']}</p> : null}
      {item.summary ? (
        <p className="summary" {...textAttrs(item.summary)}>
          {item.summary.text}
        </p>
      ) : null}
      <dl className="facts">
        <Fact label={strings['intervention.municipalities']}>
          <InlineList values={item.municipalities} lang={lang} />
        </Fact>
        {item.languages.length > 0 ? (
          <Fact label={strings['intervention.languages']}>
            <InlineList values={item.languages} />
          </Fact>
        ) : null}
        <Fact label={strings['intervention.audiences']}>
          <InlineList values={item.audiences} />
        </Fact>
        <Fact label={strings['intervention.delivery']}>{item.delivery}</Fact>
        <Fact label={strings['intervention.provider']}>
          <span {...swedish(lang)}>{item.provider}</span>
        </Fact>
        {email || phone || url ? (
          <Fact label={strings['intervention.contact']}>
            <ul className="contact">
              {email ? (
                <li>
                  {strings['intervention.email']}:{' '}
                  <a href={`mailto:${email}`} dir="ltr">
                    {email}
                  </a>
                </li>
              ) : null}
              {phone ? (
                <li>
                  {strings['intervention.phone']}:{' '}
                  <a href={phone.href} dir="ltr">
                    {phone.text}
                  </a>
                </li>
              ) : null}
              {url ? (
                <li>
                  {strings['intervention.website']}:{' '}
                  <a href={url.href} dir="ltr">
                    {url.text}
                  </a>
                </li>
              ) : null}
            </ul>
          </Fact>
        ) : null}
        <Fact label={strings['intervention.when']}>{item.when}</Fact>
        <Fact label={strings['intervention.lastReviewed']}>
          {item.lastReviewed ?? strings['intervention.notReviewed']}
        </Fact>
      </dl>
    </article>
  );
}

function CategorySection({
  group,
  lang,
  strings,
}: {
  group: CategoryGroup;
  lang: UiLanguage;
  strings: ListStrings;
}) {
  return (
    <section className="category" aria-labelledby={group.anchor}>
      <h2 id={group.anchor}>{group.label}</h2>
      <ul className="interventions">
        {group.items.map((item) => (
          <li key={item.id}>
            <InterventionCard item={item} lang={lang} strings={strings} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function CatalogueList({ items, lang, strings }: CatalogueListProps) {
  const groups = groupByCategory(items, lang, strings);
  if (groups.length === 0) return <p className="empty">{strings['region.empty']}</p>;
  return (
    <div className="catalogue">
      <nav className="category-nav" aria-label={strings['region.categories']}>
        <ul>
          {groups.map((group) => (
            <li key={group.code}>
              <a href={`#${group.anchor}`}>
                {group.label}
                <span className="count">({group.items.length})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <CategorySection key={group.code} group={group} lang={lang} strings={strings} />
      ))}
    </div>
  );
}
