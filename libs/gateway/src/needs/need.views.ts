import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_IDS as ID } from '@balanse/contracts';
import { PageView } from '../openapi/api-paging';

/** What identify answers about a competence need (its `needView`). */

class RangeView {
  @ApiProperty({ example: 50 }) min: number;
  @ApiProperty({ example: 80 }) max: number;
}

export class NeedView {
  @ApiProperty({ format: 'uuid', example: ID.need }) id: string;
  @ApiProperty({ example: 'Battery industry in Norway: operators for cell production' })
  title: string;
  @ApiProperty({ format: 'uuid', example: ID.standard }) standardId: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) standardVersion: number | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    nullable: true,
    example: null,
    description: 'null: every outcome of the standard',
  })
  outcomeIds: string[] | null;
  @ApiProperty({ type: RangeView, nullable: true, example: { min: 7000, max: 7000 } })
  people: RangeView | null;
  @ApiProperty({
    type: RangeView,
    nullable: true,
    example: { min: 50, max: 80 },
    description: 'percent of them who should be skilled workers (fagutdannede)',
  })
  skilledWorkerShare: RangeView | null;
  @ApiProperty({ example: '27.20', description: 'NACE Rev. 2 code' }) sector: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'county number; null: national',
  })
  region: string | null;
  @ApiProperty({ format: 'date', example: '2030-12-31' }) neededBy: string;
  @ApiProperty({ example: true, description: 'seeded for every tenant; read-only' })
  shared: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T00:00:00.000Z' }) recordedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T00:00:00.000Z' }) updatedAt: string;
}

export const NeedPageView = PageView(NeedView, 'NeedPage');
