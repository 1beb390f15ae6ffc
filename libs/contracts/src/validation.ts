import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode, type FieldError } from './errors';

/** Flattens class-validator's tree into `field: message` pairs with dotted paths. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function validationError(fields: FieldError[]): DomainError {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new DomainError(400, ErrorCode.VALIDATION_FAILED, `invalid fields: ${names}`, undefined, fields);
}

/**
 * Turns untrusted plain data into a validated instance of `cls`, or throws a
 * VALIDATION_FAILED DomainError naming every failing field. Unknown fields are refused.
 */
export function validatePayload<T extends object>(cls: ClassConstructor<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw validationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationError(fieldErrors(errors));
  return instance;
}
