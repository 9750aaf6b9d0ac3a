/**
 * HTTP errors with a message a non-technical administrator understands, in Swedish and English.
 * Anything that is not an HttpError becomes a generic 500 with no internals in the body.
 */
export interface Messages {
  sv: string;
  en: string;
}

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly messages: Messages;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    statusCode: number,
    code: string,
    messages: Messages,
    options: { details?: unknown; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(messages.en, { cause: options.cause });
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.messages = messages;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (messages: Messages, details?: unknown) =>
  new HttpError(400, 'bad-request', messages, { details });

export const notFound = (what: 'region' | 'intervention' | 'version' | 'route', id?: string) => {
  const label = {
    region: { sv: 'Regionen', en: 'The region' },
    intervention: { sv: 'Insatsen', en: 'The intervention' },
    version: { sv: 'Versionen', en: 'The version' },
    route: { sv: 'Adressen', en: 'The address' },
  }[what];
  const quoted = id ? ` "${id}"` : '';
  return new HttpError(404, `${what}-not-found`, {
    sv: `${label.sv}${quoted} finns inte.`,
    en: `${label.en}${quoted} does not exist.`,
  });
};

export const internalError = () =>
  new HttpError(500, 'internal', {
    sv: 'Något gick fel hos oss. Försök igen om en stund.',
    en: 'Something went wrong on our side. Please try again in a moment.',
  });

export const serviceUnavailable = (cause?: unknown) =>
  new HttpError(
    503,
    'store-unavailable',
    {
      sv: 'Katalogen kan inte nås just nu. Ingenting har ändrats. Försök igen om en stund.',
      en: 'The catalogue cannot be reached right now. Nothing was changed. Please try again in a moment.',
    },
    { cause, headers: { 'retry-after': '5' } },
  );

/** 413 for a body over the limit, saying the limit in words an administrator understands. */
export const payloadTooLarge = (maxBytes: number, advice?: Messages) =>
  new HttpError(413, 'payload-too-large', {
    sv: `Filen är för stor. Största tillåtna storlek är ${maxBytes / 1024 / 1024} MB.${advice ? ` ${advice.sv}` : ''}`,
    en: `The file is too large. The largest allowed size is ${maxBytes / 1024 / 1024} MB.${advice ? ` ${advice.en}` : ''}`,
  });
