import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiQuery } from '@nestjs/swagger';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, PAGE_BYTE_BUDGET } from '@balanse/contracts';

/** `?limit=&cursor=` of every list (validated by the service with `PageQueryDto`). */
export function ApiPaged(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
      description: `items per page (a page may hold fewer: it also stops before ${PAGE_BYTE_BUDGET / 1024} KB of items)`,
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      schema: { type: 'string', maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' },
      description: '`nextCursor` of the previous page; opaque',
    }),
  );
}

/** A cursor as the examples show it. */
const EXAMPLE_CURSOR = 'WyJldmlkZW5jZSIsIjE3NDEwMDM3OTAwMjAwMDAiLCIzYTFjIl0';

/**
 * The page view of a list of `item`s, named `name` in the OpenAPI document: `items`, `hasMore`
 * and `nextCursor`, the answer of every list.
 */
export function PageView<T>(item: Type<T>, name: string): Type<unknown> {
  class Page {
    @ApiProperty({ type: [item], description: 'in the order of the list' })
    items: T[];
    @ApiProperty({ example: true, description: 'whether `nextCursor` leads to more' })
    hasMore: boolean;
    @ApiProperty({
      type: String,
      nullable: true,
      example: EXAMPLE_CURSOR,
      description: 'send as `cursor` for the next page; null on the last page',
    })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
