import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isEventPayload, isUuid, validatePayload, validationError } from '@balanse/contracts';

const PLAIN = new Set<unknown>([String, Number, Boolean, Object, Array]);

/**
 * Validates every `@Payload()` whose parameter is typed with a contract class (a command body,
 * an event payload), each failing field named. Unknown fields of a command are refused; those of
 * an event are dropped (tolerant reader: a newer producer may add optional fields). A failure is
 * VALIDATION_FAILED, which for an event means it can never succeed (dead-lettered at once).
 */
@Injectable()
export class ContractPayloadPipe implements PipeTransform {
  transform(value: unknown, { type, metatype }: ArgumentMetadata): unknown {
    // Nest reports `@Payload()` parameters to pipes as 'body', `@Ctx()` ones as 'custom'.
    if (type !== 'body' || !metatype || PLAIN.has(metatype)) return value;
    return validatePayload(metatype as new () => object, value ?? {}, {
      unknownFields: isEventPayload(metatype) ? 'strip' : 'refuse',
    });
  }
}

/** `@Payload('id', IdPipe)`: a UUID path parameter, in lower case as ids are stored. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, { data }: ArgumentMetadata): string {
    if (!isUuid(value)) throw validationError([{ field: data ?? 'id', message: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}
