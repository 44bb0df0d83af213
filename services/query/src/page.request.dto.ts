import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { MAX_PAGE_SIZE } from '@whistle/read-models';
import { IsWholeNumber, QueryInt } from './query-params';

/** `page` and `pageSize`, validated alike on every paged list of the read side. */
export class PageRequest {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, MAX_PAGE_SIZE)
  pageSize?: number;
}
