/**
 * The parts of HSDS 3.0 (Open Referral, https://docs.openreferral.org/en/latest/) the portal reads and
 * writes, and the portal's Swedish profile extension. Schemas: shared/data/hsds/ (CC BY-SA 4.0).
 */
import type { Intervention, LocalizedText } from '../../shared/intervention.ts';

export interface HsdsLanguage {
  id: string;
  name?: string;
  code?: string;
  note?: string;
}

export interface HsdsPhone {
  id: string;
  number: string;
  type?: string;
  description?: string;
}

export interface HsdsAddress {
  id: string;
  address_1: string;
  address_2?: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  name?: string;
  url?: string;
  addresses?: HsdsAddress[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id?: string;
  location_id?: string;
  location?: HsdsLocation;
  phones?: HsdsPhone[];
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  locations?: HsdsLocation[];
}

export interface HsdsTaxonomyTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy?: string;
  language?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id?: string;
  taxonomy_term_id?: string;
  link_type?: string;
  link_entity?: string;
  value?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsServiceArea {
  id: string;
  service_id?: string;
  name?: string;
  description?: string;
  extent?: string;
  extent_type?: string;
  uri?: string;
}

export interface HsdsCostOption {
  id: string;
  service_id?: string;
  option?: string;
  currency?: string;
  amount?: number;
  amount_description?: string;
}

/**
 * The Swedish profile: what HSDS has no field for, carried in one extension property `x-insats` on the
 * service. The compiled HSDS 3.0 service schema allows additional properties, and the HSDS 3.0 docs
 * describe profiles that add fields; one namespaced object keeps every extension in one place and leaves
 * the standard fields standard. What HSDS *can* say is also written in standard fields (category and
 * audiences as `attributes` with taxonomy terms, municipalities as `service_areas`, the participant's
 * cost as `cost_options`), so consumers that ignore `x-insats` still get them. On import `x-insats`
 * wins where both are present, because it is exact (codes, all languages).
 */
export interface InsatsProfile {
  /** Profile version: `urn:insatsportalen:hsds-profile:1`. */
  profile: string;
  /** The region that publishes the intervention. */
  regionId?: string;
  /** The intervention's own id within its region (the HSDS `id` is a UUID derived from region + id). */
  id?: string;
  category?: string;
  municipalities?: string[];
  audiences?: string[];
  delivery?: Intervention['delivery'];
  providerType?: string;
  /** Translations of the title; Swedish is the service `name`. */
  title?: Partial<LocalizedText>;
  /** HSDS has no summary: all languages here. */
  summary?: LocalizedText;
  /** Translations of the description; Swedish is the service `description`. */
  description?: Partial<LocalizedText>;
  startDate?: string;
  endDate?: string;
  cost?: Intervention['cost'];
  interMunicipal?: Intervention['interMunicipal'];
  lastReviewedAt?: string;
  reviewedBy?: string;
}

export const INSATS_PROFILE = 'urn:insatsportalen:hsds-profile:1';
export const INSATS_EXTENSION = 'x-insats';
/** Taxonomy names used in `attributes[].taxonomy_term.taxonomy`. */
export const CATEGORY_TAXONOMY = 'insatsportalen-kategori';
export const AUDIENCE_TAXONOMY = 'insatsportalen-malgrupp';
/** `service_areas[].extent_type` for a municipality given by its SCB code in `extent`. */
export const MUNICIPALITY_EXTENT_TYPE = 'scb-kommunkod';

export interface HsdsService {
  id: string;
  name: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  description?: string;
  url?: string;
  email?: string;
  organization_id?: string;
  organization?: HsdsOrganization;
  phones?: HsdsPhone[];
  languages?: HsdsLanguage[];
  service_areas?: HsdsServiceArea[];
  service_at_locations?: HsdsServiceAtLocation[];
  cost_options?: HsdsCostOption[];
  attributes?: HsdsAttribute[];
  assured_date?: string;
  [INSATS_EXTENSION]?: InsatsProfile;
}
