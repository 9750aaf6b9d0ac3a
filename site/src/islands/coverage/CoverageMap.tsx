/**
 * The county map: one SVG path per municipality, shaded in steps by its number of on-site interventions
 * (a hatch marks zero, so a gap is never shown by colour alone). The SVG is one image with a title and a
 * description; each path has a <title> with the municipality and its value (a tooltip). The legend is
 * text with swatches, and the table beside the map has every number.
 */
import { useId } from 'react';
import type { MunicipalityCoverage } from '../../../../shared/coverage.ts';
import type { CountyMap } from '../../lib/coverage/map.ts';
import {
  type CoverageStrings,
  ct,
  type MapStep,
  mapValue,
  STEP_COLOURS,
  stepOf,
} from '../../lib/coverage/view.ts';

export interface CoverageMapProps {
  map: CountyMap;
  rows: readonly MunicipalityCoverage[];
  category: string;
  steps: readonly MapStep[];
  title: string;
  strings: CoverageStrings;
}

export default function CoverageMap({ map, rows, category, steps, title, strings }: CoverageMapProps) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const hatch = `hatch-${id}`;
  return (
    <figure className="cov-map">
      <svg
        role="img"
        aria-labelledby={`title-${id} desc-${id}`}
        viewBox={`0 0 ${map.width} ${map.height}`}
        width={map.width}
        height={map.height}
        direction="ltr"
      >
        <title id={`title-${id}`}>{title}</title>
        <desc id={`desc-${id}`}>{ct(strings, 'map.desc')}</desc>
        <defs>
          <pattern
            id={hatch}
            patternUnits="userSpaceOnUse"
            width="6"
            height="6"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill={STEP_COLOURS[0]} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" strokeWidth="1.5" />
          </pattern>
        </defs>
        {map.municipalities.map((shape) => {
          const row = byCode.get(shape.code);
          const value = row ? mapValue(row, category) : 0;
          const step = stepOf(steps, value);
          return (
            <path
              key={shape.code}
              d={shape.d}
              fill={step === 0 ? `url(#${hatch})` : STEP_COLOURS[step]}
              stroke="#ffffff"
              strokeWidth="0.8"
              strokeLinejoin="round"
              data-code={shape.code}
              data-value={value}
            >
              <title>{`${row?.name ?? shape.code}: ${value}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <p className="cov-legend-title">{ct(strings, 'map.legend')}</p>
        <ul className="cov-legend">
          {steps.map((step, i) => (
            <li key={step.label}>
              <span className={`cov-swatch cov-swatch-${i}`} aria-hidden="true" />
              {i === 0 ? ct(strings, 'map.zero') : step.label}
            </li>
          ))}
        </ul>
        <p className="cov-licence">{ct(strings, 'map.licence')}</p>
      </figcaption>
    </figure>
  );
}
