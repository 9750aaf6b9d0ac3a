/**
 * PUT /api/admin/regions/{regionId}/review/owners — save the whole review configuration: the interval
 * (30–180 days) and the owners (name, e-mail, municipalities of the region, category codes).
 * A municipality outside the region is refused (422); a save over a newer revision is 409.
 */
import { ReviewConfigBodySchema } from '../../shared/review-api.ts';
import { callerOf, regionAdmin } from '../auth/middleware.ts';
import { regionOf } from '../catalogue/admin-region.ts';
import { HttpError } from '../lib/errors.ts';
import { httpHandler, json, parseJsonBody } from '../lib/http.ts';
import { guardStore } from '../regions/catalogue-reader.ts';
import { ConfigConflictError, writeReviewConfig } from './config-store.ts';

export const handler = httpHandler(async (event) => {
  const region = await regionOf(event);
  const body = parseJsonBody(ReviewConfigBodySchema, event);
  const allowed = new Set([...region.municipalities, ...region.jointMunicipalities]);
  const outside = body.owners.flatMap((owner, index) =>
    owner.municipalities
      .filter((code) => !allowed.has(code))
      .map((code) => ({ path: `owners.${index}.municipalities`, code })),
  );
  if (outside.length > 0) {
    const codes = [...new Set(outside.map((o) => o.code))].join(', ');
    throw new HttpError(
      422,
      'municipality-outside-region',
      {
        sv: `Kommunen ${codes} hör inte till regionen ${region.name}. Ansvariga kan bara utses för regionens egna kommuner. Ingenting har sparats.`,
        en: `The municipality ${codes} is not part of the region ${region.name}. Owners can only be named for the region's own municipalities. Nothing was saved.`,
      },
      { details: outside },
    );
  }
  try {
    return json(
      200,
      await guardStore(() => writeReviewConfig(region, body, callerOf(event).name.slice(0, 120))),
    );
  } catch (error) {
    if (error instanceof ConfigConflictError) {
      throw new HttpError(409, 'config-conflict', {
        sv: 'Någon annan sparade de ansvariga under tiden. Ladda om sidan och gör ändringen igen. Ingenting har sparats.',
        en: 'Someone else saved the owners meanwhile. Reload the page and make the change again. Nothing was saved.',
      });
    }
    throw error;
  }
}, regionAdmin());
