import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { DEV_SIGN_IN_ROLES, type DevSignInRole } from './dev-sign-in.choices';

/** `POST /api/dev/sign-in`: a role, and the scope it needs (station id, unit id or compound id). */
export class DevSignInRequest {
  @ApiProperty({ enum: DEV_SIGN_IN_ROLES })
  @IsIn(DEV_SIGN_IN_ROLES)
  role!: DevSignInRole;

  @ApiPropertyOptional({ example: 'station-north', description: 'for role station' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  stationId?: string;

  @ApiPropertyOptional({ example: 'unit-jiaojing', description: 'for role unit' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  unitId?: string;

  @ApiPropertyOptional({ example: 'compound-xinghua-1', description: 'for role reporter' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  compoundId?: string;
}
