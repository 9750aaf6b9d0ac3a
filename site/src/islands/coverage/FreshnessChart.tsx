/**
 * Freshness per region: a horizontal bar chart of the share of interventions reviewed within the review
 * interval. One SVG image with a title and a description that reads out every value — the share reviewed
 * and the stale items (hidden from search) — and the region table above has the same numbers.
 */
import { useId } from 'react';
import type { RegionCoverage } from '../../../../shared/coverage.ts';
import { type CoverageStrings, ct, percent, staleCell } from '../../lib/coverage/view.ts';

const WIDTH = 520;
const LABEL = 200;
const BAR = 250;
const ROW = 30;
const TOP = 24;

export default function FreshnessChart({
  regions,
  days,
  strings,
  svAttrs,
}: {
  regions: readonly RegionCoverage[];
  days: number;
  strings: CoverageStrings;
  svAttrs: { lang?: string };
}) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const height = TOP + regions.length * ROW + 8;
  const title = ct(strings, 'freshness.title', { days });
  const values = regions
    .map((r) =>
      ct(strings, 'freshness.value', {
        region: r.name,
        reviewed: percent(strings, r.reviewed.share),
        stale: staleCell(r, strings),
      }),
    )
    .join('; ');
  return (
    <figure className="cov-chart">
      <svg
        role="img"
        aria-labelledby={`title-${id} desc-${id}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        direction="ltr"
      >
        <title id={`title-${id}`}>{title}</title>
        <desc id={`desc-${id}`}>{ct(strings, 'freshness.desc', { values })}</desc>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line
              x1={LABEL + tick * BAR}
              x2={LABEL + tick * BAR}
              y1={TOP - 6}
              y2={height - 8}
              stroke="#c9ced6"
            />
            <text x={LABEL + tick * BAR} y={TOP - 10} textAnchor="middle" fontSize="12" fill="#1b1b1b">
              {percent(strings, tick)}
            </text>
          </g>
        ))}
        {regions.map((region, i) => {
          const y = TOP + i * ROW;
          const share = region.reviewed.share;
          const length = share === null ? 0 : Math.max(1, share * BAR);
          return (
            <g key={region.id}>
              <text x={LABEL - 8} y={y + 19} textAnchor="end" fontSize="13" fill="#1b1b1b" {...svAttrs}>
                {region.name}
              </text>
              <rect x={LABEL} y={y + 6} width={length} height={18} fill="#0b3d6e" />
              <text x={LABEL + length + 6} y={y + 19} fontSize="13" fill="#1b1b1b">
                {percent(strings, share)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
