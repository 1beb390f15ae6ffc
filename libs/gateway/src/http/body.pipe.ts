import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validatePayload, validationError } from '@balanse/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates bodies against their contract class (whitelist, unknown fields refused, the body must
 * be a JSON object) and path ids as UUIDs, in lower case; the same classes validate again inside each service.
 */
@Injectable()
export class ContractPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      return validatePayload(metadata.metatype as new () => object, value ?? {});
    }
    if (metadata.type === 'param' && metadata.data && /id$/i.test(metadata.data)) {
      if (typeof value !== 'string' || !UUID.test(value)) {
        throw validationError([
          { field: metadata.data, message: `${metadata.data} must be a UUID` },
        ]);
      }
      return value.toLowerCase(); // ids are stored in lower case
    }
    return value;
  }
}
