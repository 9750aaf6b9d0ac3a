/** GET /api/catalogue/template.csv — the blank upload template: a header row and one example row. */
import { httpHandler, text } from '../lib/http.ts';
import { templateCsv } from './upload/csv-export.ts';

export const handler = httpHandler(async () =>
  text(200, templateCsv(), 'text/csv; charset=utf-8', {
    'content-disposition': 'attachment; filename="insatser-mall.csv"',
    'cache-control': 'public, max-age=3600',
  }),
);
