/** Field types shared by the card schema's parts (card-schema.ts is the entry point). */
import { z } from 'astro/zod';

/** Lower-case hex SHA-256. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');
export const count = z.number().int().nonnegative();
/** Zod 4's number() already refuses NaN and ±Infinity. */
export const finite = z.number();
/** `JSON.stringify` writes NaN as null: a measure that could not be taken. */
export const measured = z.number().nullable();
