import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/**
 * A region id in the path: a positive int4 (a larger number would make Postgres fail, not 404).
 * The global pipe has already turned the text into a number (NaN when it was not one).
 */
@Injectable()
export class RegionIdPipe implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    const id = typeof value === 'number' ? value : /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
      throw new BadRequestException({ code: 'validation_failed', message: 'id must be a positive integer' });
    }
    return id;
  }
}
