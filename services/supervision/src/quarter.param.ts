import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** A quarter in the path, `2026-Q4`: checked before it names a stream. */
export class QuarterParam {
  @ApiProperty({ example: '2026-Q4' })
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must be a quarter such as 2026-Q4' })
  quarter!: string;
}
