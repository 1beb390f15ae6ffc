import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';

export const JUDGEMENTS = ['met', 'partly_met', 'not_met'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export class JudgeOutcomeDto {
  @ApiProperty({ enum: JUDGEMENTS }) @IsIn(JUDGEMENTS) judgement: Judgement;
  @ApiProperty({ example: 'Attestation and work sample show daily rota planning for 3 years.' })
  @IsString()
  @Matches(/\S/, { message: 'rationale must not be blank' })
  @MaxLength(5000)
  rationale: string;
}
