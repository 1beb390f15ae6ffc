import { etagMatches } from './etag';

describe('If-None-Match', () => {
  const etag = '"abc123"';
  it('matches the tag, its weak form, `*` and a list holding it', () => {
    for (const header of ['"abc123"', 'W/"abc123"', '*', '"zzz", "abc123"', ' "abc123" '])
      expect({ header, match: etagMatches(header, etag) }).toEqual({ header, match: true });
  });
  it('does not match another tag, an unquoted one or none', () => {
    for (const header of [undefined, '', '"abc"', 'abc123', '"abc123x"'])
      expect({ header, match: etagMatches(header, etag) }).toEqual({ header, match: false });
  });
});
