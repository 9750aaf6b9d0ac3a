/**
 * Two regions in Stockholms län that share Haninge (0136), with interventions chosen so every count can
 * be worked out by hand (the expected numbers are written out in coverage.test.ts and coverage-api.test.ts).
 *
 *   region A (Huddinge 0126, Haninge 0136)         region B (Haninge 0136, Tyresö 0138)
 *   a1 sfi            0126 0136   on-site  sv ar     b1 sfi                  0136        on-site sv uk
 *   a2 samhällsor.    0126        hybrid   ar so     b2 halsa.trauma         0136 0138   on-site ar
 *   a3 arbete.praktik 0136        on-site  sv        b3 samhällsorientering  0138 0180   remote  ar
 *   a4 sfi            0126 0136 0138 remote sv ti     b4 boende               1480 (Göteborg, län 14) on-site sv
 */
import type { Intervention } from '../../shared/intervention.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { makeIntervention } from '../support/embedded.ts';

/** "Now" of the fixtures: review ages and days since publishing are counted from it. */
export const NOW = new Date('2026-11-23T12:00:00Z');
const ago = (now: Date) => (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

export const REGION_A: RegionConfig = {
  id: 'region-a',
  name: 'Region A',
  county: ['01'],
  municipalities: ['0126', '0136'],
  jointMunicipalities: [],
  tableName: 'coverage-region-a',
};
export const REGION_B: RegionConfig = {
  id: 'region-b',
  name: 'Region B',
  county: ['01'],
  municipalities: ['0136', '0138'],
  jointMunicipalities: [],
  tableName: 'coverage-region-b',
};

/** Region A's items, with review dates relative to `now`. */
export const itemsA = (now: Date): Intervention[] => {
  const daysAgo = ago(now);
  return [
    makeIntervention('a1', {
      category: 'sfi',
      municipalities: ['0126', '0136'],
      languages: ['sv', 'ar'],
      title: { sv: 'SFI', en: 'SFI' },
      summary: { sv: 'Svenska för invandrare.' },
      contact: { email: 'sfi@example.se' },
      startDate: '2026-08-15',
      lastReviewedAt: daysAgo(10),
    }),
    makeIntervention('a2', {
      category: 'samhallsorientering',
      municipalities: ['0126'],
      delivery: 'hybrid',
      languages: ['ar', 'so'],
      lastReviewedAt: daysAgo(100),
    }),
    makeIntervention('a3', { category: 'arbete.praktik', municipalities: ['0136'], languages: ['sv'] }),
    makeIntervention('a4', {
      category: 'sfi',
      municipalities: ['0126', '0136', '0138'],
      delivery: 'remote',
      languages: ['sv', 'ti'],
      summary: { sv: 'SFI på distans.' },
      lastReviewedAt: daysAgo(5),
    }),
  ];
};

export const itemsB = (now: Date): Intervention[] => {
  const daysAgo = ago(now);
  return [
    makeIntervention('b1', {
      category: 'sfi',
      municipalities: ['0136'],
      languages: ['sv', 'uk'],
      title: { sv: 'SFI Haninge', ar: 'اللغة السويدية' },
      contact: { phone: '08-123 456 78' },
      lastReviewedAt: daysAgo(30),
    }),
    makeIntervention('b2', { category: 'halsa.trauma', municipalities: ['0136', '0138'], languages: ['ar'] }),
    makeIntervention('b3', {
      category: 'samhallsorientering',
      municipalities: ['0138', '0180'],
      delivery: 'remote',
      languages: ['ar'],
      endDate: '2026-12-31',
    }),
    makeIntervention('b4', { category: 'boende', municipalities: ['1480'], languages: ['sv'] }),
  ];
};

export const ITEMS_A = itemsA(NOW);
export const ITEMS_B = itemsB(NOW);
