import { ApiProperty } from '@nestjs/swagger';
import { IsQuarter } from '@whistle/http';

/** A quarter in the path, `2026-Q4`: checked before it names a stream. */
export class QuarterParam {
  @ApiProperty({ example: '2026-Q4' })
  @IsQuarter()
  quarter!: string;
}
