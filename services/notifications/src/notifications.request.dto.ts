import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsWholeNumber, QueryInt, QueryText } from '@whistle/http';
import { DELIVERY_STATUSES, type DeliveryStatus } from './notification-outbox';

/** `GET /api/notifications?status=&caseId=&page=&pageSize=` */
export class NotificationListRequest {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'only those in this delivery status' })
  @QueryText()
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;

  @ApiPropertyOptional({ example: 'c-20261205-0001', description: 'only those about this case' })
  @QueryText()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9._:@-]{1,200}$/, { message: 'caseId must be a case id' })
  caseId?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, 100)
  pageSize?: number;
}

/** `/api/notifications/{id}/retry` */
export class NotificationIdParam {
  @ApiProperty({ pattern: '^ntf_[0-9a-f]{32}$', example: 'ntf_0123456789abcdef0123456789abcdef', description: 'a notification id (ntf_ and 32 hex digits)' })
  @IsString()
  @Matches(/^ntf_[0-9a-f]{32}$/, { message: 'id must be a notification id (ntf_ and 32 hex digits)' })
  id!: string;
}
